/**
 * @module
 * Reads an article source file (`content/articles/*.md`): a `---` front matter of `key: value`
 * lines, then the body: CommonMark (see `markdown.ts`) between `::: figure` … `:::` and
 * `::: embed` … `:::` containers. Front matter values are taken literally (no YAML quoting), so
 * typography survives as typed.
 */

import { markdownBlocks } from "./commonmark.ts";
import { type Article, type FieldError, type Validation, validateArticle } from "../../src/shared/model/schema.ts";

const FRONT_KEYS = new Set([
  "id",
  "slug",
  "section",
  "headline",
  "description",
  "published",
  "modified",
  "authors",
  "tags",
  "language",
  "correction",
  "status",
  "featured",
  "seo-title",
  "seo-description",
  "social-image",
]);
/** Front matter keys that name an article field of another spelling. */
const FIELD_OF: Record<string, string> = { "seo-title": "seoTitle", "seo-description": "seoDescription", "social-image": "socialImage" };
/** Keys that may be given more than once, each adding an entry. */
const REPEATED = new Set(["correction"]);
const CONTAINER_KEYS: Record<string, Set<string>> = {
  figure: new Set(["caption", "credit", "src", "alt", "width", "height", "focus"]),
  embed: new Set(["url", "title"]),
};

/** `Jane Doe <https://example.com/jane>; John Roe` → authors. */
function authors(value: string): { name: string; url?: string }[] {
  return value.split(";").map((part) => {
    const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(part.trim());
    return m ? { name: m[1], url: m[2] } : { name: part.trim() };
  });
}

/** `2020-02-28 The text of the correction.` → a correction. */
function correction(value: string): { date: string; text: string } {
  const space = value.indexOf(" ");
  return space < 0 ? { date: value, text: "" } : { date: value.slice(0, space), text: value.slice(space + 1) };
}

function keyValue(line: string): [string, string] | undefined {
  const m = /^([a-z]+(?:-[a-z]+)*):[ \t]*(.*)$/.exec(line);
  return m ? [m[1], m[2].replace(/[ \t]+$/, "")] : undefined;
}

/**
 * Turns a figure's `src` naming a file beside the articles (`media/harbour.jpg`) into the uploaded
 * photo's URL and size, or an error message. Given by the Node content build, which reads the file.
 */
export type MediaResolver = (path: string) => { src: string; width: number; height: number } | string;

export interface ParseOptions {
  media?: MediaResolver;
}

/**
 * The line a schema error's field comes from: its front matter key (the nth `correction:` for
 * `corrections[n]`), or the line its body block starts on. Undefined for a key that is missing.
 */
function lineOf(field: string, keyLines: Map<string, number[]>, blockLines: number[]): number | undefined {
  const body = /^body\[(\d+)\]/.exec(field);
  if (body) return blockLines[Number(body[1])];
  const [, name, index] = /^([a-z]+)(?:\[(\d+)\])?/.exec(field) ?? [];
  if (name === "corrections") return keyLines.get("correction")?.[Number(index ?? 0)];
  return keyLines.get(Object.keys(FIELD_OF).find((k) => FIELD_OF[k] === field) ?? name)?.[0];
}

/**
 * Parses the source text; every error names its line (a schema error also its field: `line 4:
 * headline`), except a required front matter key that is missing, which names the key alone.
 */
export function parseArticleSource(source: string, options: ParseOptions = {}): Validation<Article> {
  const errors: FieldError[] = [];
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0] !== "---") return { ok: false, errors: [{ field: "line 1", message: "must be `---`, opening the front matter" }] };

  const raw: Record<string, unknown> = {};
  const keyLines = new Map<string, number[]>();
  const blockLines: number[] = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== "---"; i++) {
    if (lines[i].trim() === "") continue;
    const kv = keyValue(lines[i]);
    if (!kv) errors.push({ field: `line ${i + 1}`, message: "must be `key: value`" });
    else if (!FRONT_KEYS.has(kv[0])) errors.push({ field: `line ${i + 1}`, message: `\`${kv[0]}\` is not a known front matter key` });
    else if (kv[0] in raw && !REPEATED.has(kv[0])) errors.push({ field: `line ${i + 1}`, message: `\`${kv[0]}\` is given twice` });
    else {
      keyLines.set(kv[0], [...(keyLines.get(kv[0]) ?? []), i + 1]);
      if (kv[0] === "section") raw.section = kv[1].split("/").map((s) => s.trim());
      else if (kv[0] === "authors") raw.authors = authors(kv[1]);
      else if (kv[0] === "tags") raw.tags = kv[1].split(",").map((s) => s.trim());
      // `featured: true` (or false); anything else stays text, which the schema refuses by name.
      else if (kv[0] === "featured") raw.featured = kv[1] === "true" ? true : kv[1] === "false" ? false : kv[1];
      else if (kv[0] === "correction") ((raw.corrections ??= []) as unknown[]).push(correction(kv[1]));
      else if (kv[0] === "social-image" && !kv[1].startsWith("https://") && options.media) {
        // A file beside the articles, as a figure's `src`: uploaded by the loaders, named by its URL.
        const resolved = options.media(kv[1]);
        if (typeof resolved === "string") errors.push({ field: `line ${i + 1}`, message: `social-image: ${resolved}` });
        else raw.socialImage = resolved.src;
      } else raw[FIELD_OF[kv[0]] ?? kv[0]] = kv[1];
    }
  }
  if (i >= lines.length) return { ok: false, errors: [{ field: "front matter", message: "is not closed by `---`" }] };

  const body: unknown[] = [];
  let chunk: string[] = [];
  let chunkStart = i + 2;
  const flush = () => {
    const parsed = markdownBlocks(chunk.join("\n"), chunkStart);
    body.push(...parsed.blocks);
    blockLines.push(...parsed.lines);
    for (const e of parsed.errors) errors.push({ field: `line ${e.line}`, message: e.message });
    chunk = [];
  };
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim().startsWith(":::")) {
      if (chunk.length === 0) chunkStart = i + 1;
      chunk.push(line);
      continue;
    }
    flush();
    const kind = line.trim().slice(3).trim();
    const keys = CONTAINER_KEYS[kind];
    if (!keys) {
      errors.push({ field: `line ${i + 1}`, message: `\`${line.trim()}\` is not a known block (\`::: figure\` or \`::: embed\`)` });
      // Skip to its closing line, so its content is not read as paragraphs.
      for (i++; i < lines.length && lines[i].trim() !== ":::"; i++);
      continue;
    }
    const start = i + 1;
    const block: Record<string, string> = { type: kind };
    const fieldLines: Record<string, number> = {};
    for (i++; i < lines.length && lines[i].trim() !== ":::"; i++) {
      if (lines[i].trim() === "") continue;
      const kv = keyValue(lines[i]);
      if (!kv || !keys.has(kv[0]))
        errors.push({ field: `line ${i + 1}`, message: `must be ${[...keys].map((k) => `\`${k}:\``).join(", ")} inside ${kind === "figure" ? "a figure" : "an embed"}` });
      else {
        block[kv[0]] = kv[1];
        fieldLines[kv[0]] = i + 1;
      }
    }
    if (i >= lines.length) errors.push({ field: `line ${start}`, message: `${kind} is not closed by \`:::\`` });
    // Sizes are numbers in JSON; in the file they are digits, and anything else is reported by the schema.
    for (const k of ["width", "height"]) if (/^[0-9]{1,6}$/.test(block[k] ?? "")) (block as Record<string, unknown>)[k] = Number(block[k]);
    // `focus: 30, 60`: the point the crops keep in view, in percent from the left and the top.
    const focus = /^(\d{1,3}),\s*(\d{1,3})$/.exec(block.focus ?? "");
    if (focus) (block as Record<string, unknown>).focus = { x: Number(focus[1]), y: Number(focus[2]) };
    // A file beside the articles: uploaded by the content loaders, referenced by its URL and size.
    if (kind === "figure" && block.src !== undefined && !block.src.startsWith("https://") && options.media) {
      const resolved = options.media(block.src);
      if (typeof resolved === "string") {
        errors.push({ field: `line ${fieldLines.src}`, message: `src: ${resolved}` });
        // Reported once: the schema is not also told that this path is not an https URL.
        delete (block as Record<string, unknown>).src;
      } else Object.assign(block, resolved);
    }
    body.push(block);
    blockLines.push(start);
  }
  flush();
  raw.body = body;

  const result = validateArticle(raw);
  if (!result.ok) {
    for (const e of result.errors) {
      const line = lineOf(e.field, keyLines, blockLines);
      errors.push(line === undefined ? e : { field: `line ${line}: ${e.field}`, message: e.message });
    }
  }
  return errors.length ? { ok: false, errors } : result;
}
