import type { ArticleList, Site } from "../views.ts";
import { longDate } from "./format.ts";
import { Layout } from "./layout.tsx";
import { Pager } from "./pager.tsx";

export interface ListLinks {
  /** This list on the canonical origin, and as JSON on this host. */
  canonical: string;
  self: string;
  prev?: string;
  next?: string;
  /** Feeds of this list, on this host. */
  rss: string;
  atom: string;
}

/** The front page and the section pages: a list of articles, newest first. */
export function ListPage({ list, site, links }: { list: ArticleList; site: Site; links: ListLinks }) {
  const title = list.section.length ? list.section.join(" / ") : "Latest news";
  const pageNote = list.pages > 1 ? ` (page ${list.page} of ${list.pages})` : "";
  return (
    <Layout
      site={site}
      head={{
        title: `${title}${pageNote} | ${site.name}`,
        canonical: links.canonical,
        jsonAlternate: links.self,
        meta: (
          <>
            <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={links.rss} />
            <link rel="alternate" type="application/atom+xml" title={`${title} (Atom)`} href={links.atom} />
          </>
        ),
      }}
    >
      <h1>
        {title}
        {pageNote}
      </h1>
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
      <Pager prev={links.prev} next={links.next} labels={["Newer articles", "Older articles"]} />
    </Layout>
  );
}
