/**
 * @module
 * Stories as the lists show them: the lead (picture beside headline and standfirst from 64rem), and
 * cards with a kicker (the story's section), headline, time (its age on its first day) and a
 * thumbnail when the story has a picture; a byline where a card has room (the lead, the stories under it). Every image carries `width`/`height` (the browser keeps its space
 * before it loads: no layout shift) and, for photos uploaded here, `srcset` over the renditions.
 * Only the headline is a link, so each story is one stop for keyboard and screen-reader users.
 */

import type { ImageView } from "../views/views.ts";
import { fallbackRendition } from "./body.tsx";
import { direction } from "../../shared/model/blocks.ts";
import { baseLanguage, listOf, t } from "../i18n/messages.ts";
import { listTime } from "./format.ts";
import { type SectionNames, shownName } from "../site/section-names.ts";

/** A story in a list: a list entry with its standfirst and lead image (`richSummary`). */
export interface Story {
  id: string;
  /** Root-relative (`/Detail/…`), like its pictures' URLs: the page stays on the host it was read on, in fewer bytes. */
  url: string;
  headline: string;
  section: string[];
  datePublished: string;
  description: string;
  image: ImageView | null;
  /** An editor's pick (`featured`): it leads its pages. */
  featured?: boolean;
  /** The authors' names (from the listing), for a byline. */
  authors?: string[];
  /** The story's language when it declares one (BCP 47). */
  language?: string;
}

/** `lang` and `dir` for a story in another language than its page's (an English story in the Persian edition reads left to right). */
function own(story: Story, lang: string): { lang?: string; dir?: "ltr" | "rtl" } {
  return story.language && baseLanguage(story.language) !== baseLanguage(lang) ? { lang: story.language, dir: direction(story.language) } : {};
}

/** The lead's picture: three fifths of the lead column (two thirds of the 72rem page) from 64rem up, else the viewport. */
const LEAD_SIZES = "(min-width: 64rem) 27rem, calc(100vw - 2rem)";

// The headline next to a picture says what the story is; the picture's own alt text stays on the article page.

/** The lead's picture: `srcset` over an uploaded photo's renditions, fetched first, never lazily (the page's largest element). */
function LeadPicture({ image }: { image: ImageView }) {
  const size = image.width && image.height ? { width: String(image.width), height: String(image.height) } : {};
  const r = image.renditions?.length ? image.renditions : undefined;
  return r ? (
    <img
      src={fallbackRendition(r).url}
      srcset={r.map((x) => `${x.url} ${x.width}w`).join(", ")}
      sizes={LEAD_SIZES}
      alt=""
      {...size}
      fetchpriority="high"
      decoding="async"
    />
  ) : (
    <img src={image.src} alt="" {...size} fetchpriority="high" decoding="async" />
  );
}

/**
 * A thumbnail: an uploaded photo's narrowest rendition (320 px covers the 8rem thumbnail at 2.5×
 * density) and no `srcset`, which would cost about 500 bytes a story on a page of 50 stories.
 */
export function Thumbnail({ image }: { image: ImageView }) {
  const r = image.renditions?.[0];
  const height = r && image.width && image.height ? Math.round((image.height * r.width) / image.width) : image.height;
  const size = image.width && height ? { width: String(r?.width ?? image.width), height: String(height) } : {};
  return <img src={r?.url ?? image.src} alt="" {...size} loading="lazy" />;
}

/** A card's kicker: the story's own section (its deepest), unless the list is that section's. */
function Kicker({ story, here, names }: { story: Story; here?: string; names?: SectionNames }) {
  const name = story.section[story.section.length - 1];
  // In the edition's words where site.toml names it (`[section_names.<language>]`), as the menu does.
  const shown = name && shownName(names, story.section.join("/"), name);
  return name && name !== here && shown !== here ? <p class="kicker">{shown}</p> : null;
}

/** Byline (where a card has room) and time: `By A and B · 12 minutes ago`; the full date in `title` when the time is an age. */
function Meta({ story, lang, byline = false, long = false }: { story: Story; lang: string; byline?: boolean; long?: boolean }) {
  const names = byline && story.authors?.length ? listOf(lang, story.authors) : "";
  return (
    <p class="meta">
      {names && <span class="by">{`${t(lang, "by")} ${names} · `}</span>}
      <time datetime={story.datePublished}>{listTime(story.datePublished, lang, Date.now(), long)}</time>
    </p>
  );
}

/** The first story of a front or section page: picture, kicker, headline, standfirst, byline and time. */
export function LeadStory({ story, lang, here, names }: { story: Story; lang: string; here?: string; names?: SectionNames }) {
  const mine = own(story, lang);
  return (
    <article class={story.image?.src ? "lead pic" : "lead"} {...mine}>
      {story.image?.src && <LeadPicture image={story.image} />}
      <div>
        <Kicker story={story} here={here} names={names} />
        <h2>
          <a href={story.url} dir="auto">
            {story.headline}
          </a>
        </h2>
        {story.description && <p class="standfirst">{story.description}</p>}
        <Meta story={story} lang={mine.lang ?? lang} byline long />
      </div>
    </article>
  );
}

/**
 * A story in a list, as the list item itself (markup kept lean: a front page has 40 of them);
 * `level` is its headline's heading level (under the list's own heading).
 */
function StoryItem({
  story,
  level,
  standfirst,
  picture,
  lang,
  here,
  names,
}: {
  story: Story;
  level: 2 | 3;
  standfirst: boolean;
  picture: boolean;
  lang: string;
  here?: string;
  names?: SectionNames;
}) {
  const pictured = picture && story.image?.src;
  // A story in another language has its byline and time in it too, as on its own page.
  const mine = own(story, lang);
  // `dir="auto"`: a headline in a right-to-left script reads right to left in a left-to-right list.
  const headline = (
    <a href={story.url} dir="auto">
      {story.headline}
    </a>
  );
  return (
    <li class={pictured ? "card pic" : "card"} {...mine}>
      <Kicker story={story} here={here} names={names} />
      {level === 2 ? <h2>{headline}</h2> : <h3>{headline}</h3>}
      {standfirst && story.description && <p class="dek">{story.description}</p>}
      <Meta story={story} lang={mine.lang ?? lang} byline={standfirst} />
      {pictured && <Thumbnail image={story.image!} />}
    </li>
  );
}

/** Stories as an ordered list; `pictures`: every story's, the first one's only (a section block), or none. */
export function StoryList({
  stories,
  level = 3,
  standfirst = false,
  pictures = "all",
  lang,
  class: className = "cards",
  here,
  names,
}: {
  stories: Story[];
  level?: 2 | 3;
  standfirst?: boolean;
  pictures?: "all" | "first" | "none";
  /** The language of the page around the list (its dates). */
  lang: string;
  class?: string;
  /** The name of the section whose page this is: its own stories need no kicker. */
  here?: string;
  /** The edition's section names (site.toml), for the kickers. */
  names?: SectionNames;
}) {
  return (
    <ol class={className}>
      {stories.map((s, i) => (
        <StoryItem
          story={s}
          level={level}
          standfirst={standfirst}
          picture={pictures === "all" || (pictures === "first" && i === 0)}
          lang={lang}
          here={here}
          names={names}
        />
      ))}
    </ol>
  );
}
