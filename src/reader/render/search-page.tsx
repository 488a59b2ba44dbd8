/**
 * @module
 * `/search`: the page's own search field (the masthead's is then left out, so the page has one), and
 * the results, best first: headline, the snippet with its matches marked, section and date, and a
 * thumbnail where the story has a picture. A search that finds nothing says so and offers the latest
 * stories and the sections, so the reader is never left at a dead end.
 */

import { plural, t } from "../i18n/messages.ts";
import type { ImageView, SearchView } from "../views/views.ts";
import type { Site } from "../site/config.ts";
import { type Story, StoryList, Thumbnail } from "./cards.tsx";
import type { Nav } from "./chrome.tsx";
import { shortDate } from "./format.ts";
import { Layout } from "./layout.tsx";
import { Pager } from "./pager.tsx";

/**
 * A snippet as it reads on the page: one that the index cut from the middle of its text opens with
 * "…" and a whole word (the index may cut inside a word such as "34-Turkish"; issue 36: the cut is
 * marked, as the end's is). The first word is dropped only when no match is in it. Highlights move with the text.
 */
export function fromWord(text: string, highlights: [number, number][]): { text: string; highlights: [number, number][] } {
  if (!text.startsWith("…")) return { text, highlights };
  const space = text.search(/\s/);
  const firstMatch = highlights[0]?.[0] ?? Infinity;
  const cut = space > 0 && firstMatch > space ? space : 0;
  return { text: "…" + text.slice(cut + 1), highlights: highlights.map(([s, e]) => [s - cut, e - cut]) };
}

/** A snippet with its highlights as `<mark>`: every part is text, escaped by JSX. */
function Snippet({ text, highlights }: { text: string; highlights: [number, number][] }) {
  const shown = fromWord(text, highlights);
  const parts: unknown[] = [];
  let at = 0;
  for (const [start, end] of shown.highlights) {
    if (start < at || end <= start) continue;
    parts.push(shown.text.slice(at, start), <mark>{shown.text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(shown.text.slice(at));
  return <p class="snippet">{parts}</p>;
}

/**
 * `/search?q=…`: a plain GET form (no script) and the results, best first; `images`: each result's
 * picture, if any; `notice`: what the reader must know of the query (no word in it; words left out),
 * with `omitted`, the words left out, after it and isolated in their own direction.
 */
export function SearchPage({
  view,
  site,
  links,
  nav,
  images = [],
  notice,
  latest = [],
}: {
  view: SearchView;
  site: Site;
  links: { canonical: string; prev?: string; next?: string };
  nav?: Nav;
  images?: (ImageView | null)[];
  notice?: { text: string; omitted?: string };
  /** For a search that found nothing: the site's newest stories. */
  latest?: Story[];
}) {
  const lang = site.language;
  const title = view.query ? t(lang, "searchTitle", view.query) : t(lang, "search");
  return (
    <Layout
      site={site}
      nav={nav}
      search={false}
      head={{ title: `${title} | ${site.name}`, description: t(lang, "searchDesc", site.name), canonical: links.canonical, robots: "noindex" }}
    >
      <h1>{title}</h1>
      <form class="find page-find" role="search" method="get" action="/search">
        <label for="q" class="vh">
          {t(lang, "searchLabel")}
        </label>
        <input id="q" name="q" type="search" value={view.query} placeholder={t(lang, "search")} maxlength={200} required />
        <button type="submit">{t(lang, "search")}</button>
      </form>
      {notice && (
        <p class="notice" role="status">
          {notice.text}
          {notice.omitted && <bdi>{notice.omitted}</bdi>}
        </p>
      )}
      {(view.query || !notice) && <p class="meta">{view.query ? plural(lang, "results", view.total) : t(lang, "searchHint")}</p>}
      <ol class="cards results">
        {view.results.map((r, i) => {
          const image = images[i];
          return (
            <li class={image?.src ? "card pic" : "card"}>
              <h2>
                <a href={r.url} dir="auto">
                  {r.headline}
                </a>
              </h2>
              <Snippet text={r.snippet} highlights={r.highlights} />
              <p class="meta">
                {r.section.join(" / ")} · <time datetime={r.datePublished}>{shortDate(r.datePublished, lang)}</time>
              </p>
              {image?.src && <Thumbnail image={image} />}
            </li>
          );
        })}
      </ol>
      {view.query && view.total === 0 && (
        <>
          <p class="notice">{t(lang, "noResults")}</p>
          {latest.length > 0 && (
            <section class="latest" aria-labelledby="latest">
              <h2 id="latest">{t(lang, "latest")}</h2>
              <StoryList stories={latest} pictures="none" lang={lang} names={site.sectionNames} />
            </section>
          )}
          {nav && nav.sections.length > 0 && (
            <section class="subs" aria-labelledby="in-sections">
              <h2 id="in-sections">{t(lang, "sections")}</h2>
              <ul>
                {nav.sections
                  .flatMap((s) => [s, ...s.sections])
                  .map((s) => (
                    <li>
                      <a href={`${site.origin}/${s.path}`}>{s.name}</a>
                    </li>
                  ))}
              </ul>
            </section>
          )}
        </>
      )}
      <Pager site={site} prev={links.prev} next={links.next} labels={["better", "moreResults"]} />
    </Layout>
  );
}
