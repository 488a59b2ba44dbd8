/**
 * @module
 * Old URLs an import recorded, and what the Newsroom derives from them into KV: `v1:old:<path>` →
 * where it moved (src/shared/model/old-paths.ts). An article's old path is in KV while the article is
 * public, and follows it when a correction changes its path; a section's old path (`/category/news`)
 * always names the section. Also the table of what was imported, so a rerun skips it.
 */

import { type OldPathDocument, oldPathKey } from "../shared/model/old-paths.ts";
import { articlePath } from "../shared/model/paths.ts";
import type { Article } from "../shared/model/schema.ts";
import type { ReadModel } from "./read-model/outbox.ts";

export const REDIRECTS_SCHEMA = [
  // id: the article it names (target NULL), or target: a section path (id NULL).
  "CREATE TABLE IF NOT EXISTS old_path (path TEXT PRIMARY KEY, id TEXT, target TEXT)",
  "CREATE INDEX IF NOT EXISTS old_path_by_id ON old_path (id) WHERE id IS NOT NULL",
  // source: the item's key in its source (`wxr:<site>:post:123`); id: the article it became.
  "CREATE TABLE IF NOT EXISTS imported (source TEXT PRIMARY KEY, id TEXT NOT NULL, time INTEGER NOT NULL)",
];

const doc = (to: string) => JSON.stringify({ v: 1, to } satisfies OldPathDocument);

/** Keeps an article's old paths in KV in line with it: its canonical path while public (`article`), else none. */
export async function syncRedirects(sql: SqlStorage, model: ReadModel, id: string, article: Article | null): Promise<void> {
  for (const { path } of sql.exec<{ path: string }>("SELECT path FROM old_path WHERE id = ?", id).toArray()) {
    if (article) await model.put(oldPathKey(path), doc(articlePath(article)));
    else await model.delete(oldPathKey(path));
  }
}

/** Records old paths; a path already recorded keeps what it named (returned as taken, unless it named the same). */
export function recordOldPaths(sql: SqlStorage, paths: string[], to: { id: string } | { target: string }): { recorded: string[]; taken: string[] } {
  const recorded: string[] = [];
  const taken: string[] = [];
  const id = "id" in to ? to.id : null;
  const target = "target" in to ? to.target : null;
  for (const path of new Set(paths)) {
    const row = sql.exec<{ id: string | null; target: string | null }>("SELECT id, target FROM old_path WHERE path = ?", path).toArray()[0];
    if (row) {
      if (row.id !== id || row.target !== target) taken.push(path);
      continue;
    }
    sql.exec("INSERT INTO old_path (path, id, target) VALUES (?, ?, ?)", path, id, target);
    recorded.push(path);
  }
  return { recorded, taken };
}

/** Puts a section's old paths into the model. */
export async function putSectionRedirects(model: ReadModel, paths: string[], target: string): Promise<void> {
  for (const path of paths) await model.put(oldPathKey(path), doc(target));
}

/** Derives every old path again (a rebuild), given the articles public now. */
export async function rebuildRedirects(sql: SqlStorage, model: ReadModel, visible: Map<string, Article>): Promise<void> {
  for (const row of sql.exec<{ path: string; id: string | null; target: string | null }>("SELECT path, id, target FROM old_path").toArray()) {
    const article = row.id === null ? undefined : visible.get(row.id);
    if (row.target !== null) await model.put(oldPathKey(row.path), doc(row.target));
    else if (article) await model.put(oldPathKey(row.path), doc(articlePath(article)));
  }
}

/** The article an imported item became, if it was imported before. */
export function importedAs(sql: SqlStorage, source: string): string | null {
  return sql.exec<{ id: string }>("SELECT id FROM imported WHERE source = ?", source).toArray()[0]?.id ?? null;
}

export function recordImported(sql: SqlStorage, source: string, id: string, now: number): void {
  sql.exec("INSERT INTO imported (source, id, time) VALUES (?, ?, ?)", source, id, now);
}
