/**
 * @module
 * A story as the desk's form holds it, and back. The body is written in the same CommonMark dialect
 * as `content/` (with `::: figure` and `::: embed` blocks), and the form is turned into an article by
 * the very parser the content build uses (tools/content/source.ts, micromark underneath), so what the
 * desk sends is a list of typed blocks the Worker validates, as from any other client. A stored
 * article is turned back into that text by the Markdown writer of the site's own Markdown
 * representation (src/reader/render/markdown.ts), so a story read and saved again keeps its blocks.
 */

import type { Block } from "../src/shared/model/schema.ts";
import { blocksMarkdown } from "./blocks-markdown.ts";
import { parseArticleSource } from "../tools/content/source.ts";

/** What the editor edits, as text. */
export interface StoryText {
  headline: string;
  description: string;
  /** Section names joined by ` / `. */
  section: string;
  /** `Jane Doe <https://…>; John Roe` */
  authors: string;
  /** `Oil, Vienna` */
  tags: string;
  language: string;
  slug: string;
  /** RFC 3339 date or date-time. */
  published: string;
  /** One correction a line: `2020-02-28 What was corrected.` */
  corrections: string;
  body: string;
}

export interface StoredArticle {
  id: string;
  section: string[];
  headline: string;
  description?: string;
  slug?: string;
  published: string;
  modified?: string;
  status?: "draft" | "published";
  language?: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  corrections?: { date: string; text: string }[];
  body: Block[];
}

const line = (text: string | undefined) => (text ?? "").replace(/[\r\n]+/g, " ").trim();

function containerText(kind: "figure" | "embed", fields: Record<string, unknown>, keys: string[]): string {
  const lines = keys.filter((k) => fields[k] !== undefined && fields[k] !== "").map((k) => `${k}: ${line(String(fields[k]))}`);
  return [`::: ${kind}`, ...lines, ":::"].join("\n");
}

/** The body as the desk's editor shows it. */
export function bodyText(blocks: Block[]): string {
  const parts: string[] = [];
  let run: Exclude<Block, { type: "figure" | "embed" }>[] = [];
  const flush = () => {
    if (run.length) parts.push(blocksMarkdown(run));
    run = [];
  };
  for (const b of blocks) {
    if (b.type === "figure" || b.type === "embed") {
      flush();
      const keys = b.type === "figure" ? ["caption", "credit", "alt", "src", "width", "height"] : ["url", "title"];
      parts.push(containerText(b.type, b as unknown as Record<string, unknown>, keys));
    } else run.push(b);
  }
  flush();
  return parts.join("\n\n");
}

export function storyText(a: StoredArticle): StoryText {
  return {
    headline: a.headline,
    description: a.description ?? "",
    section: a.section.join(" / "),
    authors: (a.authors ?? []).map((p) => (p.url ? `${p.name} <${p.url}>` : p.name)).join("; "),
    tags: (a.tags ?? []).join(", "),
    language: a.language ?? "",
    slug: a.slug ?? "",
    published: a.published,
    corrections: (a.corrections ?? []).map((c) => `${c.date} ${c.text}`).join("\n"),
    body: bodyText(a.body),
  };
}

export interface FieldProblem {
  /** The form field: `headline`, `body` … */
  field: string;
  message: string;
}

/**
 * The form as an article (for `PUT`/`POST`, without `id` when `id` is null), or every problem with
 * the field it is in; body problems name their line in the body.
 */
export function storyArticle(
  text: StoryText,
  id: string | null,
  status: "draft" | "published",
): { ok: true; article: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const front: [string, string][] = [
    ["id", id ?? "1"],
    ["section", line(text.section)],
    ["headline", line(text.headline)],
    ["published", line(text.published)],
    ["status", status],
  ];
  for (const key of ["description", "slug", "authors", "tags", "language"] as const) if (line(text[key])) front.push([key, line(text[key])]);
  for (const c of text.corrections.split(/\r?\n/)) if (line(c)) front.push(["correction", line(c)]);
  const head = ["---", ...front.map(([k, v]) => `${k}: ${v}`), "---"];
  const bodyStart = head.length + 1;
  const parsed = parseArticleSource([...head, text.body.replace(/\r\n?/g, "\n")].join("\n"));
  if (parsed.ok) {
    const { id: _, ...article } = parsed.value as unknown as Record<string, unknown>;
    return { ok: true, article: id ? { ...article, id } : article };
  }
  const problems = parsed.errors.map(({ field, message }) => {
    const m = /^line (\d+)(?::\s*(.*))?$/.exec(field);
    if (!m) return { field: field.replace(/\[.*$/, ""), message };
    const n = Number(m[1]);
    if (n >= bodyStart) return { field: "body", message: `line ${n - bodyStart + 1}${m[2] ? ` (${m[2]})` : ""}: ${message}` };
    const key = front[n - 2]?.[0] ?? "form";
    return { field: key === "correction" ? "corrections" : key, message };
  });
  return { ok: false, problems };
}
