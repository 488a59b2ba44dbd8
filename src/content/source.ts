/**
 * @module
 * Reads an article source file (`content/articles/*.md`): a `---` front matter of `key: value`
 * lines, then blocks separated by blank lines — `## ` headings, `::: figure` … `:::` figures,
 * and paragraphs. Values are taken literally (no YAML quoting), so typography survives as typed.
 */

import { type Article, type FieldError, trimAscii, type Validation, validateArticle } from "./schema.ts";

const FRONT_KEYS = new Set(["id", "slug", "section", "headline", "description", "published", "modified", "status"]);
const FIGURE_KEYS = new Set(["caption", "credit", "src", "alt"]);

function keyValue(line: string): [string, string] | undefined {
  const m = /^([a-z]+):[ \t]*(.*)$/.exec(line);
  return m ? [m[1], m[2].replace(/[ \t]+$/, "")] : undefined;
}

/** Parses the source text; syntax errors name the line, schema errors name the field. */
export function parseArticleSource(source: string): Validation<Article> {
  const errors: FieldError[] = [];
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0] !== "---") return { ok: false, errors: [{ field: "line 1", message: "must be `---`, opening the front matter" }] };

  const raw: Record<string, unknown> = {};
  let i = 1;
  for (; i < lines.length && lines[i] !== "---"; i++) {
    if (lines[i].trim() === "") continue;
    const kv = keyValue(lines[i]);
    if (!kv) errors.push({ field: `line ${i + 1}`, message: "must be `key: value`" });
    else if (!FRONT_KEYS.has(kv[0])) errors.push({ field: `line ${i + 1}`, message: `\`${kv[0]}\` is not a known front matter key` });
    else if (kv[0] in raw) errors.push({ field: `line ${i + 1}`, message: `\`${kv[0]}\` is given twice` });
    else raw[kv[0]] = kv[0] === "section" ? kv[1].split("/").map((s) => s.trim()) : kv[1];
  }
  if (i >= lines.length) return { ok: false, errors: [{ field: "front matter", message: "is not closed by `---`" }] };

  const body: unknown[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) body.push({ type: "paragraph", text: paragraph.join(" ") });
    paragraph = [];
  };
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") flush();
    else if (line.startsWith("## ")) {
      flush();
      body.push({ type: "heading", text: line.slice(3) });
    } else if (line.trim() === "::: figure") {
      flush();
      const start = i + 1;
      const figure: Record<string, string> = { type: "figure" };
      for (i++; i < lines.length && lines[i].trim() !== ":::"; i++) {
        if (lines[i].trim() === "") continue;
        const kv = keyValue(lines[i]);
        if (!kv || !FIGURE_KEYS.has(kv[0]))
          errors.push({ field: `line ${i + 1}`, message: "must be `caption:`, `credit:`, `src:` or `alt:` inside a figure" });
        else figure[kv[0]] = kv[1];
      }
      if (i >= lines.length) errors.push({ field: `line ${start}`, message: "figure is not closed by `:::`" });
      body.push(figure);
    } else if (line.startsWith("#")) {
      errors.push({ field: `line ${i + 1}`, message: "only `## ` headings are allowed" });
    } else paragraph.push(trimAscii(line));
  }
  flush();
  raw.body = body;

  const result = validateArticle(raw);
  if (!result.ok) errors.push(...result.errors);
  return errors.length ? { ok: false, errors } : result;
}
