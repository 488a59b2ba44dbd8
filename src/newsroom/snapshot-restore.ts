/**
 * @module
 * A restore from a snapshot (src/shared/snapshot-format.ts), in calls that each carry or do a
 * bounded amount: `begin` refuses a Newsroom that is not empty (unless forced) and a foreign
 * header; each `page` checks its records and stages them in tables of their own, touching nothing
 * live; `finish` checks that every record arrived and agrees with its article, then, in one
 * transaction, replaces the revisions, old paths and import keys with the staged ones and empties
 * the read model; the alarm (alarm.ts) then moves the articles in, `RESTORE_BATCH` at a time, each
 * batch one transaction that derives its listings, pages and search entries as a content load does.
 * The change feed goes on from above the highest cursor the snapshot or this Newsroom ever gave, so
 * every app's cursor is answered `410 resync`; KV keys of the Newsroom before that the restored one
 * lacks are deleted at the end.
 */

import { FEED_META } from "../shared/model/documents.ts";
import { INDEX_PREFIX } from "../shared/model/index-tree.ts";
import { type Article, dateValue } from "../shared/model/schema.ts";
import type { RestoreAnswer } from "../shared/archive-answers.ts";
import { type Counts, type CurrentRecord, type DataRecord, headerProblem, recordProblem, restoredCursor } from "../shared/snapshot-format.ts";
import { cursorNow } from "./archive-pages.ts";
import { type Articles, type Derivation, scopesText } from "./articles.ts";
import { rebuildRedirects } from "./redirects.ts";

const STAGED = {
  articles: "restore_article",
  revisions: "restore_revision",
  old_paths: "restore_old_path",
  imported: "restore_imported",
  sections: "restore_section",
};
export const RESTORE_SCHEMA = [
  // phase: staging (pages arrive) or moving (the alarm moves the articles in, after `after`); feed: the change number the restore took.
  `CREATE TABLE IF NOT EXISTS restore_state (one INTEGER PRIMARY KEY CHECK (one = 1), token TEXT NOT NULL, header TEXT NOT NULL, force INTEGER NOT NULL,
     phase TEXT NOT NULL, after TEXT NOT NULL, moved INTEGER NOT NULL, total INTEGER NOT NULL, feed INTEGER NOT NULL)`,
  "CREATE TABLE IF NOT EXISTS restore_article (id TEXT PRIMARY KEY, current TEXT)",
  "CREATE TABLE IF NOT EXISTS restore_revision (id TEXT, version INTEGER, time INTEGER, editor TEXT, kind TEXT, data TEXT, origin TEXT, PRIMARY KEY (id, version))",
  "CREATE TABLE IF NOT EXISTS restore_old_path (path TEXT PRIMARY KEY, id TEXT, target TEXT)",
  "CREATE TABLE IF NOT EXISTS restore_imported (source TEXT PRIMARY KEY, id TEXT, time INTEGER)",
  "CREATE TABLE IF NOT EXISTS restore_section (scope TEXT PRIMARY KEY)",
  // The KV keys of the Newsroom before (but index nodes, which garbage.ts deletes a day later): those the restored one lacks go at the end.
  "CREATE TABLE IF NOT EXISTS restore_stale (key TEXT PRIMARY KEY)",
];
const TABLES = [...Object.values(STAGED), "restore_stale", "restore_state"];
/** Records a restore page carries, at most. */
export const MAX_RECORDS = 2000;
/** Articles one alarm moves in and derives: a content load's batch size, well inside an invocation's limits. */
export const RESTORE_BATCH = 500;

type Transact = <T>(work: (articles: Articles) => Promise<T>) => Promise<{ value: T }>;
interface State {
  token: string;
  header: string;
  force: number;
  phase: "staging" | "moving";
  after: string;
  moved: number;
  total: number;
  feed: number;
  [column: string]: SqlStorageValue;
}

const count = (sql: SqlStorage, table: string) => sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
const staged = (sql: SqlStorage) => Object.fromEntries(Object.entries(STAGED).map(([k, table]) => [k, count(sql, table)])) as unknown as Counts;
const current = (sql: SqlStorage): State | null => sql.exec<State>("SELECT * FROM restore_state").toArray()[0] ?? null;
const refuse = (status: 404 | 409 | 422, detail: string): RestoreAnswer => ({ status, detail });

/** A 409 unless the Newsroom is empty (removed articles keep their revisions, so those count too) or the restore is forced. */
function occupied(sql: SqlStorage, force: boolean): RestoreAnswer | null {
  const [articles, revisions] = [count(sql, "article"), count(sql, "revision")];
  if (force || articles + revisions === 0) return null;
  return refuse(
    409,
    `The Newsroom holds ${articles} article(s) and ${revisions} revision(s), which a restore replaces: restore into an empty Newsroom, or force it.`,
  );
}

const GONE = refuse(404, "No restore is under way with this token (it finished, or another began since).");
function state(sql: SqlStorage, token: string): State | null {
  const s = current(sql);
  return s && s.token === token && s.phase === "staging" ? s : null;
}

/** Starts a restore: anything staged before is dropped; nothing live changes. */
export function beginRestore(sql: SqlStorage, header: unknown, force: unknown): RestoreAnswer {
  if (typeof force !== "boolean") return refuse(422, "`force` must be true or false.");
  if (current(sql)?.phase === "moving") return refuse(409, "A restore is moving its articles in; wait until it has finished.");
  const problem = headerProblem(header);
  if (problem) return refuse(422, `The snapshot's header is refused: ${problem}.`);
  const busy = occupied(sql, force);
  if (busy) return busy;
  for (const table of TABLES) sql.exec(`DELETE FROM ${table}`);
  const token = crypto.randomUUID();
  sql.exec("INSERT INTO restore_state VALUES (1, ?, ?, ?, 'staging', '', 0, 0, 0)", token, JSON.stringify(header), force ? 1 : 0);
  return { status: 201, token, staged: staged(sql) };
}

/** Checks every record of a page, then stages them all (again, harmlessly, if a page is sent twice). */
export function restorePage(sql: SqlStorage, token: string, records: unknown): RestoreAnswer {
  if (!state(sql, token)) return GONE;
  if (!Array.isArray(records) || records.length > MAX_RECORDS) return refuse(422, `\`records\` must be a list of at most ${MAX_RECORDS} snapshot records.`);
  for (const [i, record] of records.entries()) {
    const problem = recordProblem(record, false);
    if (problem) return refuse(422, `Record ${i} is refused: ${problem}. Nothing of this page was staged.`);
  }
  const put = (table: string, ...values: SqlStorageValue[]) =>
    sql.exec(`INSERT OR REPLACE INTO ${table} VALUES (${values.map(() => "?").join(", ")})`, ...values);
  for (const r of records as DataRecord[]) {
    if (r.t === "article") {
      put(STAGED.articles, r.id, r.current && JSON.stringify(r.current));
      for (const v of r.revisions)
        put(STAGED.revisions, r.id, v.version, Date.parse(v.time), v.editor, v.kind, v.article && JSON.stringify(v.article), v.origin);
    } else if (r.t === "old_path") put(STAGED.old_paths, r.path, r.id, r.target);
    else if (r.t === "imported") put(STAGED.imported, r.source, r.id, Date.parse(r.time));
    else put(STAGED.sections, r.scope);
  }
  return { status: 200, token, staged: staged(sql) };
}

/** Why the staged records do not make up the snapshot whose end record counts `counts`, or null. */
function incomplete(sql: SqlStorage, counts: Counts): string | null {
  const have = staged(sql);
  const short = (Object.keys(have) as (keyof Counts)[]).find((k) => have[k] !== counts[k]);
  if (short) return `${have[short]} ${short} staged where the snapshot has ${counts[short]}: send every page before finishing`;
  // Each article's current version is its last revision, an upsert; a removed one's last revision is its removal.
  const wrong = sql
    .exec<{ id: string }>(
      "SELECT r.id FROM restore_revision r LEFT JOIN restore_article a ON a.id = r.id WHERE r.version = (SELECT max(version) FROM restore_revision WHERE id = r.id)" +
        " AND (a.id IS NULL OR (a.current IS NULL) != (r.kind = 'delete') OR coalesce(json_extract(a.current, '$.version'), r.version) != r.version) LIMIT 1",
    )
    .toArray()[0];
  return wrong ? `article ${wrong.id}: its record and its last revision disagree` : null;
}

/**
 * Checks that the staging makes up the snapshot whose end record is `end`, then, in one transaction
 * (`transact`), puts the revisions, old paths and import keys in place of the live ones, empties the
 * read model and sets the change feed's cursor; the alarm then moves the articles in.
 */
export async function finishRestore(sql: SqlStorage, token: string, end: unknown, editor: string, transact: Transact): Promise<RestoreAnswer> {
  const s = state(sql, token);
  if (!s) return GONE;
  const e = end as { t: string; counts: Counts; cursor: { feed: number; change: number } } | null;
  if (e?.t !== "end" || typeof e.counts !== "object" || typeof e.cursor !== "object") return refuse(422, "The end record is not well formed.");
  const problem = incomplete(sql, e.counts);
  if (problem) return refuse(422, `The restore cannot finish: ${problem}. Nothing live was changed.`);
  const busy = occupied(sql, s.force === 1);
  if (busy) return busy;
  const cursor = restoredCursor(JSON.parse(s.header), e);
  const { value } = await transact(async (articles) => {
    const before = cursorNow(sql);
    const feed = Math.max(before.feed, cursor.feed) + 1;
    sql.exec("INSERT OR IGNORE INTO restore_stale SELECT key FROM model WHERE key NOT LIKE ? OR key LIKE '%:meta'", `${INDEX_PREFIX}%`);
    for (const table of ["article", "revision", "change", "feed", "old_path", "imported", "search", "section", "backup_run"]) sql.exec(`DELETE FROM ${table}`);
    articles.model.clear();
    sql.exec("INSERT INTO revision SELECT * FROM restore_revision");
    sql.exec("INSERT INTO old_path SELECT * FROM restore_old_path");
    sql.exec("INSERT INTO imported SELECT * FROM restore_imported");
    // Sections' old paths now; an article's follow it as it is moved in.
    await rebuildRedirects(sql, articles.model, new Map());
    // AUTOINCREMENT remembers the highest number given: the next change is numbered above every old cursor.
    sql.exec("INSERT INTO feed (n, id, type, time) VALUES (?, '', 'restore', 0)", feed);
    sql.exec("DELETE FROM feed");
    sql.exec("INSERT INTO change VALUES (?, '', 'restore', ?, ?, 0, 0)", Math.max(before.change, cursor.change) + 1, Date.now(), editor);
    // No change numbered `feed` exists: a cursor at or below it is older than the first kept, so 410.
    await articles.model.put(FEED_META, JSON.stringify({ v: 1, first: feed + 1, last: feed }));
    const total = sql.exec<{ n: number }>("SELECT count(*) AS n FROM restore_article WHERE current IS NOT NULL").one().n;
    sql.exec("UPDATE restore_state SET phase = 'moving', total = ?, feed = ?", total, feed);
    return { total, feed };
  });
  return { status: 202, token, staged: staged(sql), cursor: value.feed, moved: 0, total: value.total };
}

/** Where a restore stands (null: none under way). */
export function restoreStatus(sql: SqlStorage): { phase: "staging" | "moving"; moved: number; total: number } | null {
  const s = current(sql);
  return s && { phase: s.phase, moved: s.moved, total: s.total };
}

/** The restore's offer for the alarm: now while articles wait to be moved in. */
export const restoreDue = (sql: SqlStorage, now: number): number | null => (current(sql)?.phase === "moving" ? now : null);

/**
 * Moves the next `RESTORE_BATCH` staged articles in and derives them (without change-feed entries:
 * apps resync), inside the caller's transaction; at the end, deletes the KV keys of the Newsroom
 * before that the restored one lacks, and the staging. An article an editor wrote meanwhile keeps
 * the editor's version.
 */
export async function moveRestored(sql: SqlStorage, articles: Articles, now: number): Promise<void> {
  const s = current(sql);
  if (s?.phase !== "moving") return;
  const rows = sql
    .exec<{ id: string; current: string; time: number; data: string }>(
      "SELECT a.id, a.current, r.time, r.data FROM restore_article a JOIN restore_revision r ON r.id = a.id AND r.version = json_extract(a.current, '$.version')" +
        " WHERE a.id > ? ORDER BY a.id LIMIT ?",
      s.after,
      RESTORE_BATCH,
    )
    .toArray();
  const derivations: Derivation[] = [];
  for (const row of rows) {
    const cur = JSON.parse(row.current) as CurrentRecord;
    const article = JSON.parse(row.data) as Article;
    const at = dateValue(article.published);
    const values = [row.id, cur.version, cur.status, at, row.data, cur.origin, cur.contentHash, cur.contentVersion, scopesText(article.section), row.time];
    const insert = "INSERT OR IGNORE INTO article (id, version, status, publish_at, data, origin, content_hash, content_version, scopes, changed) VALUES";
    if (sql.exec(`${insert} (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...values).rowsWritten && cur.status === "published" && at <= now)
      derivations.push({ id: row.id, next: article, listed: null });
  }
  await articles.derive(derivations, now, false);
  if (rows.length === RESTORE_BATCH) {
    sql.exec("UPDATE restore_state SET after = ?, moved = moved + ?", rows[rows.length - 1].id, rows.length);
    return;
  }
  articles.model.deleteAbsent(
    sql
      .exec<{ key: string }>("SELECT key FROM restore_stale")
      .toArray()
      .map((r) => r.key),
  );
  for (const table of TABLES) sql.exec(`DELETE FROM ${table}`);
  console.log(JSON.stringify({ level: "info", event: "restore", outcome: "complete", articles: s.moved + rows.length, feed: s.feed }));
}
