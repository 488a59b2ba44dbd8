/**
 * @module
 * The Newsroom: one SQLite-backed Durable Object, the only writer. Every publish, correction,
 * removal, content load and scheduled publication is decided here, one at a time, inside a storage
 * transaction (the commit point; articles.ts); only then is the KV read model brought up to date
 * (model.ts), retried by the alarm until KV has it. Readers never call it — they read KV — except
 * search, which runs on its FTS5 index (search.ts) behind a short cache.
 */

import { DurableObject } from "cloudflare:workers";
import { type Article, dateValue, type FieldError, validateArticle } from "../content/schema.ts";
import { articleJsonEtag } from "../represent.ts";
import { articleView, type SiteRef } from "../views.ts";
import { type ArticleRow, Articles, type Origin, SCHEMA } from "./articles.ts";
import { changeLog, type LogEntry, revision, type RevisionInfo, revisions, type StoredArticle, storedArticle } from "./history.ts";
import { compareWithKV, ownedKeys, type ReadModelCheck, rebuildModel } from "./rebuild.ts";
import { search, type SearchHit, terms } from "./search.ts";
import { getMeta, setMeta } from "./meta.ts";
import { RecentWrites } from "./writes.ts";

export type { Origin } from "./articles.ts";
export type { StoredArticle, RevisionInfo } from "./history.ts";

/** The origin, canonical origin and language a request came through, for the ETag of the JSON representation. */
export type { SiteRef } from "../views.ts";

export interface Conditions {
  /** `If-Match`: `*` or the entity tags listed (RFC 9110 §13.1.1). */
  ifMatch?: "*" | string[];
  /** `If-None-Match: *` (RFC 9110 §13.1.2): only if no current version exists. */
  ifNoneMatchAny?: boolean;
}

interface Written {
  pending: number;
  kvWrites?: number;
  timing?: string;
}

export type WriteResult =
  | ({ status: 200 | 201; article: Article; previous: Article | null; etag: string; version: number } & Written)
  | ({ status: 204; previous: Article } & Written)
  | { status: 404 | 412 }
  | { status: 422; errors: FieldError[] };

/**
 * The shape of what the Newsroom derives (read model, search index, sections). An object whose
 * stored version is older re-derives everything when it starts, so a deploy that adds a derived
 * document (as version 2 added search, sections and list descriptions) fills it for every article.
 */
const DERIVED_VERSION = 2;

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
  /** The log of recent KV writes readers renew their copies by (writes.ts). */
  private readonly writeLog = new RecentWrites(this.ctx.storage.sql, () => this.kv);
  private flushing: Promise<unknown> = Promise.resolve();
  private nextFlush: Promise<{ written: number; left: number }> | undefined;
  private retries = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.kv = env.NEWS;
    for (const statement of SCHEMA) this.sql.exec(statement);
    // Columns added after a table was first created (CREATE TABLE IF NOT EXISTS leaves old tables as they are).
    const modelColumns = this.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('model')").toArray().map((c) => c.name);
    if (!modelColumns.includes("in_kv")) this.sql.exec("ALTER TABLE model ADD COLUMN in_kv INTEGER NOT NULL DEFAULT 0");
    void ctx.blockConcurrencyWhile(() => this.upgrade());
  }

  /** Re-derives everything when what is stored was derived by an older version (see DERIVED_VERSION). */
  private async upgrade(): Promise<void> {
    const stored = getMeta(this.sql, "derived") ?? 0;
    if (stored >= DERIVED_VERSION) return;
    const articles = this.articles;
    const any = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM article").one().n > 0;
    await this.ctx.storage.transaction(async () => {
      if (any) {
        await rebuildModel(this.sql, articles.model, Date.now());
        articles.model.requeueAll([]);
      }
      setMeta(this.sql, "derived", DERIVED_VERSION);
    });
    if (any) await this.ctx.storage.setAlarm(Date.now());
  }

  private get articles(): Articles {
    return new Articles(this.sql);
  }

  /** Runs writes one after another: a change's checks and its commit see no other change in between. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
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
      const articles = this.articles;
      const current = articles.row(id);
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
      const version = await this.ctx.storage.transaction(() => articles.upsert(article, current, editor, "api", now));
      const previous = current ? (JSON.parse(current.data) as Article) : null;
      const etag = await articleJsonEtag(articleView(article, site));
      return { status: current ? 200 : 201, article, previous, etag, version, pending: 0 };
    });
    return this.settle(result, started);
  }

  /** DELETE: removes an article (a tombstone in the change log and the feed, a `delete` revision). */
  async remove(id: string, editor: string, site: SiteRef, conditions: Conditions = {}): Promise<WriteResult> {
    const started = Date.now();
    const result = await this.serial(async (): Promise<WriteResult> => {
      const articles = this.articles;
      const current = articles.row(id);
      if (await this.preconditionFails(current, conditions, site)) return { status: 412 };
      if (!current) return { status: 404 };
      await this.ctx.storage.transaction(() => articles.remove(current, editor, Date.now()));
      return { status: 204, previous: JSON.parse(current.data) as Article, pending: 0 };
    });
    return this.settle(result, started);
  }

  /** After a commit: KV updated before answering when it can be (so this location reads its writes); otherwise the alarm retries. */
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
    const valid: Article[] = [];
    inputs.forEach((input, i) => {
      const checked = validateArticle(input);
      if (checked.ok) valid.push(checked.value);
      else counts.errors.push(...checked.errors.map((e) => ({ field: `[${i}].${e.field}`, message: e.message })));
    });
    if (new Set(valid.map((a) => a.id)).size !== valid.length) counts.errors.push({ field: "", message: "an id is used twice" });
    if (counts.errors.length) return counts;
    await this.serial(() =>
      this.ctx.storage.transaction(async () => {
        const articles = this.articles;
        const now = Date.now();
        for (const article of valid) {
          const current = articles.row(article.id);
          if (current && current.data === JSON.stringify(article)) counts.unchanged++;
          else {
            await articles.upsert(article, current, editor, "content", now);
            counts[current ? "updated" : "created"]++;
          }
        }
        if (!keep) return;
        const kept = new Set([...keep, ...valid.map((a) => a.id)]);
        for (const row of this.sql.exec<ArticleRow>("SELECT * FROM article WHERE origin = 'content'").toArray()) {
          if (kept.has(row.id)) continue;
          await articles.remove(row, editor, now);
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
    return storedArticle(this.sql, id);
  }

  async revisions(id: string): Promise<RevisionInfo[]> {
    return revisions(this.sql, id);
  }

  async revision(id: string, version: number): Promise<(RevisionInfo & { article: Article | null }) | null> {
    return revision(this.sql, id, version);
  }

  /** The internal change log after `since` (a sequence number), oldest first. */
  async changes(since: number, limit: number): Promise<LogEntry[]> {
    return changeLog(this.sql, since, limit);
  }

  /** Public articles matching every word of `query` in `scope` ("all" for the site), best first. */
  async search(query: string, scope: string, offset: number, limit: number): Promise<{ total: number; hits: SearchHit[] }> {
    return search(this.sql, terms(query), scope, offset, limit);
  }

  // -------------------------------------------------------------------------------------------
  // KV: draining the outbox, scheduled publications, rebuild and check

  /**
   * Writes what KV lacks, one drain at a time (two at once could write an older root after a newer
   * one). Returns what it wrote and how many keys still wait; on a failure the alarm retries.
   */
  flush(): Promise<{ written: number; left: number }> {
    // A drain that has not started yet will write this caller's changes too: share it (a burst of
    // publishes makes one drain waiting, not one each, now that drains may wait out a second).
    if (this.nextFlush) return this.nextFlush;
    const run = this.flushing.then(async () => {
      this.nextFlush = undefined;
      try {
        const result = await this.articles.model.drain(this.kv, this.writeLog);
        // Within one call only a bounded number of KV writes; the alarm continues a long queue.
        if (result.left > 0) await this.schedule(Date.now());
        this.retries = 0;
        return result;
      } catch (err) {
        console.error(JSON.stringify({ level: "error", event: "read model update failed", error: String(err), cause: String((err as Error).cause ?? "") }));
        await this.schedule(Date.now() + RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]);
        return { written: 0, left: this.articles.model.pending() };
      }
    });
    // Then the log of recent writes learns when what was written had been written (KV hears of it
    // within a second, after the caller has its answer).
    this.flushing = run.then(() => this.writeLog.complete());
    this.nextFlush = run;
    return run;
  }

  /** Resolves once KV has every write made so far and the log of recent writes says so (loaders and tests wait on it). */
  async settled(): Promise<void> {
    await this.flush();
    await this.writeLog.settled();
  }

  /** Sets the alarm for the next scheduled publication, or `retryAt` if sooner (a second from now while KV is behind). */
  private async schedule(retryAt = Infinity): Promise<void> {
    const articles = this.articles;
    const due = articles.nextDue();
    if (retryAt === Infinity && articles.model.pending() > 0) retryAt = Date.now() + RETRY_MS[0];
    const at = Math.min(due ?? Infinity, retryAt);
    if (at === Infinity) return void (await this.ctx.storage.deleteAlarm());
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at || current < Date.now()) await this.ctx.storage.setAlarm(at);
  }

  /** Publishes what has come due, then drains the outbox. */
  override async alarm(): Promise<void> {
    await this.serial(() => this.ctx.storage.transaction(() => this.articles.publishDue(Date.now())));
    await this.flush();
    await this.schedule();
  }

  /** Re-derives the whole read model from the articles, then rewrites every KV key (and deletes stray records and roots). */
  async rebuild(): Promise<{ keys: number; deleted: number; pending: number }> {
    const stale = await ownedKeys(this.kv);
    const counts = await this.serial(() =>
      this.ctx.storage.transaction(async () => {
        const model = this.articles.model;
        await rebuildModel(this.sql, model, Date.now());
        model.requeueAll(stale);
        return { keys: model.size(), deleted: stale.filter((k) => model.value(k) === null).length };
      }),
    );
    return { ...counts, pending: (await this.flush()).left };
  }

  /** Compares a page of the model with KV, key by key: what is missing there or different. */
  async checkReadModel(after = "", limit = 200): Promise<ReadModelCheck> {
    return compareWithKV(this.articles.model, this.kv, after, limit);
  }
}
