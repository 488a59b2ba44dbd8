/**
 * @module
 * A story as the desk's form holds it, and back. The body is written in the same CommonMark dialect
 * as `content/` (with `::: figure` and `::: embed` blocks), and the form is turned into an article by
 * the very parser the content build uses (tools/content/source.ts, micromark underneath), so what the
 * desk sends is a list of typed blocks the Worker validates, as from any other client. A stored
 * article is turned back into that text by mdast (blocks-markdown.ts), so a story read and saved
 * again keeps its blocks. A standfirst that only repeats the opening (what the schema derives when
 * none is written) shows as empty, and so does the time of a draft whose time is not chosen (`undated`):
 * neither is frozen by a save.
 */

import { type Block, slugify, summary } from "../src/shared/model/schema.ts";
import { blocksMarkdown } from "./blocks-markdown.ts";
import { parseArticleSource } from "../tools/content/source.ts";
import { plainProblem } from "./problem-words.ts";

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
  /** RFC 3339 date or date-time; empty: not chosen (the time it is published). */
  published: string;
  /** One correction a line: `2020-02-28 What was corrected.` */
  corrections: string;
  body: string;
  seoTitle: string;
  seoDescription: string;
  socialImage: string;
}

export const TEXT_KEYS = [
  "headline",
  "description",
  "section",
  "authors",
  "tags",
  "language",
  "slug",
  "published",
  "corrections",
  "body",
  "seoTitle",
  "seoDescription",
  "socialImage",
] as const;

export interface StoredArticle {
  id: string;
  section: string[];
  headline: string;
  description?: string;
  slug?: string;
  published: string;
  modified?: string;
  status?: "draft" | "published";
  undated?: true;
  language?: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  corrections?: { date: string; text: string }[];
  seoTitle?: string;
  seoDescription?: string;
  socialImage?: string;
  body: Block[];
}

const line = (text: string | undefined) => (text ?? "").replace(/[\r\n]+/g, " ").trim();

function containerText(kind: "figure" | "embed", fields: Record<string, unknown>, keys: string[]): string {
  const value = (v: unknown) => (typeof v === "object" && v ? `${(v as { x: number }).x}, ${(v as { y: number }).y}` : line(String(v)));
  const lines = keys.filter((k) => fields[k] !== undefined && fields[k] !== "").map((k) => `${k}: ${value(fields[k])}`);
  return [`::: ${kind}`, ...lines, ":::"].join("\n");
}

export const FIGURE_KEYS = ["caption", "credit", "alt", "src", "width", "height", "focus"];

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
      parts.push(containerText(b.type, b as unknown as Record<string, unknown>, b.type === "figure" ? FIGURE_KEYS : ["url", "title"]));
    } else run.push(b);
  }
  flush();
  return parts.join("\n\n");
}

/** Whether a standfirst is only what the schema derives from the opening paragraph (so none was written). */
function derived(a: StoredArticle): boolean {
  const first = a.body.find((b) => b.type === "paragraph");
  return !a.description || (first !== undefined && "text" in first && summary(first.text) === a.description);
}

export function storyText(a: StoredArticle): StoryText {
  return {
    headline: a.headline,
    description: derived(a) ? "" : (a.description ?? ""),
    section: a.section.join(" / "),
    authors: (a.authors ?? []).map((p) => (p.url ? `${p.name} <${p.url}>` : p.name)).join("; "),
    tags: (a.tags ?? []).join(", "),
    language: a.language ?? "",
    // A draft's slug follows its headline until the editor writes one; a public story's stays as it is.
    slug: a.status === "draft" && a.slug === (slugify(a.headline) || a.id) ? "" : (a.slug ?? ""),
    published: a.undated ? "" : a.published,
    corrections: (a.corrections ?? []).map((c) => `${c.date} ${c.text}`).join("\n"),
    body: bodyText(a.body),
    seoTitle: a.seoTitle ?? "",
    seoDescription: a.seoDescription ?? "",
    socialImage: a.socialImage ?? "",
  };
}

export interface FieldProblem {
  /** The form field: `headline`, `body` … */
  field: string;
  /** In plain words, for the editor. */
  message: string;
  /** For the body: the line of the story it is on. */
  line?: number;
}

const FRONT: [keyof StoryText, string][] = [
  ["description", "description"],
  ["slug", "slug"],
  ["authors", "authors"],
  ["tags", "tags"],
  ["language", "language"],
  ["seoTitle", "seo-title"],
  ["seoDescription", "seo-description"],
  ["socialImage", "social-image"],
];

/**
 * The form as an article (for `PUT`/`POST`, without `id` when `id` is null; without `published` when
 * none is chosen: the Newsroom dates it), or every problem in plain words with the field it is in;
 * body problems name their line in the body.
 */
export function storyArticle(
  text: StoryText,
  id: string | null,
  status: "draft" | "published",
): { ok: true; article: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const time = line(text.published);
  const front: [string, string][] = [
    ["id", id ?? "1"],
    ["section", line(text.section)],
    ["headline", line(text.headline)],
    // A placeholder for the parse when none is chosen; it is not sent.
    ["published", time || "2000-01-01"],
    ["status", status],
  ];
  for (const [key, name] of FRONT) if (line(text[key])) front.push([name, line(text[key])]);
  for (const c of text.corrections.split(/\r?\n/)) if (line(c)) front.push(["correction", line(c)]);
  const head = ["---", ...front.map(([k, v]) => `${k}: ${v}`), "---"];
  const bodyStart = head.length + 1;
  const parsed = parseArticleSource([...head, text.body.replace(/\r\n?/g, "\n")].join("\n"));
  if (parsed.ok) {
    const { id: _, ...article } = parsed.value as unknown as Record<string, unknown>;
    // What the editor left empty stays unwritten: the schema derives the standfirst and the slug, the Newsroom the time.
    if (!time) delete article.published;
    if (!line(text.description)) delete article.description;
    if (!line(text.slug)) delete article.slug;
    // The schema fills `modified` from `published`: the Newsroom dates the version itself.
    delete article.modified;
    return { ok: true, article: id ? { ...article, id } : article };
  }
  const problems = parsed.errors.map(({ field, message }) => {
    const m = /^line (\d+)(?::\s*(.*))?$/.exec(field);
    if (!m) return plainProblem(field.replace(/\[.*$/, ""), field, message);
    const n = Number(m[1]);
    if (n >= bodyStart) return { ...plainProblem("body", m[2] ?? "", message), line: n - bodyStart + 1 };
    const key = front[n - 2]?.[0] ?? "form";
    const field2 = key === "correction" ? "corrections" : (FRONT.find(([, name]) => name === key)?.[0] ?? key);
    return plainProblem(field2, m[2] ?? field2, message);
  });
  return { ok: false, problems };
}
