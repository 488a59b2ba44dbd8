/**
 * @module
 * The Newsroom: one SQLite-backed Durable Object, the only writer. Every publish, correction,
 * removal, content load and scheduled publication is decided here, one at a time, inside a storage
 * transaction (the commit point); only then is the KV read model brought up to date (model.ts),
 * retried by the alarm until KV has it. Readers never call it: they read KV.
 *
 * SQLite holds each article's current version and status (`article`), every version with its editor
 * (`revision`), an append-only change log (`change`), and the read model with its outbox (model.ts),
 * whose index trees are the listing order of every section.
 */

import { DurableObject } from "cloudflare:workers";
import { ARTICLE_PREFIX, indexEntry, type IndexEntry } from "../content/store.ts";
import { type Article, dateValue, type FieldError, validateArticle } from "../content/schema.ts";
import { articleJsonEtag } from "../represent.ts";
import { articleView } from "../views.ts";
import { MODEL_SCHEMA, ReadModel } from "./model.ts";
import { removeIndexed, upsertIndexed } from "./tree.ts";
import { INDEX_PREFIX } from "../content/listing.ts";
import { kvEntries } from "./rebuild.ts";

const SCHEMA = [
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
];

/** Where an article came from: `content` (the repository's content/ folder) or `api`. */
export type Origin = "content" | "api";
/** The origin and canonical origin a request came through, for the ETag of the JSON representation. */
export interface SiteRef {
  origin: string;
  canonicalOrigin: string;
}

export interface Conditions {
  /** `If-Match`: `*` or the entity tags listed (RFC 9110 §13.1.1). */
  ifMatch?: "*" | string[];
  /** `If-None-Match: *` (RFC 9110 §13.1.2): only if no current version exists. */
  ifNoneMatchAny?: boolean;
}

export type WriteResult =
  | { status: 200 | 201; article: Article; previous: Article | null; etag: string; version: number; pending: number; kvWrites?: number; timing?: string }
  | { status: 204; previous: Article; pending: number; kvWrites?: number; timing?: string }
  | { status: 404 | 412 }
  | { status: 422; errors: FieldError[] };

export interface StoredArticle {
  article: Article;
  version: number;
  status: "draft" | "published";
  /** Published, but its time has not come. */
  scheduled: boolean;
  origin: Origin;
}

export interface RevisionInfo {
  version: number;
  time: string;
  editor: string;
  kind: "upsert" | "delete";
}

interface ArticleRow {
  id: string;
  version: number;
  status: "draft" | "published";
  publish_at: number;
  data: string;
  origin: Origin;
  listed: string | null;
  [column: string]: SqlStorageValue;
}

/** Retries of a failed KV update: 1 s, doubling, at most a minute apart. */
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000];

function nowSeconds(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export class Newsroom extends DurableObject<Env> {
  /** Both are fields so the fault-injection tests can put a failing wrapper around the real binding. */
  sql: SqlStorage;
  kv: KVNamespace;
  private queue: Promise<unknown> = Promise.resolve();
  private flushing: Promise<unknown> = Promise.resolve();
  private retries = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.kv = env.NEWS;
    for (const statement of SCHEMA) this.sql.exec(statement);
  }

  private get model(): ReadModel {
    return new ReadModel(this.sql);
  }

  /** Runs writes one after another: a change's checks and its commit see no other change in between. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private row(id: string): ArticleRow | null {
    return this.sql.exec<ArticleRow>("SELECT * FROM article WHERE id = ?", id).toArray()[0] ?? null;
  }

  private nextVersion(id: string): number {
    return this.sql.exec<{ v: number }>("SELECT coalesce(max(version), 0) + 1 AS v FROM revision WHERE id = ?", id).one().v;
  }

  /** Brings the read model in line with one article: listed and readable when public, gone otherwise. */
  private async derive(id: string, next: Article | null, listed: IndexEntry | null): Promise<boolean> {
    const model = this.model;
    if (next) {
      const entry = indexEntry(next);
      await model.put(ARTICLE_PREFIX + id, JSON.stringify(next));
      await upsertIndexed(model, entry, listed);
      this.sql.exec("UPDATE article SET listed = ? WHERE id = ?", JSON.stringify(entry), id);
      return true;
    }
    if (!listed) return false;
    await removeIndexed(model, listed);
    await model.delete(ARTICLE_PREFIX + id);
    this.sql.exec("UPDATE article SET listed = NULL WHERE id = ?", id);
    return true;
  }

  private log(id: string, kind: "upsert" | "delete", now: number, editor: string, version: number, isPublic: boolean): void {
    this.sql.exec("INSERT INTO change (id, kind, time, editor, version, public) VALUES (?, ?, ?, ?, ?, ?)", id, kind, now, editor, version, isPublic ? 1 : 0);
  }

  /** Stores a new version (inside a transaction) and derives the read model. */
  private async commitUpsert(article: Article, current: ArticleRow | null, editor: string, origin: Origin, now: number): Promise<number> {
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
    const listed = current?.listed ? (JSON.parse(current.listed) as IndexEntry) : null;
    const changed = await this.derive(article.id, visible ? article : null, listed);
    this.log(article.id, "upsert", now, editor, version, changed);
    return version;
  }

  private async commitRemove(current: ArticleRow, editor: string, now: number): Promise<void> {
    const version = this.nextVersion(current.id);
    const changed = await this.derive(current.id, null, current.listed ? (JSON.parse(current.listed) as IndexEntry) : null);
    this.sql.exec("DELETE FROM article WHERE id = ?", current.id);
    this.sql.exec("INSERT INTO revision (id, version, time, editor, kind, data) VALUES (?, ?, ?, ?, 'delete', NULL)", current.id, version, now, editor);
    this.log(current.id, "delete", now, editor, version, changed);
  }

  private async preconditionFails(current: ArticleRow | null, conditions: Conditions, site: SiteRef): Promise<boolean> {
    if (conditions.ifNoneMatchAny && current) return true;
    if (conditions.ifMatch === undefined) return false;
    if (!current) return true;
    if (conditions.ifMatch === "*") return false;
    const etag = await articleJsonEtag(articleView(JSON.parse(current.data) as Article, site));
    return !conditions.ifMatch.includes(etag);
  }

  /**
   * PUT: creates or replaces an article. A new version of an article readers can see that gives no
   * `modified` is dated now (or at its publication, if later), so its ETag and dateModified change.
   */
  async publish(id: string, input: Record<string, unknown>, editor: string, site: SiteRef, conditions: Conditions = {}): Promise<WriteResult> {
    const started = Date.now();
    const result = await this.serial(async (): Promise<WriteResult> => {
      const current = this.row(id);
      if (await this.preconditionFails(current, conditions, site)) return { status: 412 };
      const now = Date.now();
      const candidate: Record<string, unknown> = { ...input, id };
      if (current?.listed && input.modified === undefined) {
        const published = typeof input.published === "string" ? dateValue(input.published) : NaN;
        candidate.modified = published > now ? input.published : nowSeconds(now);
      }
      const checked = validateArticle(candidate);
      if (!checked.ok) return { status: 422, errors: checked.errors };
      const article = checked.value;
      const version = await this.ctx.storage.transaction(() => this.commitUpsert(article, current, editor, "api", now));
      const previous = current ? (JSON.parse(current.data) as Article) : null;
      const etag = await articleJsonEtag(articleView(article, site));
      return { status: current ? 200 : 201, article, previous, etag, version, pending: 0 };
    });
    return this.settle(result, started);
  }

  /** DELETE: removes an article (a tombstone in the change log, a `delete` revision). */
  async remove(id: string, editor: string, site: SiteRef, conditions: Conditions = {}): Promise<WriteResult> {
    const started = Date.now();
    const result = await this.serial(async (): Promise<WriteResult> => {
      const current = this.row(id);
      if (await this.preconditionFails(current, conditions, site)) return { status: 412 };
      if (!current) return { status: 404 };
      await this.ctx.storage.transaction(() => this.commitRemove(current, editor, Date.now()));
      return { status: 204, previous: JSON.parse(current.data) as Article, pending: 0 };
    });
    return this.settle(result, started);
  }

  /** After a commit: KV updated before answering when it can be; otherwise retried by the alarm. */
  private async settle(result: WriteResult, started: number): Promise<WriteResult> {
    if (result.status !== 200 && result.status !== 201 && result.status !== 204) return result;
    const committed = Date.now();
    const { written, left } = await this.flush();
    await this.schedule();
    return { ...result, pending: left, kvWrites: written, timing: `commit;dur=${committed - started}, kv;dur=${Date.now() - committed}` };
  }

  /**
   * Loads content/ (the repository's articles): each one stored when new or changed, unchanged ones
   * left alone (no revision); with `keep` (every id content/ has, when it is loaded in batches),
   * articles that came from content/ and are neither in `keep` nor in `inputs` are removed. All or
   * nothing: one invalid article and nothing changes.
   */
  async loadContent(inputs: unknown[], editor: string, keep: string[] | null = null): Promise<{ created: number; updated: number; unchanged: number; removed: number; errors: FieldError[] }> {
    const counts = { created: 0, updated: 0, unchanged: 0, removed: 0, errors: [] as FieldError[] };
    const articles: Article[] = [];
    inputs.forEach((input, i) => {
      const checked = validateArticle(input);
      if (checked.ok) articles.push(checked.value);
      else counts.errors.push(...checked.errors.map((e) => ({ field: `[${i}].${e.field}`, message: e.message })));
    });
    if (new Set(articles.map((a) => a.id)).size !== articles.length) counts.errors.push({ field: "", message: "an id is used twice" });
    if (counts.errors.length) return counts;
    await this.serial(() =>
      this.ctx.storage.transaction(async () => {
        const now = Date.now();
        for (const article of articles) {
          const current = this.row(article.id);
          if (current && current.data === JSON.stringify(article)) counts.unchanged++;
          else {
            await this.commitUpsert(article, current, editor, "content", now);
            counts[current ? "updated" : "created"]++;
          }
        }
        if (!keep) return;
        const kept = new Set([...keep, ...articles.map((a) => a.id)]);
        for (const row of this.sql.exec<ArticleRow>("SELECT * FROM article WHERE origin = 'content'").toArray()) {
          if (kept.has(row.id)) continue;
          await this.commitRemove(row, editor, now);
          counts.removed++;
        }
      }),
    );
    await this.flush();
    await this.schedule();
    return counts;
  }

  /** The current version, whatever its status: for previews and editors. */
  async article(id: string): Promise<StoredArticle | null> {
    const row = this.row(id);
    if (!row) return null;
    return {
      article: JSON.parse(row.data) as Article,
      version: row.version,
      status: row.status,
      scheduled: row.status === "published" && row.publish_at > Date.now(),
      origin: row.origin,
    };
  }

  /** Every version of an article, newest first (also after a removal). */
  async revisions(id: string): Promise<RevisionInfo[]> {
    return this.sql
      .exec<{ version: number; time: number; editor: string; kind: "upsert" | "delete" }>(
        "SELECT version, time, editor, kind FROM revision WHERE id = ? ORDER BY version DESC",
        id,
      )
      .toArray()
      .map((r) => ({ version: r.version, time: new Date(r.time).toISOString(), editor: r.editor, kind: r.kind }));
  }

  async revision(id: string, version: number): Promise<(RevisionInfo & { article: Article | null }) | null> {
    const r = this.sql
      .exec<{ version: number; time: number; editor: string; kind: "upsert" | "delete"; data: string | null }>(
        "SELECT version, time, editor, kind, data FROM revision WHERE id = ? AND version = ?",
        id,
        version,
      )
      .toArray()[0];
    if (!r) return null;
    return { version: r.version, time: new Date(r.time).toISOString(), editor: r.editor, kind: r.kind, article: r.data ? (JSON.parse(r.data) as Article) : null };
  }

  /** The change log after `since` (a sequence number), oldest first. */
  async changes(since: number, limit: number): Promise<{ seq: number; id: string; kind: string; time: string; editor: string; version: number; public: boolean }[]> {
    return this.sql
      .exec<{ seq: number; id: string; kind: string; time: number; editor: string; version: number; public: number }>(
        "SELECT * FROM change WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        limit,
      )
      .toArray()
      .map((c) => ({ ...c, time: new Date(c.time).toISOString(), public: c.public === 1 }));
  }

  // -------------------------------------------------------------------------------------------
  // KV: draining the outbox, scheduled publications, rebuild and check

  /**
   * Writes what KV lacks, one drain at a time (two at once could write an older root after a newer
   * one). Returns how many keys still wait; on a failure the alarm retries.
   */
  flush(): Promise<{ written: number; left: number }> {
    const run = this.flushing.then(async () => {
      try {
        const result = await this.model.drain(this.kv);
        // Within one call only a bounded number of KV writes; the alarm continues a long queue.
        if (result.left > 0) await this.schedule(Date.now());
        this.retries = 0;
        return result;
      } catch (err) {
        console.error(JSON.stringify({ event: "read model update failed", error: String(err), cause: String((err as Error).cause ?? "") }));
        await this.schedule(Date.now() + RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]);
        return { written: 0, left: this.model.pending() };
      }
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Sets the alarm for the next scheduled publication, or `retryAt` if sooner (a second from now while KV is behind). */
  private async schedule(retryAt = Infinity): Promise<void> {
    const due = this.sql.exec<{ at: number | null }>("SELECT min(publish_at) AS at FROM article WHERE status = 'published' AND listed IS NULL").one().at;
    if (retryAt === Infinity && this.model.pending() > 0) retryAt = Date.now() + RETRY_MS[0];
    const at = Math.min(due ?? Infinity, retryAt);
    if (at === Infinity) return void (await this.ctx.storage.deleteAlarm());
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at || current < Date.now()) await this.ctx.storage.setAlarm(at);
  }

  /** Publishes what has come due, then drains the outbox. */
  override async alarm(): Promise<void> {
    await this.serial(async () => {
      const now = Date.now();
      const due = this.sql.exec<ArticleRow>("SELECT * FROM article WHERE status = 'published' AND listed IS NULL AND publish_at <= ?", now).toArray();
      if (due.length === 0) return;
      await this.ctx.storage.transaction(async () => {
        for (const row of due) {
          await this.derive(row.id, JSON.parse(row.data) as Article, null);
          this.log(row.id, "upsert", now, "schedule", row.version, true);
        }
      });
    });
    await this.flush();
    await this.schedule();
  }

  /** Re-derives the whole read model from the articles, then rewrites every KV key (and deletes stray records and roots). */
  async rebuild(): Promise<{ keys: number; deleted: number; pending: number }> {
    const stale = await this.kvKeys();
    const counts = await this.serial(() =>
      this.ctx.storage.transaction(async () => {
        const now = Date.now();
        const visible = this.sql
          .exec<ArticleRow>("SELECT * FROM article WHERE status = 'published' AND publish_at <= ?", now)
          .toArray()
          .map((r) => JSON.parse(r.data) as Article);
        const model = this.model;
        model.clear();
        this.sql.exec("UPDATE article SET listed = NULL");
        for (const { key, value } of kvEntries(visible)) this.sql.exec("INSERT INTO model (key, value) VALUES (?, ?)", key, value);
        for (const a of visible) this.sql.exec("UPDATE article SET listed = ? WHERE id = ?", JSON.stringify(indexEntry(a)), a.id);
        model.requeueAll(stale);
        return { keys: model.keys("", 1e9).length, deleted: stale.filter((k) => model.value(k) === null).length };
      }),
    );
    return { ...counts, pending: (await this.flush()).left };
  }

  /** Article records and index roots now in KV (what a rebuild may have to delete). */
  private async kvKeys(): Promise<string[]> {
    const keys: string[] = [];
    for (const prefix of [ARTICLE_PREFIX, INDEX_PREFIX]) {
      let cursor: string | undefined;
      do {
        const page = await this.kv.list({ prefix, cursor });
        for (const k of page.keys) if (prefix === ARTICLE_PREFIX || k.name.endsWith(":meta")) keys.push(k.name);
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
    }
    return keys;
  }

  /** Compares a page of the model with KV, key by key: what is missing there or different. */
  async checkReadModel(after = "", limit = 200): Promise<{ checked: number; missing: string[]; different: string[]; next: string | null; pending: number }> {
    const page = this.model.keys(after, Math.min(Math.max(limit, 1), 500));
    const missing: string[] = [];
    const different: string[] = [];
    await Promise.all(
      page.map(async ({ key, value }) => {
        const stored = await this.kv.get(key);
        if (stored === null) missing.push(key);
        else if (stored !== value) different.push(key);
      }),
    );
    return { checked: page.length, missing: missing.sort(), different: different.sort(), next: page.length ? page[page.length - 1].key : null, pending: this.model.pending() };
  }
}
