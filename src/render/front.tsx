import type { ArticleList, Site } from "../views.ts";
import { type Story, LeadStory, StoryList } from "./cards.tsx";
import { Breadcrumb, type Nav } from "./chrome.tsx";
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

/** A block of a front or section page: a subsection and its newest stories. */
export interface SectionBlock {
  name: string;
  path: string;
  stories: Story[];
}

/** What a list page shows beyond the list itself (the JSON view is the list alone). */
export interface ListExtras {
  /** The list's articles with standfirst and picture, in the list's order. */
  stories: Story[];
  /** The newest stories of each subsection (top-level sections on the front page); first pages only. */
  blocks: SectionBlock[];
  nav: Nav;
}

/** Stories in the "Latest" column beside the lead, on a first page. */
const LATEST = 6;

/**
 * The front page and the section pages. A first page leads with the newest story (picture,
 * standfirst), then the latest beside it, then a block per subsection and the rest of the list;
 * later pages are the list alone. One column on a phone; from 64rem the lead and the latest sit
 * side by side and the blocks in columns.
 */
export function ListPage({ list, site, links, extras }: { list: ArticleList; site: Site; links: ListLinks; extras: ListExtras }) {
  const front = list.section.length === 0;
  const title = front ? "Latest news" : list.section.join(" / ");
  const heading = front ? "Latest news" : list.section[list.section.length - 1];
  const pageNote = list.pages > 1 ? ` (page ${list.page} of ${list.pages})` : "";
  const { stories, blocks } = extras;
  const first = list.page === 1 && stories.length > 0;
  const [lead, ...others] = stories;
  return (
    <Layout
      site={site}
      nav={extras.nav}
      wide
      head={{
        title: `${title}${pageNote} | ${site.name}`,
        description: front ? `The latest news from ${site.name}, newest first.` : `The latest from ${site.name} in ${list.section.join(" / ")}, newest first.`,
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
      {!front && <Breadcrumb site={site} names={list.section.slice(0, -1)} />}
      <h1 class={front && first ? "vh" : undefined}>
        {heading}
        {pageNote}
      </h1>
      {stories.length === 0 ? (
        <p>No articles yet.</p>
      ) : first ? (
        <>
          <div class="top">
            <LeadStory story={lead} />
            {others.length > 0 && (
              <section class="latest" aria-labelledby="latest">
                <h2 id="latest">Latest</h2>
                <StoryList stories={others.slice(0, LATEST)} />
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
                  <StoryList stories={b.stories} pictures="first" />
                </section>
              ))}
            </div>
          )}
          {others.length > LATEST && (
            <section class="more" aria-labelledby="more">
              <h2 id="more">More {front ? "news" : `in ${heading}`}</h2>
              <StoryList stories={others.slice(LATEST)} pictures="none" />
            </section>
          )}
        </>
      ) : (
        <StoryList stories={stories} level={2} standfirst />
      )}
      <Pager prev={links.prev} next={links.next} labels={["Newer articles", "Older articles"]} />
    </Layout>
  );
}
