/**
 * @module
 * Loading content/ (the repository's articles) without undoing an editor. The Newsroom remembers,
 * per article, the hash of the file's article as last loaded and the version that load made. A file
 * is applied when it is new, or changed since that load while the article was not changed through
 * the API since; otherwise the article is left as the editors made it and the conflict is reported,
 * naming the file and the editor. An article deleted through the API stays deleted. `force`
 * overwrites, and says what it overwrote. All or nothing: one invalid article and nothing changes.
 */

import { hash } from "../shared/model/index-tree.ts";
import { type Article, type FieldError, validateArticle } from "../shared/model/schema.ts";
import { type ArticleRow, Articles, type Upsert } from "./articles.ts";
import { existingSpelling } from "./sections.ts";
import type { Conflict, LoadOptions, LoadReport } from "../shared/newsroom-api.ts";

/** The hash a load remembers of a file's article (106 bits, as index nodes are named: it only tells versions of a file apart). */
export function contentHash(article: Article): string {
  return hash(JSON.stringify(article));
}

interface LastRevision {
  version: number;
  editor: string;
  kind: string;
  origin: string | null;
}

function lastRevision(sql: SqlStorage, id: string): LastRevision | null {
  return (
    sql
      .exec<{ version: number; editor: string; kind: string; origin: string | null }>(
        "SELECT version, editor, kind, origin FROM revision WHERE id = ? ORDER BY version DESC LIMIT 1",
        id,
      )
      .toArray()[0] ?? null
  );
}

/** Whether an editor changed `row` through the API since content/ last loaded it (or, before loads were remembered, ever). */
function editedSinceLoad(sql: SqlStorage, row: ArticleRow): LastRevision | null {
  if (row.content_version !== null) {
    if (row.version === row.content_version) return null;
  }
  const last = lastRevision(sql, row.id);
  return last && last.origin !== "content" ? last : null;
}

/** Decides what a load does, then does it in the caller's transaction. */
export async function loadArticles(
  sql: SqlStorage,
  articles: Articles,
  valid: Article[],
  editor: string,
  options: LoadOptions,
  now: number,
): Promise<LoadReport> {
  const report: LoadReport = { created: 0, updated: 0, unchanged: 0, removed: 0, conflicts: [], overwritten: [] };
  const file = (id: string) => (options.files?.[id] ? { file: options.files[id] } : {});
  const conflict = (c: Conflict) => (options.force ? report.overwritten : report.conflicts).push(c);
  const upserts: Upsert[] = [];
  for (const given of valid) {
    const current = articles.row(given.id);
    const fileHash = contentHash(given);
    const article = {
      ...given,
      section: existingSpelling(sql, given.section, current?.listed ? (JSON.parse(current.listed) as { section: string[] }).section : null),
    };
    if (!current) {
      const last = lastRevision(sql, given.id);
      if (last && last.kind === "delete" && last.origin !== "content") {
        conflict({ id: given.id, ...file(given.id), kind: "deleted", editor: last.editor, version: last.version });
        if (!options.force) continue;
      }
      upserts.push({ article, current, origin: "content", contentHash: fileHash });
      report.created++;
      continue;
    }
    if (current.content_hash === fileHash || current.data === JSON.stringify(article)) {
      // The file is as last loaded (whatever editors did since), or the article is already the file.
      if (current.content_hash !== fileHash) sql.exec("UPDATE article SET content_hash = ?, content_version = version WHERE id = ?", fileHash, current.id);
      report.unchanged++;
      continue;
    }
    const edited = editedSinceLoad(sql, current);
    if (edited) {
      conflict({ id: given.id, ...file(given.id), kind: "changed", editor: edited.editor, version: current.version });
      if (!options.force) continue;
    }
    upserts.push({ article, current, origin: "content", contentHash: fileHash });
    report.updated++;
  }
  if (upserts.length) await articles.upsert(upserts, editor, now);
  if (options.keep) {
    const kept = new Set([...options.keep, ...valid.map((a) => a.id)]);
    const gone: ArticleRow[] = [];
    for (const row of sql.exec<ArticleRow>("SELECT * FROM article WHERE origin = 'content'").toArray()) {
      if (kept.has(row.id)) continue;
      const edited = editedSinceLoad(sql, row);
      if (edited) {
        conflict({ id: row.id, kind: "changed", editor: edited.editor, version: row.version });
        if (!options.force) continue;
      }
      gone.push(row);
    }
    if (gone.length) await articles.remove(gone, editor, "content", now);
    report.removed = gone.length;
  }
  return report;
}

/** A content load's articles checked one by one (errors name their index), and no id twice. */
export function validateLoad(inputs: unknown[]): { valid: Article[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const valid: Article[] = [];
  inputs.forEach((input, i) => {
    const checked = validateArticle(input);
    if (checked.ok) valid.push(checked.value);
    else errors.push(...checked.errors.map((e) => ({ field: `[${i}].${e.field}`, message: e.message })));
  });
  if (new Set(valid.map((a) => a.id)).size !== valid.length) errors.push({ field: "", message: "an id is used twice" });
  return { valid, errors };
}
