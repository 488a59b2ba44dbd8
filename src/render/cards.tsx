/**
 * @module
 * Stories as the lists show them: the lead (large picture, standfirst), and cards with a thumbnail
 * when the story has a picture. Every image carries `width`/`height` (the browser keeps its space
 * before it loads: no layout shift) and, for photos uploaded here, `srcset` over the renditions.
 * Only the headline is a link, so each story is one stop for keyboard and screen-reader users.
 */

import type { ImageView } from "../views.ts";
import { fallbackRendition } from "./body.tsx";
import { readerDate } from "./format.ts";

/** A story in a list: a list entry with its standfirst and lead image (`richSummary`). */
export interface Story {
  id: string;
  url: string;
  headline: string;
  section: string[];
  datePublished: string;
  description: string;
  image: ImageView | null;
}

/** The lead's picture spans the lead column: two thirds of the 72rem page from 64rem up, else the viewport. */
const LEAD_SIZES = "(min-width: 64rem) 44rem, calc(100vw - 2rem)";
/** Thumbnails are 8rem wide (6rem on a phone). */
const THUMB_SIZES = "(min-width: 48rem) 8rem, 6rem";

function Picture({ image, sizes, lead }: { image: ImageView; sizes: string; lead: boolean }) {
  if (!image.src) return null;
  const size = image.width && image.height ? { width: String(image.width), height: String(image.height) } : {};
  // The lead picture is the page's largest element: fetched first, never lazily.
  const load = lead ? ({ fetchpriority: "high", decoding: "async" } as const) : ({ loading: "lazy", decoding: "async" } as const);
  const r = image.renditions?.length ? image.renditions : undefined;
  // The headline next to it says what the story is; the picture's own alt text stays on the article page.
  return r ? (
    <img src={fallbackRendition(r).url} srcset={r.map((x) => `${x.url} ${x.width}w`).join(", ")} sizes={sizes} alt="" {...size} {...load} />
  ) : (
    <img src={image.src} alt="" {...size} {...load} />
  );
}

function Dateline({ story }: { story: Story }) {
  return (
    <p class="meta">
      <time datetime={story.datePublished}>{readerDate(story.datePublished)}</time>
    </p>
  );
}

/** The first story of a front or section page: picture, headline, standfirst and time. */
export function LeadStory({ story }: { story: Story }) {
  return (
    <article class="lead">
      {story.image?.src && <Picture image={story.image} sizes={LEAD_SIZES} lead />}
      <h2>
        <a href={story.url} dir="auto">
          {story.headline}
        </a>
      </h2>
      {story.description && <p class="standfirst">{story.description}</p>}
      <Dateline story={story} />
    </article>
  );
}

/** A story in a list; `level` is its headline's heading level (under the list's own heading). */
export function StoryCard({ story, level = 3, standfirst = false }: { story: Story; level?: 2 | 3; standfirst?: boolean }) {
  // `dir="auto"`: a headline in a right-to-left script reads right to left in a left-to-right list.
  const headline = (
    <a href={story.url} dir="auto">
      {story.headline}
    </a>
  );
  return (
    <article class={story.image?.src ? "card pic" : "card"}>
      <div>
        {level === 2 ? <h2>{headline}</h2> : <h3>{headline}</h3>}
        {standfirst && story.description && <p class="dek">{story.description}</p>}
        <Dateline story={story} />
      </div>
      {story.image?.src && <Picture image={story.image} sizes={THUMB_SIZES} lead={false} />}
    </article>
  );
}

/** Stories as an ordered list of cards. */
export function StoryList({ stories, level = 3, standfirst = false }: { stories: Story[]; level?: 2 | 3; standfirst?: boolean }) {
  return (
    <ol class="cards">
      {stories.map((s) => (
        <li>
          <StoryCard story={s} level={level} standfirst={standfirst} />
        </li>
      ))}
    </ol>
  );
}
