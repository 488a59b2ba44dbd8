/**
 * @module
 * An article's body as HTML: the blocks in reading order. The page and the full-text feeds render
 * it the same way.
 */

import type { Block } from "../content/schema.ts";
import type { ImageView } from "../views.ts";
import { captionLine } from "./format.ts";

export function FigureView({ figure }: { figure: ImageView }) {
  return (
    <figure>
      {figure.src && <img src={figure.src} alt={figure.alt ?? ""} loading="lazy" />}
      <figcaption>{captionLine(figure.caption, figure.credit)}</figcaption>
    </figure>
  );
}

export function BlockView({ block }: { block: Block }) {
  if (block.type === "heading") return <h2>{block.text}</h2>;
  if (block.type === "figure") return <FigureView figure={block} />;
  return <p>{block.text}</p>;
}

/** The body as an HTML fragment (for `content:encoded` and Atom `content`). */
export async function bodyHtml(blocks: readonly Block[]): Promise<string> {
  return (await (<>{blocks.map((block) => <BlockView block={block} />)}</>)).toString();
}
