/**
 * @module
 * Stories as the lists show them: the lead (large picture, standfirst), and cards with a thumbnail
 * when the story has a picture. Every image carries `width`/`height` (the browser keeps its space
 * before it loads: no layout shift) and, for photos uploaded here, `srcset` over the renditions.
 * Only the headline is a link, so each story is one stop for keyboard and screen-reader users.
 */

import type { ImageView } from "../views/views.ts";
import { fallbackRendition } from "./body.tsx";
import { readerDate, shortDate } from "./format.ts";

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
}

/** The lead's picture spans the lead column: two thirds of the 72rem page from 64rem up, else the viewport. */
const LEAD_SIZES = "(min-width: 64rem) 44rem, calc(100vw - 2rem)";

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

/** The lead's time as the article page prints it; a list's shorter (`1 Nov 2026, 08:30 GMT`), in the page's language. */
function Dateline({ story, lang, long = false }: { story: Story; lang: string; long?: boolean }) {
  return (
    <p class="meta">
      <time datetime={story.datePublished}>{long ? readerDate(story.datePublished, lang) : shortDate(story.datePublished, lang)}</time>
    </p>
  );
}

/** The first story of a front or section page: picture, headline, standfirst and time. */
export function LeadStory({ story, lang }: { story: Story; lang: string }) {
  return (
    <article class="lead">
      {story.image?.src && <LeadPicture image={story.image} />}
      <h2>
        <a href={story.url} dir="auto">
          {story.headline}
        </a>
      </h2>
      {story.description && <p class="standfirst">{story.description}</p>}
      <Dateline story={story} lang={lang} long />
    </article>
  );
}

/**
 * A story in a list, as the list item itself (markup kept lean: a front page has 40 of them);
 * `level` is its headline's heading level (under the list's own heading).
 */
function StoryItem({ story, level, standfirst, picture, lang }: { story: Story; level: 2 | 3; standfirst: boolean; picture: boolean; lang: string }) {
  const pictured = picture && story.image?.src;
  // `dir="auto"`: a headline in a right-to-left script reads right to left in a left-to-right list.
  const headline = (
    <a href={story.url} dir="auto">
      {story.headline}
    </a>
  );
  return (
    <li class={pictured ? "card pic" : "card"}>
      {level === 2 ? <h2>{headline}</h2> : <h3>{headline}</h3>}
      {standfirst && story.description && <p class="dek">{story.description}</p>}
      <Dateline story={story} lang={lang} />
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
}: {
  stories: Story[];
  level?: 2 | 3;
  standfirst?: boolean;
  pictures?: "all" | "first" | "none";
  /** The language of the page around the list (its dates). */
  lang: string;
  class?: string;
}) {
  return (
    <ol class={className}>
      {stories.map((s, i) => (
        <StoryItem story={s} level={level} standfirst={standfirst} picture={pictures === "all" || (pictures === "first" && i === 0)} lang={lang} />
      ))}
    </ol>
  );
}
