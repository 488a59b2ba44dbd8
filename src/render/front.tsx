import type { ArticleList, Site } from "../views.ts";
import { longDate } from "./format.ts";
import { Layout } from "./layout.tsx";

export function FrontPage({ list, site }: { list: ArticleList; site: Site }) {
  return (
    <Layout site={site} head={{ title: `${site.name} — latest news`, canonical: site.canonicalOrigin + "/", jsonAlternate: site.origin + "/" }}>
      <h1>Latest news</h1>
      {list.articles.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ol class="list">
          {list.articles.map((a) => (
            <li>
              <a href={a.url}>{a.headline}</a>
              <p class="meta">
                {a.section.join(" / ")} · <time datetime={a.datePublished}>{longDate(a.datePublished)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
