/**
 * @module
 * An article's body as HTML: the blocks in reading order, with their inline runs (links, emphasis,
 * strong). The page and the full-text feeds render it the same way; a feed passes its origin so that
 * site-relative links become absolute.
 */

import type { Child } from "hono/jsx";
import type { EmbedBlock, Inline, Run } from "../model/blocks.ts";
import type { Block } from "../model/schema.ts";
import type { ImageView } from "../views.ts";
import { captionLine } from "./format.ts";

/** Where site-relative links point: "" on the page (they stay relative), the origin in a feed. */
interface Ctx {
  origin: string;
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

/** The column is 40rem less 2rem of padding at most; below that the image spans the viewport less the padding. */
export const SIZES = "(min-width: 42rem) 38rem, calc(100vw - 2rem)";

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
    <figure class={figure.src ? undefined : "no-image"}>
      {renditions ? (
        <img
          src={fallbackRendition(renditions).url}
          srcset={renditions.map((r) => `${r.url} ${r.width}w`).join(", ")}
          sizes={SIZES}
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

/** A link card: the provider's content is one click away; nothing is loaded from it before that. */
function EmbedView({ embed }: { embed: EmbedBlock }) {
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
      return <EmbedView embed={block} />;
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
