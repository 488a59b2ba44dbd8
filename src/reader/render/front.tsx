import type { ArticleList } from "../views/views.ts";
import type { Site } from "../site/config.ts";
import { type Story, LeadStory, StoryList } from "./cards.tsx";
import { Breadcrumb, type Nav, type NavSection } from "./chrome.tsx";
import { type Head, Layout } from "./layout.tsx";
import { Pager } from "./pager.tsx";
import { number, t } from "../i18n/messages.ts";
import { scopesOf } from "../../shared/model/index-tree.ts";
import { shownName } from "../site/section-names.ts";

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

/** ", page 2 of 5" (in the edition's words) on a listing of more than one page; else nothing. */
export function pageNote(site: Site, list: { page: number; pages: number }): string {
  const lang = site.language;
  return list.pages > 1 ? t(lang, "pageOf", number(lang, list.page), number(lang, list.pages)) : "";
}

/** A listing's `<head>` (sections, the front page, authors, tags, corrections): its title with the page it is on, and its feeds. */
export function listingHead(site: Site, list: { page: number; pages: number }, title: string, description: string, links: ListLinks): Head {
  return {
    title: `${title}${pageNote(site, list)} | ${site.name}`,
    description,
    canonical: links.canonical,
    jsonAlternate: links.self,
    meta: (
      <>
        <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={links.rss} />
        <link rel="alternate" type="application/atom+xml" title={`${title} (Atom)`} href={links.atom} />
      </>
    ),
  };
}

/** A block of a front or section page: a subsection and its newest stories. */
export interface SectionBlock {
  name: string;
  path: string;
  stories: Story[];
}

/**
 * What a list page shows beyond the list itself (the JSON view is the list alone). On a first page
 * each story appears once: in the lead, under it, in Latest, in a block or in More news.
 */
export interface ListExtras {
  /** The list's articles with standfirst and picture, in the list's order. */
  stories: Story[];
  /** First pages only: the lead, the stories under it, the Latest rail, the rest of the page's stories. */
  lead?: Story;
  under?: Story[];
  latest?: Story[];
  more?: Story[];
  /** The newest stories of each subsection (top-level sections on the front page) not shown above; first pages only. */
  blocks: SectionBlock[];
  nav: Nav;
}

/** The subsections of the section at `path` in the menu's tree (none for the front page or a section not in it). */
function subsectionsOf(sections: NavSection[], path: string): NavSection[] {
  for (const s of sections) {
    if (s.path === path) return s.sections;
    if (path.startsWith(s.path + "/")) return subsectionsOf(s.sections, path);
  }
  return [];
}

/**
 * The front page and the section pages. A first page leads with its lead story (picture, standfirst)
 * and the stories under it, the Latest rail beside them, then a block per subsection and the rest of
 * the list; later pages are the list alone. One column on a phone; from 64rem the lead's column and
 * the rail stand side by side and end level (site.css), and the blocks sit in columns.
 */
export function ListPage({ list, site, links, extras }: { list: ArticleList; site: Site; links: ListLinks; extras: ListExtras }) {
  const lang = site.language;
  const front = list.section.length === 0;
  // In the edition's words where site.toml names them (`[section_names.<language>]`), as the menu and the blocks.
  const shown = scopesOf(list.section)
    .slice(1)
    .map((p, i) => shownName(site.sectionNames, p, list.section[i]));
  const path = shown.join(" / ");
  const heading = front ? t(lang, "latestNews") : shown[shown.length - 1];
  const title = front ? heading : path;
  const { stories, blocks, lead, under = [], latest = [], more = [] } = extras;
  const first = list.page === 1 && lead !== undefined;
  const here = front ? undefined : heading;
  const subsections = front ? [] : subsectionsOf(extras.nav.sections, list.section.join("/"));
  return (
    <Layout
      site={site}
      nav={extras.nav}
      wide
      head={listingHead(site, list, title, front ? t(lang, "frontDesc", site.name) : t(lang, "sectionDesc", site.name, path), links)}
    >
      {!front && <Breadcrumb site={site} names={list.section.slice(0, -1)} />}
      <h1 class={front && first ? "vh" : undefined}>
        {heading}
        {pageNote(site, list)}
      </h1>
      {subsections.length > 0 && (
        <nav class="subs" aria-label={t(lang, "inSection", heading)}>
          <ul>
            {subsections.map((s) => (
              <li>
                <a href={`${site.origin}/${s.path}`}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {stories.length === 0 ? (
        <p>{t(lang, "none")}</p>
      ) : first ? (
        <>
          <div class={latest.length > 0 ? "top" : "top solo"}>
            <div class="lead-col">
              <LeadStory story={lead} lang={lang} names={site.sectionNames} here={here} />
              {under.length > 0 && <StoryList stories={under} standfirst lang={lang} names={site.sectionNames} class="cards under" here={here} />}
            </div>
            {latest.length > 0 && (
              <section class="latest" aria-labelledby="latest">
                <h2 id="latest">{t(lang, "latest")}</h2>
                <StoryList stories={latest} pictures="none" lang={lang} names={site.sectionNames} here={here} />
              </section>
            )}
          </div>
          {blocks.length > 0 && (
            <div class="blocks">
              {blocks.map((b, i) => (
                <section aria-labelledby={`block-${i}`}>
                  <h2 id={`block-${i}`}>
                    <a href={`${site.origin}/${b.path}`}>{b.name}</a>
                  </h2>
                  <StoryList stories={b.stories} lang={lang} names={site.sectionNames} class="cards stack" />
                </section>
              ))}
            </div>
          )}
          {more.length > 0 && (
            <section class="more" aria-labelledby="more">
              <h2 id="more">{front ? t(lang, "moreNews") : t(lang, "moreIn", heading)}</h2>
              <StoryList stories={more} pictures="none" lang={lang} names={site.sectionNames} here={here} />
            </section>
          )}
        </>
      ) : (
        <StoryList stories={stories} level={2} standfirst lang={lang} names={site.sectionNames} here={here} />
      )}
      <Pager site={site} prev={links.prev} next={links.next} labels={["newer", "older"]} />
    </Layout>
  );
}
