/**
 * @module
 * The content build: source files in, KV entries out. Runs in Node (`scripts/build-content.ts`)
 * and in the tests inside workerd, so both load KV the same way.
 */

import type { Article, FieldError, Validation } from "./schema.ts";
import { type ParseOptions, parseArticleSource } from "./source.ts";
import { type KVEntry, kvEntries } from "./store.ts";

export interface SourceFile {
  name: string;
  source: string;
}

/** Parses every file; errors are prefixed with the file name. Entries only when all are valid. */
export function loadContent(files: SourceFile[], options: ParseOptions = {}): Validation<KVEntry[]> {
  const errors: FieldError[] = [];
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const { name, source } of files) {
    const parsed = parseArticleSource(source, options);
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
  return { ok: true, value: kvEntries(articles) };
}
