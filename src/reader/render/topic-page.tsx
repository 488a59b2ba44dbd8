/**
 * @module
 * An author's page (`/author/<slug>`), a tag's (`/tag/<slug>`) and the corrections (`/corrections`):
 * a label and the name, what the page is, then the stories as cards with standfirsts (the first page
 * with pictures), newest first, and the pager. On `/corrections` each story shows its latest
 * correction, dated, under its headline's card. Script-free like every public page.
 */

import { t } from "../i18n/messages.ts";
import type { Site } from "../site/config.ts";
import type { Correction } from "../../shared/model/blocks.ts";
import type { TopicList } from "../views/views.ts";
import { type Story, StoryList } from "./cards.tsx";
import type { Nav } from "./chrome.tsx";
import { type ListLinks, listingHead, pageNote } from "./front.tsx";
import { Layout } from "./layout.tsx";
import { direction } from "../../shared/model/blocks.ts";
import { Pager } from "./pager.tsx";
import { longDate } from "./format.ts";

export interface TopicExtras {
  nav: Nav;
  /** The list's stories with standfirst and picture, in the list's order. */
  stories: Story[];
}

/** The page's title and its line under the heading, in the edition's language. */
export function topicTitle(list: TopicList, site: Site): { title: string; label: string; description: string } {
  const lang = site.language;
  const { kind, name } = list.topic;
  if (kind === "author") return { title: name, label: t(lang, "authorLabel"), description: t(lang, "authorDesc", name, site.name) };
  if (kind === "tag") return { title: name, label: t(lang, "topicLabel"), description: t(lang, "tagDesc", name, site.name) };
  return { title: t(lang, "corrections"), label: "", description: t(lang, "correctionsDesc", site.name) };
}

function CorrectionList({ list, stories, lang }: { list: TopicList; stories: Story[]; lang: string }) {
  const corrections = new Map<string, Correction>();
  for (const a of list.articles) if (a.correction) corrections.set(a.id, a.correction);
  return (
    <ol class="cards fixes">
      {stories.map((s) => {
        const c = corrections.get(s.id);
        return (
          // A story in another language than the edition's (an English one in the Persian edition) reads in its own, as its card does.
          <li class="card" {...(s.language && { lang: s.language, dir: direction(s.language) })}>
            <h2>
              <a href={s.url} dir="auto">
                {s.headline}
              </a>
            </h2>
            {c && (
              <p class="fix">
                <time datetime={c.date}>{longDate(c.date, s.language ?? lang)}</time>
                {": "}
                {c.text}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function TopicPage({ list, site, links, extras }: { list: TopicList; site: Site; links: ListLinks; extras: TopicExtras }) {
  const lang = site.language;
  const { title, label, description } = topicTitle(list, site);
  const corrections = list.topic.kind === "corrections";
  return (
    <Layout site={site} nav={extras.nav} wide head={listingHead(site, list, title, description, links)}>
      <header class={list.topic.kind === "author" ? "topic person" : "topic"}>
        {list.topic.kind === "author" && (
          <span class="monogram" aria-hidden="true">
            {[...title.trim()][0]?.toUpperCase()}
          </span>
        )}
        {label && <p class="kicker">{label}</p>}
        {/* The name isolated (an English name in the Persian edition), the heading in the page's direction. */}
        <h1>
          <bdi>{title}</bdi>
          {pageNote(site, list)}
        </h1>
        <p class="dek">{description}</p>
      </header>
      {extras.stories.length === 0 ? (
        <p>{corrections ? t(lang, "noCorrections") : t(lang, "none")}</p>
      ) : corrections ? (
        <CorrectionList list={list} stories={extras.stories} lang={lang} />
      ) : (
        <StoryList stories={extras.stories} level={2} standfirst lang={lang} names={site.sectionNames} class="cards topic-list" />
      )}
      <p class="meta feeds">
        <a href={links.rss}>{t(lang, "rss")}</a> · <a href={links.atom}>{t(lang, "atom")}</a>
      </p>
      <Pager site={site} prev={links.prev} next={links.next} labels={["newer", "older"]} />
    </Layout>
  );
}
