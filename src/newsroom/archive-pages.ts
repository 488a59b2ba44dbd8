/**
 * @module
 * The Newsroom's archive read a page at a time, in id order, so neither an export nor a backup
 * ever holds more than a page: an export's page is the articles as they are now (any status, with
 * version and editor); a backup's is snapshot lines (src/shared/snapshot-format.ts), each article
 * with every revision, read in one statement so an article and its revisions always agree.
 * Reads only.
 */

import { ARTICLE_ID } from "../shared/model/ids.ts";
import type { ArchivePage, Refusal } from "../shared/archive-answers.ts";
import { editorialItem } from "./history.ts";

/** Articles an export page carries, at most. */
export const MAX_ARCHIVE_PAGE = 500;

/** One page of the current articles after `after` (an id, in text order), with how many there are in all. */
export function archivePage(sql: SqlStorage, after: string, limit: number, now = Date.now()): ArchivePage | Refusal {
  if ((after && !ARTICLE_ID.test(after)) || !Number.isInteger(limit) || limit < 1 || limit > MAX_ARCHIVE_PAGE)
    return { status: 400, detail: `\`after\` takes a page's \`next\`, \`limit\` 1 to ${MAX_ARCHIVE_PAGE}.` };
  const rows = sql
    .exec<{ id: string; data: string; version: number; status: string; publish_at: number; editor: string; time: number }>(
      "SELECT a.id, a.data, a.version, a.status, a.publish_at, r.editor, r.time FROM article a JOIN revision r ON r.id = a.id AND r.version = a.version" +
        " WHERE a.id > ? ORDER BY a.id LIMIT ?",
      after,
      limit,
    )
    .toArray();
  const total = sql.exec<{ n: number }>("SELECT count(*) AS n FROM article").one().n;
  const items = rows.map((r) => editorialItem(r, r.time, now));
  return { total, items, next: rows.length === limit ? rows[rows.length - 1].id : null };
}

/** The kinds of record a backup writes after the articles, each read by its key. */
const TABLES = {
  old_path: { sql: "SELECT path, id, target FROM old_path WHERE path > ? ORDER BY path LIMIT ?", key: "path" },
  imported: { sql: "SELECT source, id, time FROM imported WHERE source > ? ORDER BY source LIMIT ?", key: "source" },
  section: { sql: "SELECT scope, names, total, newest FROM section WHERE scope > ? ORDER BY scope LIMIT ?", key: "scope" },
} as const;

export type SnapshotPhase = "article" | keyof typeof TABLES;
export const PHASES: SnapshotPhase[] = ["article", "old_path", "imported", "section"];

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Up to `limit` records of `phase` after key `after`, as snapshot lines; `next` is the key to go on
 * from, null when the phase is done. Article data is spliced in as stored (valid JSON already), not
 * parsed and written again.
 */
export function snapshotLines(
  sql: SqlStorage,
  phase: SnapshotPhase,
  after: string,
  limit: number,
): { lines: string[]; revisions: number; next: string | null } {
  if (phase !== "article") {
    const { sql: query, key } = TABLES[phase];
    const rows = sql.exec<Record<string, string | number | null>>(query, after, limit).toArray();
    const lines = rows.map((r) => {
      const record: Record<string, unknown> = { t: phase, ...r };
      if (phase === "imported") record.time = iso(r.time as number);
      if (phase === "section") record.names = JSON.parse(r.names as string);
      return JSON.stringify(record);
    });
    return { lines, revisions: 0, next: rows.length === limit ? String(rows[rows.length - 1][key]) : null };
  }
  const ids = sql.exec<{ id: string }>("SELECT DISTINCT id FROM revision WHERE id > ? ORDER BY id LIMIT ?", after, limit).toArray();
  if (ids.length === 0) return { lines: [], revisions: 0, next: null };
  const last = ids[ids.length - 1].id;
  const current = new Map(
    sql
      .exec<{ id: string; version: number; status: string; origin: string; content_hash: string | null; content_version: number | null }>(
        "SELECT id, version, status, origin, content_hash, content_version FROM article WHERE id > ? AND id <= ?",
        after,
        last,
      )
      .toArray()
      .map((r) => [r.id, r]),
  );
  const revisions = sql
    .exec<{ id: string; version: number; time: number; editor: string; kind: string; data: string | null; origin: string | null }>(
      "SELECT id, version, time, editor, kind, data, origin FROM revision WHERE id > ? AND id <= ? ORDER BY id, version",
      after,
      last,
    )
    .toArray();
  const lines: string[] = [];
  let i = 0;
  for (const { id } of ids) {
    const parts: string[] = [];
    for (; i < revisions.length && revisions[i].id === id; i++) {
      const r = revisions[i];
      const info = JSON.stringify({ version: r.version, time: iso(r.time), editor: r.editor, kind: r.kind, origin: r.origin });
      parts.push(`${info.slice(0, -1)},"article":${r.data ?? "null"}}`);
    }
    const row = current.get(id);
    const now = row
      ? { version: row.version, status: row.status, origin: row.origin, contentHash: row.content_hash, contentVersion: row.content_version }
      : null;
    lines.push(`{"t":"article","id":${JSON.stringify(id)},"current":${JSON.stringify(now)},"revisions":[${parts.join(",")}]}`);
  }
  return { lines, revisions: revisions.length, next: ids.length === limit ? last : null };
}

/** Where the change feed and the change log stand now. */
export function cursorNow(sql: SqlStorage): { feed: number; change: number } {
  // AUTOINCREMENT keeps the highest number ever given in sqlite_sequence, also once its row is gone.
  const seq = (table: string) => sql.exec<{ n: number | null }>("SELECT max(seq) AS n FROM sqlite_sequence WHERE name = ?", table).one().n ?? 0;
  return { feed: seq("feed"), change: seq("change") };
}
