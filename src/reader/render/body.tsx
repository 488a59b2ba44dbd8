/**
 * @module
 * An article's body as HTML: the blocks in reading order, with their inline runs (links, emphasis,
 * strong). The page and the full-text feeds render it the same way; a feed passes its origin so that
 * site-relative links become absolute.
 */

import type { Child } from "hono/jsx";
import type { EmbedBlock, Inline, Run } from "../../shared/model/blocks.ts";
import type { Block } from "../../shared/model/schema.ts";
import type { ImageView } from "../views/views.ts";
import { captionLine } from "./format.ts";
import { t } from "../i18n/messages.ts";

/**
 * Where site-relative links point: "" on the page (they stay relative), the origin in a feed; `lang`,
 * on the page only, the language of the embed cards' labels (a feed keeps the plain link).
 */
interface Ctx {
  origin: string;
  lang?: string;
}

function RunView({ run, ctx }: { run: Run; ctx: Ctx }) {
  let out: Child = run.text;
  if (run.em) out = <em>{out}</em>;
  if (run.strong) out = <strong>{out}</strong>;
  if (run.href) {
    const href = run.href.startsWith("/") ? ctx.origin + run.href : run.href;
    // External links carry no referrer of the reader's page, as the share links do.
    out = run.href.startsWith("/") ? (
      <a href={href}>{out}</a>
    ) : (
      <a href={href} rel="noopener noreferrer">
        {out}
      </a>
    );
  }
  return <>{out}</>;
}

/** The runs when there are any, else the plain text. */
function InlineView({ value, ctx }: { value: Inline; ctx: Ctx }) {
  if (!value.runs) return <>{value.text}</>;
  return (
    <>
      {value.runs.map((run) => (
        <RunView run={run} ctx={ctx} />
      ))}
    </>
  );
}

/** The text column is 40rem at most; below that the image spans the viewport less the page's padding. */
export const SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";
/** The lead photo takes the article's whole column, wider than the text: 72rem less the rail and the gaps from 64rem. */
const LEAD_SIZES = "(min-width: 64rem) 49rem, calc(100vw - 2rem)";

/** The rendition to name in `src` for browsers without `srcset`: 960 wide, or the widest there is. */
export function fallbackRendition(renditions: NonNullable<ImageView["renditions"]>) {
  return renditions.find((r) => r.width === 960) ?? renditions[renditions.length - 1];
}

/**
 * A figure. With an image: `width`/`height` so the page keeps its space before it loads (no layout
 * shift), `srcset`/`sizes` over the renditions of an uploaded photo; the lead image is fetched first
 * (`fetchpriority="high"`, not lazy), the others when they come near. Without one (the seed's photos,
 * which we do not have), the caption and credit alone, styled as a caption rather than a quotation.
 */
export function FigureView({ figure, lead = false }: { figure: ImageView; lead?: boolean }) {
  const size = figure.width && figure.height ? { width: String(figure.width), height: String(figure.height) } : {};
  const load = lead ? ({ fetchpriority: "high", decoding: "async" } as const) : ({ loading: "lazy", decoding: "async" } as const);
  const renditions = figure.renditions?.length ? figure.renditions : undefined;
  return (
    <figure class={figure.src ? (lead ? "lead-figure" : undefined) : "no-image"}>
      {renditions ? (
        <img
          src={fallbackRendition(renditions).url}
          srcset={renditions.map((r) => `${r.url} ${r.width}w`).join(", ")}
          sizes={lead ? LEAD_SIZES : SIZES}
          alt={figure.alt ?? ""}
          {...size}
          {...load}
        />
      ) : (
        figure.src && <img src={figure.src} alt={figure.alt ?? ""} {...size} {...load} />
      )}
      <figcaption>{captionLine(figure.caption, figure.credit)}</figcaption>
    </figure>
  );
}

/** Providers whose embeds are videos: their cards carry a play cue. */
const VIDEO = new Set(["YouTube", "Vimeo", "TikTok"]);

/**
 * A link card: the provider's content is one click away; nothing is loaded from it before that. On
 * the page the whole card is the link: the provider, the title and a cue (a play sign for a video).
 */
function EmbedView({ embed, lang }: { embed: EmbedBlock; lang?: string }) {
  if (lang) {
    const video = VIDEO.has(embed.provider);
    return (
      <aside class="embed" aria-label={embed.provider}>
        <a class={video ? "card-link video" : "card-link"} href={embed.url} rel="noopener noreferrer">
          {/* Spaces between the parts, so the link's name reads as words (a grid lays no white space out). */}
          <span class="provider">{embed.provider}</span> <span class="title">{embed.title ?? embed.url}</span>{" "}
          <span class="cue">
            {video && (
              <span class="play" aria-hidden="true">
                ▶
              </span>
            )}
            {t(lang, video ? "watch" : "view", embed.provider)}
          </span>
        </a>
      </aside>
    );
  }
  return (
    <aside class="embed" aria-label={`${embed.provider} post`}>
      <a href={embed.url} rel="noopener noreferrer">
        {embed.title ?? embed.url}
      </a>
      <span class="meta"> · {embed.provider}</span>
    </aside>
  );
}

export function BlockView({ block, ctx = { origin: "" }, lead = false }: { block: Block; ctx?: Ctx; lead?: boolean }) {
  switch (block.type) {
    case "heading":
      return block.level === 3 ? (
        <h3>
          <InlineView value={block} ctx={ctx} />
        </h3>
      ) : (
        <h2>
          <InlineView value={block} ctx={ctx} />
        </h2>
      );
    case "figure":
      return <FigureView figure={block} lead={lead} />;
    case "list": {
      const items = block.items.map((item) => (
        <li>
          <InlineView value={item} ctx={ctx} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "quote":
      return (
        <figure class="quote">
          <blockquote>
            {block.paragraphs.map((p) => (
              <p>
                <InlineView value={p} ctx={ctx} />
              </p>
            ))}
          </blockquote>
          {block.attribution && <figcaption>— {block.attribution}</figcaption>}
        </figure>
      );
    case "embed":
      return <EmbedView embed={block} lang={ctx.lang} />;
    default:
      return (
        <p>
          <InlineView value={block} ctx={ctx} />
        </p>
      );
  }
}

/** The body as an HTML fragment (for `content:encoded` and Atom `content`), links absolute on `origin`. */
export async function bodyHtml(blocks: readonly Block[], origin: string): Promise<string> {
  const ctx = { origin };
  return (
    await (
      <>
        {blocks.map((block) => (
          <BlockView block={block} ctx={ctx} />
        ))}
      </>
    )
  ).toString();
}
