/**
 * @module
 * The Newsroom's own tables and what one change does to them, always inside its transaction:
 * `article` (each article's current version and status), `revision` (every version and who made
 * it), `change` (the append-only log) — and, through `derive`, the read model: the article record,
 * its place in every listing tree, the search index and the public change feed.
 */

import { dateValue, type Article } from "../content/schema.ts";
import { ARTICLE_PREFIX, indexEntry, type IndexEntry } from "../content/store.ts";
import { FEED_SCHEMA, recordChange } from "./feed.ts";
import { MODEL_SCHEMA, ReadModel } from "./model.ts";
import { SEARCH_SCHEMA, unindex, index } from "./search.ts";
import { SECTIONS_SCHEMA, updateSections } from "./sections.ts";
import { removeIndexed, upsertIndexed } from "./tree.ts";
import { META_SCHEMA } from "./meta.ts";
import { WRITES_SCHEMA } from "./writes.ts";

export const SCHEMA = [
  // listed: the IndexEntry as the read model lists it now, or NULL when the article is not public.
  `CREATE TABLE IF NOT EXISTS article (
     id TEXT PRIMARY KEY, version INTEGER NOT NULL, status TEXT NOT NULL, publish_at INTEGER NOT NULL,
     data TEXT NOT NULL, origin TEXT NOT NULL, listed TEXT)`,
  "CREATE INDEX IF NOT EXISTS article_due ON article (publish_at) WHERE status = 'published' AND listed IS NULL",
  `CREATE TABLE IF NOT EXISTS revision (
     id TEXT NOT NULL, version INTEGER NOT NULL, time INTEGER NOT NULL, editor TEXT NOT NULL, kind TEXT NOT NULL, data TEXT,
     PRIMARY KEY (id, version))`,
  // public: whether the change altered what readers see (a draft saved is logged, but not public).
  `CREATE TABLE IF NOT EXISTS change (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, kind TEXT NOT NULL, time INTEGER NOT NULL,
     editor TEXT NOT NULL, version INTEGER NOT NULL, public INTEGER NOT NULL)`,
  ...MODEL_SCHEMA,
  ...SEARCH_SCHEMA,
  ...FEED_SCHEMA,
  ...SECTIONS_SCHEMA,
  ...WRITES_SCHEMA,
  ...META_SCHEMA,
];

/** Where an article came from: `content` (the repository's content/ folder) or `api`. */
export type Origin = "content" | "api";

export interface ArticleRow {
  id: string;
  version: number;
  status: "draft" | "published";
  publish_at: number;
  data: string;
  origin: Origin;
  listed: string | null;
  [column: string]: SqlStorageValue;
}

export const parseListed = (row: ArticleRow | null): IndexEntry | null => (row?.listed ? (JSON.parse(row.listed) as IndexEntry) : null);

export class Articles {
  readonly model: ReadModel;
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    this.model = new ReadModel(sql);
  }

  row(id: string): ArticleRow | null {
    return this.sql.exec<ArticleRow>("SELECT * FROM article WHERE id = ?", id).toArray()[0] ?? null;
  }

  private nextVersion(id: string): number {
    return this.sql.exec<{ v: number }>("SELECT coalesce(max(version), 0) + 1 AS v FROM revision WHERE id = ?", id).one().v;
  }

  /**
   * Brings the read model in line with one article: listed, readable and searchable when public,
   * gone otherwise; a public change also enters the change feed. Returns whether readers see a change.
   */
  async derive(id: string, next: Article | null, listed: IndexEntry | null, now: number): Promise<boolean> {
    const model = this.model;
    if (next) {
      const entry = indexEntry(next);
      await model.put(ARTICLE_PREFIX + id, JSON.stringify(next));
      await upsertIndexed(model, entry, listed);
      this.sql.exec("UPDATE article SET listed = ? WHERE id = ?", JSON.stringify(entry), id);
      index(this.sql, next);
      await updateSections(this.sql, model, [next.section, ...(listed ? [listed.section] : [])]);
      await recordChange(this.sql, model, { type: "upsert", id, time: now, entry });
      return true;
    }
    if (!listed) return false;
    await removeIndexed(model, listed);
    await model.delete(ARTICLE_PREFIX + id);
    this.sql.exec("UPDATE article SET listed = NULL WHERE id = ?", id);
    unindex(this.sql, id);
    await updateSections(this.sql, model, [listed.section]);
    await recordChange(this.sql, model, { type: "delete", id, time: now });
    return true;
  }

  private log(id: string, kind: "upsert" | "delete", now: number, editor: string, version: number, isPublic: boolean): void {
    this.sql.exec("INSERT INTO change (id, kind, time, editor, version, public) VALUES (?, ?, ?, ?, ?, ?)", id, kind, now, editor, version, isPublic ? 1 : 0);
  }

  /** Stores a new version and derives the read model; returns the version number. */
  async upsert(article: Article, current: ArticleRow | null, editor: string, origin: Origin, now: number): Promise<number> {
    const version = this.nextVersion(article.id);
    const status = article.status ?? "published";
    const publishAt = dateValue(article.published);
    const data = JSON.stringify(article);
    this.sql.exec(
      "INSERT INTO article (id, version, status, publish_at, data, origin, listed) VALUES (?, ?, ?, ?, ?, ?, NULL) " +
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version, status = excluded.status, publish_at = excluded.publish_at, data = excluded.data",
      article.id,
      version,
      status,
      publishAt,
      data,
      current?.origin ?? origin,
    );
    this.sql.exec("INSERT INTO revision (id, version, time, editor, kind, data) VALUES (?, ?, ?, ?, 'upsert', ?)", article.id, version, now, editor, data);
    const visible = status === "published" && publishAt <= now;
    const changed = await this.derive(article.id, visible ? article : null, parseListed(current), now);
    this.log(article.id, "upsert", now, editor, version, changed);
    return version;
  }

  /** Removes an article: a `delete` revision, a tombstone in the log and, if it was public, in the feed. */
  async remove(current: ArticleRow, editor: string, now: number): Promise<void> {
    const version = this.nextVersion(current.id);
    const changed = await this.derive(current.id, null, parseListed(current), now);
    this.sql.exec("DELETE FROM article WHERE id = ?", current.id);
    this.sql.exec("INSERT INTO revision (id, version, time, editor, kind, data) VALUES (?, ?, ?, ?, 'delete', NULL)", current.id, version, now, editor);
    this.log(current.id, "delete", now, editor, version, changed);
  }

  /** Publishes every scheduled article whose time has come. */
  async publishDue(now: number): Promise<number> {
    const due = this.sql.exec<ArticleRow>("SELECT * FROM article WHERE status = 'published' AND listed IS NULL AND publish_at <= ?", now).toArray();
    for (const row of due) {
      await this.derive(row.id, JSON.parse(row.data) as Article, null, now);
      this.log(row.id, "upsert", now, "schedule", row.version, true);
    }
    return due.length;
  }

  /** When the next scheduled article is due (epoch ms), if any. */
  nextDue(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT min(publish_at) AS at FROM article WHERE status = 'published' AND listed IS NULL").one().at;
  }
}
