import type { Site } from "../views.ts";
import type { Nav } from "./chrome.tsx";
import { Layout } from "./layout.tsx";

/** A fixed message per status: nothing from the request is echoed. */
export function ErrorPage({ status, title, detail, site, nav }: { status: number; title: string; detail: string; site: Site; nav?: Nav }) {
  return (
    <Layout site={site} nav={nav} head={{ title: `${title} | ${site.name}`, description: detail }}>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
      <p class="meta">HTTP {status}</p>
    </Layout>
  );
}
