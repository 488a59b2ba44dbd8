/**
 * @module
 * An article written back as a content/ file (the inverse of source.ts): the front matter, then the
 * body as CommonMark by mdast-util-to-markdown (which escapes whatever text would otherwise read as
 * syntax) between `::: figure` and `::: embed` blocks. `exactMarkdown` reads the file back through
 * the content build and says whether it gives the article again, byte for byte as JSON: a few
 * articles cannot be written so (a tag with a comma, an author's name with a semicolon, runs an API
 * client split where the Markdown would join them), and an export writes those as JSON instead.
 */

import type { BlockContent, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import type { Inline, Run } from "../../src/shared/model/blocks.ts";
import type { Article, Block } from "../../src/shared/model/schema.ts";
import { type ParseOptions, parseArticleSource } from "./source.ts";

/** The runs of a paragraph as mdast: grouped by link, then emphasis, then strong, so markers nest rather than abut. */
function phrasing(runs: Run[], mark: "href" | "em" | "strong" = "href"): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let i = 0; i < runs.length; ) {
    const value = runs[i][mark];
    let j = i + 1;
    while (j < runs.length && runs[j][mark] === value) j++;
    const group = runs.slice(i, j);
    i = j;
    if (mark === "href") {
      const inner = phrasing(group, "em");
      if (value) out.push({ type: "link", url: value as string, children: inner });
      else out.push(...inner);
    } else if (mark === "em") {
      const inner = phrasing(group, "strong");
      if (value) out.push({ type: "emphasis", children: inner });
      else out.push(...inner);
    } else {
      const text = group.map((r) => r.text).join("");
      out.push(value ? { type: "strong", children: [{ type: "text", value: text }] } : { type: "text", value: text });
    }
  }
  return out;
}

const paragraph = (inline: Inline): Paragraph => ({ type: "paragraph", children: inline.runs ? phrasing(inline.runs) : [{ type: "text", value: inline.text }] });

function node(block: Exclude<Block, { type: "figure" | "embed" }>): RootContent {
  switch (block.type) {
    case "paragraph":
      return paragraph(block);
    case "heading":
      return { type: "heading", depth: block.level ?? 2, children: paragraph(block).children };
    case "list":
      return { type: "list", ordered: block.ordered, spread: false, children: block.items.map((item) => ({ type: "listItem", spread: false, children: [paragraph(item)] })) };
    case "quote": {
      const parts: BlockContent[] = block.paragraphs.map(paragraph);
      if (block.attribution) parts.push({ type: "paragraph", children: [{ type: "text", value: `— ${block.attribution}` }] });
      return { type: "blockquote", children: parts };
    }
  }
}

/** A container block's lines (`::: figure` … `:::`), values literal as the content build reads them. */
function container(block: Extract<Block, { type: "figure" | "embed" }>): string {
  const fields = block.type === "figure" ? ["caption", "credit", "src", "alt", "width", "height"] : ["url", "title"];
  const lines = fields.filter((f) => (block as Record<string, unknown>)[f] !== undefined).map((f) => `${f}: ${(block as Record<string, unknown>)[f]}`);
  return [`::: ${block.type}`, ...lines, ":::"].join("\n");
}

function body(blocks: Block[]): string {
  const out: string[] = [];
  let chunk: RootContent[] = [];
  const flush = () => {
    if (!chunk.length) return;
    const markdown = toMarkdown({ type: "root", children: chunk } satisfies Root, { bullet: "-", emphasis: "*", strong: "*", listItemIndent: "one" }).replace(/\n+$/, "");
    // A line opening with `:::` would be read as a block: its first colon is escaped (CommonMark reads `\:` as `:`).
    out.push(markdown.replace(/^([ \t]*):::/gm, "$1\\:::"));
    chunk = [];
  };
  for (const block of blocks) {
    if (block.type === "figure" || block.type === "embed") {
      flush();
      out.push(container(block));
    } else chunk.push(node(block));
  }
  flush();
  return out.join("\n\n");
}

/** The front matter's lines, in the order a person reads them. */
function front(a: Article): string[] {
  const lines = [`id: ${a.id}`, `section: ${a.section.join(" / ")}`, `headline: ${a.headline}`, `published: ${a.published}`, `modified: ${a.modified}`];
  lines.push(`slug: ${a.slug}`, `description: ${a.description}`);
  if (a.authors) lines.push(`authors: ${a.authors.map((p) => (p.url ? `${p.name} <${p.url}>` : p.name)).join("; ")}`);
  if (a.tags) lines.push(`tags: ${a.tags.join(", ")}`);
  if (a.language) lines.push(`language: ${a.language}`);
  if (a.status) lines.push(`status: ${a.status}`);
  if (a.featured) lines.push("featured: true");
  for (const c of a.corrections ?? []) lines.push(`correction: ${c.date} ${c.text}`);
  return lines;
}

/** The article as a content/ file. */
export function articleMarkdown(article: Article): string {
  return ["---", ...front(article), "---", "", body(article.body), ""].join("\n");
}

/**
 * The file, if reading it back (with `options`, e.g. the media resolver its figures need) gives the
 * article exactly; else null, and the article is best kept as JSON.
 */
export function exactMarkdown(article: Article, options: ParseOptions = {}): string | null {
  const text = articleMarkdown(article);
  const read = parseArticleSource(text, options);
  return read.ok && JSON.stringify(read.value) === JSON.stringify(article) ? text : null;
}
