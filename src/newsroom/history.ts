/**
 * @module
 * What editors read back from the Newsroom: an article whatever its status, its revisions, and the
 * internal change log. Reads only; every write is in articles.ts.
 */

import { type Article, dateValue } from "../shared/model/schema.ts";
import { scopesText } from "./articles.ts";
import type { ListFilter, Origin, Vocabulary } from "../shared/newsroom-api.ts";
import type { StoredArticle, RevisionInfo, LogEntry } from "../shared/newsroom-api.ts";
import type { EditorialItem, EditorialStatus, PublicationState } from "../shared/editorial.ts";

export function publicationState(row: { status: string; publish_at: number }, now = Date.now()): PublicationState {
  if (row.status === "draft") return { status: "draft" };
  if (row.publish_at > now) return { status: "scheduled", at: new Date(row.publish_at).toISOString() };
  return { status: "published" };
}

/** An article row (with its current version's editor) as the desk's lists and an export's pages give it; `changed`: epoch ms. */
export function editorialItem(
  r: { data: string; version: number; status: string; publish_at: number; editor: string },
  changed: number,
  now: number,
): EditorialItem {
  return {
    article: JSON.parse(r.data) as Article,
    state: publicationState(r, now),
    version: r.version,
    editor: r.editor,
    changed: new Date(changed).toISOString(),
  };
}

/** The current version, without its content tag (the Newsroom adds it: `tagOf` is asynchronous). */
export function storedArticle(sql: SqlStorage, id: string, now = Date.now()): Omit<StoredArticle, "tag"> | null {
  const row = sql
    .exec<{ data: string; version: number; status: "draft" | "published"; publish_at: number; origin: Origin; editor: string; time: number }>(
      "SELECT a.*, r.editor, r.time FROM article a JOIN revision r ON r.id = a.id AND r.version = a.version WHERE a.id = ?",
      id,
    )
    .toArray()[0];
  if (!row) return null;
  const state = publicationState(row, now);
  return {
    article: JSON.parse(row.data) as Article,
    version: row.version,
    status: row.status,
    scheduled: state.status === "scheduled",
    origin: row.origin,
    state,
    editor: row.editor,
    changed: new Date(row.time).toISOString(),
  };
}

/** Every version of an article, newest first (also after a removal). */
export function revisions(sql: SqlStorage, id: string): RevisionInfo[] {
  return sql
    .exec<{ version: number; time: number; editor: string; kind: "upsert" | "delete"; origin: Origin | null }>(
      "SELECT version, time, editor, kind, origin FROM revision WHERE id = ? ORDER BY version DESC",
      id,
    )
    .toArray()
    .map((r) => ({ version: r.version, time: new Date(r.time).toISOString(), editor: r.editor, kind: r.kind, ...(r.origin && { origin: r.origin }) }));
}

export function revision(sql: SqlStorage, id: string, version: number): (RevisionInfo & { article: Article | null }) | null {
  const r = sql
    .exec<{ version: number; time: number; editor: string; kind: "upsert" | "delete"; data: string | null; origin: Origin | null }>(
      "SELECT version, time, editor, kind, data, origin FROM revision WHERE id = ? AND version = ?",
      id,
      version,
    )
    .toArray()[0];
  if (!r) return null;
  const info = { version: r.version, time: new Date(r.time).toISOString(), editor: r.editor, kind: r.kind, ...(r.origin && { origin: r.origin }) };
  return { ...info, article: r.data ? (JSON.parse(r.data) as Article) : null };
}

/** The internal change log after `since`, oldest first (every commit, public or not, with its editor). */
export function changeLog(sql: SqlStorage, since: number, limit: number): LogEntry[] {
  return sql
    .exec<{ seq: number; id: string; kind: string; time: number; editor: string; version: number; public: number }>(
      "SELECT * FROM change WHERE seq > ? ORDER BY seq LIMIT ?",
      since,
      limit,
    )
    .toArray()
    .map((c) => ({ ...c, time: new Date(c.time).toISOString(), public: c.public === 1 }));
}

const STATE_SQL: Record<Exclude<EditorialStatus, "removed">, string> = {
  draft: "a.status = 'draft'",
  scheduled: "a.status = 'published' AND a.publish_at > ?1",
  published: "a.status = 'published' AND a.publish_at <= ?1",
  all: "?1 = ?1",
};

/** A filter's date as epoch ms (`to` as a date: the end of that day), or null. */
function bound(value: string | undefined, end: boolean): number | null {
  const ms = value ? dateValue(value) : NaN;
  return Number.isNaN(ms) ? null : ms + (end && value!.length === 10 ? 86_399_999 : 0);
}

const ORDER = { changed: "a.changed", published: "a.publish_at", headline: "a.data->>'headline' COLLATE NOCASE" };

/**
 * One page of an editors' list, newest change first (or by `filter.sort`); `scope` ("all" for every
 * section) and `filter` narrow it: a byline's name, an editor who saved a version, a publication time range.
 */
export function editorialList(
  sql: SqlStorage,
  status: EditorialStatus,
  scope: string,
  offset: number,
  limit: number,
  filter: ListFilter = {},
  now = Date.now(),
): { total: number; items: EditorialItem[] } {
  const inScope = ` ${scope} `;
  // ?5 author, ?6 editor, ?7 and ?8 the time range (epoch ms): of publication, or of the removal for removed stories.
  const params = [filter.author ?? null, filter.editor ?? null, bound(filter.from, false), bound(filter.to, true)];
  const narrowed = (alias: string, data: string, at: string) =>
    ` AND (?5 IS NULL OR ?5 IN (SELECT value->>'name' FROM json_each(${data}, '$.authors'))) AND (?6 IS NULL OR ?6 IN (SELECT editor FROM revision WHERE id = ${alias}.id))
      AND ${at} BETWEEN coalesce(?7, ${at}) AND coalesce(?8, ${at})`;
  const sort = filter.sort ?? "changed";
  const direction = sort.startsWith("-") ? "ASC" : "DESC";
  if (status === "removed") {
    const data = "(SELECT data FROM revision p WHERE p.id = r.id AND p.data IS NOT NULL ORDER BY p.version DESC LIMIT 1)";
    const rows = sql
      .exec<{ id: string; version: number; time: number; editor: string; data: string | null }>(
        `SELECT r.id, r.version, r.time, r.editor, ${data} AS data FROM revision r WHERE r.kind = 'delete' AND r.version = (SELECT max(version) FROM revision WHERE id = r.id)
           AND NOT EXISTS (SELECT 1 FROM article WHERE id = r.id) ${narrowed("r", data, "r.time")}
           ORDER BY r.time ${direction}, CAST(r.id AS INTEGER) DESC`,
        now,
        inScope,
        limit,
        offset,
        ...params,
      )
      .toArray()
      .filter((r) => r.data !== null && (scope === "all" || ` ${scopesOfData(r.data)} `.includes(inScope)));
    const items = rows.slice(offset, offset + limit).map((r) => ({
      article: JSON.parse(r.data!) as Article,
      state: { status: "removed" as const },
      version: r.version,
      editor: r.editor,
      changed: new Date(r.time).toISOString(),
    }));
    return { total: rows.length, items };
  }
  const where = `FROM article a WHERE ${STATE_SQL[status]} AND (?2 = ' all ' OR instr(a.scopes, ?2) > 0) ${narrowed("a", "a.data", "a.publish_at")}`;
  const total = sql.exec<{ n: number }>(`SELECT count(*) AS n ${where}`, now, inScope, limit, offset, ...params).one().n;
  const rows = sql
    .exec<{ data: string; version: number; status: string; publish_at: number; changed: number; editor: string }>(
      `SELECT a.data, a.version, a.status, a.publish_at, a.changed, (SELECT editor FROM revision r WHERE r.id = a.id AND r.version = a.version) AS editor
         ${where} ORDER BY ${ORDER[sort.replace("-", "") as keyof typeof ORDER] ?? ORDER.changed} ${direction}, CAST(a.id AS INTEGER) DESC LIMIT ?3 OFFSET ?4`,
      now,
      inScope,
      limit,
      offset,
      ...params,
    )
    .toArray();
  return { total, items: rows.map((r) => editorialItem(r, r.changed, now)) };
}

/** The sections, bylines and tags the stories use, drafts and scheduled ones too, most used first. */
export function vocabulary(sql: SqlStorage): Vocabulary {
  const rows = (what: string, from = "") =>
    sql.exec<{ v: string; u: string | null }>(`SELECT ${what} FROM article${from} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1000`).toArray();
  return {
    sections: rows("data->'section' AS v").map((r) => JSON.parse(r.v)),
    authors: rows("value->>'name' AS v, value->>'url' AS u", ", json_each(data, '$.authors')").map(({ v, u }) => (u ? { name: v, url: u } : { name: v })),
    tags: rows("value AS v", ", json_each(data, '$.tags')").map((r) => r.v),
  };
}

function scopesOfData(data: string): string {
  return scopesText((JSON.parse(data) as Article).section).trim();
}
