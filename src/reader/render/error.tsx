import { errorText, t } from "../i18n/messages.ts";
import type { Site } from "../site/config.ts";
import type { Nav } from "./chrome.tsx";
import { Layout } from "./layout.tsx";

/**
 * A fixed message per status: nothing from the request is echoed. On a site in another language than
 * English, the catalog's heading and text for the status, where it has them (404, 400, 500, 503).
 */
export function ErrorPage({ status, title, detail, site, nav }: { status: number; title: string; detail: string; site: Site; nav?: Nav }) {
  const [heading, text] = (site.language.startsWith("en") ? undefined : errorText(site.language, status)) ?? [title, detail];
  return (
    <Layout site={site} nav={nav} head={{ title: `${heading} | ${site.name}`, description: text }}>
      <h1>{heading}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t(site.language, "frontPage")}</a>
      </p>
      <p class="meta">HTTP {status}</p>
    </Layout>
  );
}
