/**
 * @module
 * An article's body as HTML: the blocks in reading order, with their inline runs (links, emphasis,
 * strong). The page and the full-text feeds render it the same way; a feed passes its origin so that
 * site-relative links become absolute.
 */

import type { Child } from "hono/jsx";
import type { EmbedBlock, Inline, Run } from "../content/blocks.ts";
import type { Block } from "../content/schema.ts";
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
    out = run.href.startsWith("/") ? <a href={href}>{out}</a> : <a href={href} rel="noopener noreferrer">{out}</a>;
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

export function FigureView({ figure }: { figure: ImageView }) {
  return (
    <figure>
      {figure.src && <img src={figure.src} alt={figure.alt ?? ""} loading="lazy" />}
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

export function BlockView({ block, ctx = { origin: "" } }: { block: Block; ctx?: Ctx }) {
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
      return <FigureView figure={block} />;
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
