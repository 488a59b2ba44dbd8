import type { SearchView, Site } from "../views.ts";
import { longDate } from "./format.ts";
import type { Nav } from "./chrome.tsx";
import { Layout } from "./layout.tsx";
import { Pager } from "./pager.tsx";

/** A snippet with its highlights as `<mark>`: every part is text, escaped by JSX. */
function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  const parts: (string | ReturnType<typeof Mark>)[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    parts.push(text.slice(at, start), <Mark text={text.slice(start, end)} />);
    at = end;
  }
  parts.push(text.slice(at));
  return <p class="snippet">{parts}</p>;
}

function Mark({ text }: { text: string }) {
  return <mark>{text}</mark>;
}

/** `/search?q=…`: a plain GET form (no script) and the results, best first. */
export function SearchPage({
  view,
  site,
  links,
  nav,
}: {
  view: SearchView;
  site: Site;
  links: { canonical: string; prev?: string; next?: string };
  nav?: Nav;
}) {
  const title = view.query ? `Search: ${view.query}` : "Search";
  return (
    <Layout
      site={site}
      nav={nav}
      head={{ title: `${title} | ${site.name}`, description: `Search every article of ${site.name}.`, canonical: links.canonical, robots: "noindex" }}
    >
      <h1>{title}</h1>
      <form role="search" method="get" action="/search">
        <label for="q">Search the news</label> <input id="q" name="q" type="search" value={view.query} maxlength={200} required />{" "}
        <button type="submit">Search</button>
      </form>
      {view.query ? (
        <p>{view.total === 1 ? "1 article" : `${view.total} articles`}</p>
      ) : (
        <p>Type a few words: the results are the articles that have all of them, best matches first.</p>
      )}
      <ol class="list">
        {view.results.map((r) => (
          <li>
            <a href={r.url}>{r.headline}</a>
            <Snippet text={r.snippet} highlights={r.highlights} />
            <p class="meta">
              {r.section.join(" / ")} · <time datetime={r.datePublished}>{longDate(r.datePublished)}</time>
            </p>
          </li>
        ))}
      </ol>
      <Pager prev={links.prev} next={links.next} labels={["Better matches", "More results"]} />
    </Layout>
  );
}
