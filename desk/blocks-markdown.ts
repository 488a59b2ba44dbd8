/**
 * @module
 * Body blocks back to the CommonMark the desk's editor shows, through mdast and
 * mdast-util-to-markdown (its escaping is cautious: a `[` may come back as `\[`, which reads the
 * same). Figures and embeds are written by the caller as `:::` blocks, as in content/.
 */

import type { BlockContent, PhrasingContent, Root } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import type { Inline, Run } from "../src/shared/model/blocks.ts";
import type { Block } from "../src/shared/model/schema.ts";

function marked(run: Run): PhrasingContent {
  let node: PhrasingContent = { type: "text", value: run.text };
  if (run.em) node = { type: "emphasis", children: [node] };
  if (run.strong) node = { type: "strong", children: [node] };
  return node;
}

/** An inline value's runs as phrasing content; runs that share a link become one link. */
function phrasing(value: Inline): PhrasingContent[] {
  if (!value.runs) return [{ type: "text", value: value.text }];
  const out: PhrasingContent[] = [];
  for (let i = 0; i < value.runs.length;) {
    const href = value.runs[i].href;
    let j = i;
    while (j < value.runs.length && value.runs[j].href === href) j++;
    const nodes = value.runs.slice(i, j).map(marked);
    out.push(...(href ? [{ type: "link" as const, url: href, children: nodes }] : nodes));
    i = j;
  }
  return out;
}

function node(b: Exclude<Block, { type: "figure" | "embed" }>): BlockContent {
  switch (b.type) {
    case "heading":
      return { type: "heading", depth: b.level ?? 2, children: phrasing(b) };
    case "list":
      return {
        type: "list",
        ordered: b.ordered,
        spread: false,
        children: b.items.map((item) => ({ type: "listItem", spread: false, children: [{ type: "paragraph", children: phrasing(item) }] })),
      };
    case "quote":
      return {
        type: "blockquote",
        children: [
          ...b.paragraphs.map((p) => ({ type: "paragraph" as const, children: phrasing(p) })),
          ...(b.attribution ? [{ type: "paragraph" as const, children: [{ type: "text" as const, value: `— ${b.attribution}` }] }] : []),
        ],
      };
    default:
      return { type: "paragraph", children: phrasing(b) };
  }
}

/** Consecutive text blocks as one CommonMark document. */
export function blocksMarkdown(blocks: Exclude<Block, { type: "figure" | "embed" }>[]): string {
  const root: Root = { type: "root", children: blocks.map(node) };
  return toMarkdown(root, { bullet: "-", emphasis: "*", strong: "*", listItemIndent: "one", fences: true }).trim();
}
