/**
 * @module
 * The content build: source files in, checked articles out, for the Newsroom to load. Runs in Node
 * (`scripts/build/build-content.ts`) and in the tests inside workerd, so both load the same way.
 */

import { type Article, type FieldError, type Validation, validateArticle } from "../../src/shared/model/schema.ts";
import { type ParseOptions, parseArticleSource } from "./source.ts";

/** A `.json` file: an article as the Newsroom stores it (what an export writes when Markdown cannot carry it exactly). */
function parseJsonArticle(source: string): Validation<Article> {
  try {
    return validateArticle(JSON.parse(source));
  } catch {
    return { ok: false, errors: [{ field: "JSON", message: "is not valid JSON" }] };
  }
}

export interface SourceFile {
  name: string;
  source: string;
}

/** Parses every file; errors are prefixed with the file name. Articles only when all are valid. */
export function loadContent(files: SourceFile[], options: ParseOptions = {}): Validation<Article[]> {
  const errors: FieldError[] = [];
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const { name, source } of files) {
    const parsed = name.endsWith(".json") ? parseJsonArticle(source) : parseArticleSource(source, options);
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push({ field: `${name}: ${e.field}`, message: e.message });
      continue;
    }
    const other = seen.get(parsed.value.id);
    if (other) errors.push({ field: `${name}: id`, message: `${parsed.value.id} is already used by ${other}` });
    seen.set(parsed.value.id, name);
    articles.push(parsed.value);
  }
  if (errors.length) return { ok: false, errors };
  if (articles.length === 0) return { ok: false, errors: [{ field: "content/articles", message: "holds no article" }] };
  return { ok: true, value: articles };
}
