/**
 * @module
 * The Newsroom's own tables and what a change does to them, always inside its transaction:
 * `article` (each article's current version and status), `revision` (every version, who made it and
 * through what), `change` (the append-only log) — and, through `derive`, the read model: the article
 * records, their places in every listing tree, the search index, the sections and the public change
 * feed. A content load derives its whole batch at once: each tree, the sections document and each
 * feed page is changed once per batch, not once per article.
 */

import { scopesOf } from "../shared/model/index-tree.ts";
import { type Article, dateValue } from "../shared/model/schema.ts";
import { ARTICLE_PREFIX, type IndexEntry, indexEntry } from "../shared/model/documents.ts";
import { FEED_SCHEMA, type FeedChange, recordChanges } from "./change-feed.ts";
import { markGone } from "./gone.ts";
import { META_SCHEMA } from "./meta.ts";
import { GARBAGE_SCHEMA } from "./read-model/garbage.ts";
import { MODEL_SCHEMA, ReadModel } from "./read-model/outbox.ts";
import { index, SEARCH_SCHEMA, unindex } from "./search-index.ts";
import { REDIRECTS_SCHEMA, syncRedirects } from "./redirects.ts";
import { SECTIONS_SCHEMA, updateSections } from "./sections.ts";
import { applyIndexed } from "./read-model/tree.ts";
import { WRITES_SCHEMA } from "./read-model/write-log.ts";
import type { Origin } from "../shared/newsroom-api.ts";

export const SCHEMA = [
  // listed: the IndexEntry as the read model lists it now, or NULL when the article is not public.
  // content_hash / content_version: the content/ file as last loaded (its article's hash), and the version that load made;
  // scopes: ' all News News/Iran ' (for editors' lists by section); changed: epoch ms of the current version.
  `CREATE TABLE IF NOT EXISTS article (
     id TEXT PRIMARY KEY, version INTEGER NOT NULL, status TEXT NOT NULL, publish_at INTEGER NOT NULL,
     data TEXT NOT NULL, origin TEXT NOT NULL, listed TEXT, content_hash TEXT, content_version INTEGER, scopes TEXT, changed INTEGER)`,
  "CREATE INDEX IF NOT EXISTS article_due ON article (publish_at) WHERE status = 'published' AND listed IS NULL",
  // origin: 'api', 'content' or 'schedule' (NULL for revisions made before it was recorded).
  `CREATE TABLE IF NOT EXISTS revision (
     id TEXT NOT NULL, version INTEGER NOT NULL, time INTEGER NOT NULL, editor TEXT NOT NULL, kind TEXT NOT NULL, data TEXT, origin TEXT,
     PRIMARY KEY (id, version))`,
  // public: whether the change altered what readers see (a draft saved is logged, but not public).
  `CREATE TABLE IF NOT EXISTS change (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, kind TEXT NOT NULL, time INTEGER NOT NULL,
     editor TEXT NOT NULL, version INTEGER NOT NULL, public INTEGER NOT NULL)`,
  ...MODEL_SCHEMA,
  ...GARBAGE_SCHEMA,
  ...SEARCH_SCHEMA,
  ...FEED_SCHEMA,
  ...SECTIONS_SCHEMA,
  ...REDIRECTS_SCHEMA,
  ...WRITES_SCHEMA,
  ...META_SCHEMA,
];

/** Columns added after the tables were first created. */
export function upgradeArticles(sql: SqlStorage): void {
  const columns = (table: string) =>
    sql
      .exec<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .toArray()
      .map((c) => c.name);
  const article = columns("article");
  if (!article.includes("content_hash")) sql.exec("ALTER TABLE article ADD COLUMN content_hash TEXT");
  if (!article.includes("content_version")) sql.exec("ALTER TABLE article ADD COLUMN content_version INTEGER");
  if (!columns("revision").includes("origin")) sql.exec("ALTER TABLE revision ADD COLUMN origin TEXT");
  if (!article.includes("scopes")) {
    sql.exec("ALTER TABLE article ADD COLUMN scopes TEXT");
    sql.exec("ALTER TABLE article ADD COLUMN changed INTEGER");
    sql.exec("UPDATE article SET changed = (SELECT time FROM revision r WHERE r.id = article.id AND r.version = article.version)");
    for (const row of sql.exec<{ id: string; data: string }>("SELECT id, data FROM article").toArray())
      sql.exec("UPDATE article SET scopes = ? WHERE id = ?", scopesText((JSON.parse(row.data) as Article).section), row.id);
  }
  // After the columns it names exist (an old table gets them just above).
  sql.exec("CREATE INDEX IF NOT EXISTS article_changed ON article (changed)");
}

/** The scopes of a section path as the `scopes` column holds them, each between spaces. */
export const scopesText = (section: string[]): string => ` ${scopesOf(section).join(" ")} `;

export interface ArticleRow {
  id: string;
  version: number;
  status: "draft" | "published";
  publish_at: number;
  data: string;
  origin: Origin;
  listed: string | null;
  content_hash: string | null;
  content_version: number | null;
  scopes: string | null;
  changed: number | null;
  [column: string]: SqlStorageValue;
}

export const parseListed = (row: ArticleRow | null): IndexEntry | null => (row?.listed ? (JSON.parse(row.listed) as IndexEntry) : null);

/** One article's new state, for `derive`: `next` when public, else null; `listed` as the read model lists it now; `removed` when it is deleted. */
export interface Derivation {
  id: string;
  next: Article | null;
  listed: IndexEntry | null;
  removed?: true;
}

/** A version to store: the article, its row before, and what made it. */
export interface Upsert {
  article: Article;
  current: ArticleRow | null;
  origin: Origin;
  /** For a content load: the file's hash, remembered so the next load can tell whether the file changed. */
  contentHash?: string;
}

export class Articles {
  readonly model: ReadModel;
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage, commit = 0) {
    this.sql = sql;
    this.model = new ReadModel(sql, commit);
  }

  row(id: string): ArticleRow | null {
    return this.sql.exec<ArticleRow>("SELECT * FROM article WHERE id = ?", id).toArray()[0] ?? null;
  }

  private nextVersion(id: string): number {
    return this.sql.exec<{ v: number }>("SELECT coalesce(max(version), 0) + 1 AS v FROM revision WHERE id = ?", id).one().v;
  }

  /**
   * Brings the read model in line with a batch of articles: listed, readable and searchable when
   * public, gone otherwise; public changes also enter the change feed (unless `feed` is false: a
   * restore, after which apps resync). Returns, per article, whether readers see a change.
   */
  async derive(items: Derivation[], now: number, feed = true): Promise<boolean[]> {
    const model = this.model;
    const changed = items.map((d) => d.next !== null || d.listed !== null);
    const changes: FeedChange[] = [];
    const indexed: { entry: IndexEntry | null; previous: IndexEntry | null }[] = [];
    const paths: string[][] = [];
    for (const { id, next, listed, removed } of items) {
      await markGone(model, id, next ? "public" : removed ? "removed" : "unpublished", listed !== null);
      if (!next && !listed) continue;
      const entry = next ? indexEntry(next) : null;
      indexed.push({ entry, previous: listed });
      if (next) await model.put(ARTICLE_PREFIX + id, JSON.stringify(next));
      else await model.delete(ARTICLE_PREFIX + id);
      await syncRedirects(this.sql, model, id, next);
      this.sql.exec("UPDATE article SET listed = ? WHERE id = ?", entry ? JSON.stringify(entry) : null, id);
      if (next) index(this.sql, next, listed !== null);
      else unindex(this.sql, id);
      if (next) paths.push(next.section);
      if (listed) paths.push(listed.section);
      changes.push(entry ? { type: "upsert", id, time: now, entry } : { type: "delete", id, time: now });
    }
    if (indexed.length === 0) return changed;
    await applyIndexed(model, indexed);
    await updateSections(this.sql, model, paths);
    if (feed) await recordChanges(this.sql, model, changes);
    return changed;
  }

  private log(id: string, kind: "upsert" | "delete", now: number, editor: string, version: number, isPublic: boolean): void {
    this.sql.exec("INSERT INTO change (id, kind, time, editor, version, public) VALUES (?, ?, ?, ?, ?, ?)", id, kind, now, editor, version, isPublic ? 1 : 0);
  }

  /** Stores new versions and derives the read model; returns each one's version number. */
  async upsert(list: Upsert[], editor: string, now: number): Promise<number[]> {
    const versions: number[] = [];
    const derivations: Derivation[] = [];
    for (const { article, current, origin, contentHash } of list) {
      const version = this.nextVersion(article.id);
      versions.push(version);
      const status = article.status ?? "published";
      const publishAt = dateValue(article.published);
      const data = JSON.stringify(article);
      this.sql.exec(
        "INSERT INTO article (id, version, status, publish_at, data, origin, listed, content_hash, content_version, scopes, changed) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?) " +
          "ON CONFLICT (id) DO UPDATE SET version = excluded.version, status = excluded.status, publish_at = excluded.publish_at, data = excluded.data," +
          " content_hash = coalesce(excluded.content_hash, content_hash), content_version = coalesce(excluded.content_version, content_version)," +
          " scopes = excluded.scopes, changed = excluded.changed",
        article.id,
        version,
        status,
        publishAt,
        data,
        current?.origin ?? origin,
        contentHash ?? null,
        contentHash ? version : null,
        scopesText(article.section),
        now,
      );
      this.sql.exec(
        "INSERT INTO revision (id, version, time, editor, kind, data, origin) VALUES (?, ?, ?, ?, 'upsert', ?, ?)",
        article.id,
        version,
        now,
        editor,
        data,
        origin,
      );
      const visible = status === "published" && publishAt <= now;
      derivations.push({ id: article.id, next: visible ? article : null, listed: parseListed(current) });
    }
    const changed = await this.derive(derivations, now);
    list.forEach(({ article }, i) => this.log(article.id, "upsert", now, editor, versions[i], changed[i]));
    return versions;
  }

  /** Removes articles: a `delete` revision each, a tombstone in the log and, if it was public, in the feed. */
  async remove(rows: ArticleRow[], editor: string, origin: Origin, now: number): Promise<number[]> {
    const changed = await this.derive(
      rows.map((row) => ({ id: row.id, next: null, listed: parseListed(row), removed: true })),
      now,
    );
    return rows.map((row, i) => {
      const version = this.nextVersion(row.id);
      this.sql.exec("DELETE FROM article WHERE id = ?", row.id);
      this.sql.exec(
        "INSERT INTO revision (id, version, time, editor, kind, data, origin) VALUES (?, ?, ?, ?, 'delete', NULL, ?)",
        row.id,
        version,
        now,
        editor,
        origin,
      );
      this.log(row.id, "delete", now, editor, version, changed[i]);
      return version;
    });
  }

  /** Publishes every scheduled article whose time has come; returns their ids. */
  async publishDue(now: number): Promise<string[]> {
    const due = this.sql.exec<ArticleRow>("SELECT * FROM article WHERE status = 'published' AND listed IS NULL AND publish_at <= ?", now).toArray();
    if (due.length === 0) return [];
    await this.derive(
      due.map((row) => ({ id: row.id, next: JSON.parse(row.data) as Article, listed: null })),
      now,
    );
    for (const row of due) this.log(row.id, "upsert", now, "schedule", row.version, true);
    return due.map((row) => row.id);
  }

  /** When the next scheduled article is due (epoch ms), if any. */
  nextDue(): number | null {
    return this.sql.exec<{ at: number | null }>("SELECT min(publish_at) AS at FROM article WHERE status = 'published' AND listed IS NULL").one().at;
  }

  /** The next id for an article the Newsroom names itself: one past every id it has ever held. */
  nextId(): string {
    const max = this.sql.exec<{ n: number | null }>("SELECT max(CAST(id AS INTEGER)) AS n FROM revision").one().n ?? 0;
    return String(Math.max(max + 1, 100_001));
  }
}
