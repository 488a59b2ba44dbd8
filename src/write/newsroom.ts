/**
 * @module
 * The Newsroom: one SQLite-backed Durable Object, the only writer. Every publish, correction,
 * removal, content load and scheduled publication is decided here, one at a time, inside a storage
 * transaction: the commit is the answer to a write. The same transaction queues what KV must learn
 * (outbox.ts) and sets the alarm that drains it (drain.ts), so no crash at any instant can leave a
 * committed change without a drain scheduled. Readers never call it — they read KV — except search,
 * which runs on its FTS5 index (search.ts) behind a short cache, and editors' previews and lists.
 */

import { DurableObject } from "cloudflare:workers";
import { type Article, type FieldError, validateArticle } from "../model/schema.ts";
import { purge } from "../cache/purge.ts";
import { affected } from "../cache/resources.ts";
import { Articles, SCHEMA, upgradeArticles } from "./articles.ts";
import { Drainer } from "./drain.ts";
import { type Conditions, type EditResult, edit, type Edited, type EditInput } from "./editing.ts";
import {
  changeLog,
  type EditorialStatus,
  editorialList,
  type LogEntry,
  revision,
  type RevisionInfo,
  revisions,
  type StoredArticle,
  storedArticle,
} from "./history.ts";
import { type ImportItem, type ImportReport, importItems, type SectionRedirect } from "./imports.ts";
import { type LoadOptions, type LoadReport, loadArticles } from "./loading.ts";
import { nextCollection } from "./garbage.ts";
import { getMeta, setMeta } from "./meta.ts";
import { upgradeModel } from "./outbox.ts";
import { compareWithKV, ownedKeys, type ReadModelCheck, rebuildModel } from "./rebuild.ts";
import { search, type SearchHit } from "./search.ts";
import { terms } from "../model/search-terms.ts";
import { RecentWrites } from "./write-log.ts";

export type { Origin } from "./articles.ts";
export type { EditorialItem, EditorialStatus, PublicationState, RevisionInfo, StoredArticle } from "./history.ts";
export type { Conditions, EditResult } from "./editing.ts";
export type { Conflict, LoadReport } from "./loading.ts";
export type { ImportItem, ImportReport, SectionRedirect } from "./imports.ts";

/** What a committed write tells the Worker: the commit, the keys it changed in KV and how many KV still lacks. */
export interface WriteOptions extends Conditions {
  /** `Prefer: wait`: answer once KV has this change, or after this many ms. */
  waitMs?: number;
}

export type WriteResult = EditResult | { status: 422; errors: FieldError[] };

/**
 * The shape of what the Newsroom derives (read model, search index, sections). An object whose
 * stored version is older re-derives everything when it starts, so a deploy that adds a derived
 * document (as version 2 added search, sections and list descriptions, 3 each listing entry's
 * language, and 4 the nav document) fills it for every article.
 */
const DERIVED_VERSION = 4;

/** What the Newsroom Worker binds (newsroom.wrangler.toml). */
export interface NewsroomEnv {
  NEWS: KVNamespace;
}

export class Newsroom extends DurableObject<NewsroomEnv> {
  /** Both are fields so the fault-injection tests can put a failing wrapper around the real binding. */
  sql: SqlStorage;
  kv: KVNamespace;
  private queue: Promise<unknown> = Promise.resolve();
  /** The log of recent KV writes readers renew their copies by (writes.ts). */
  private readonly writeLog = new RecentWrites(this.ctx.storage.sql, () => this.kv);
  private readonly drainer = new Drainer(this.ctx.storage.sql, () => this.kv, this.writeLog);

  constructor(ctx: DurableObjectState, env: NewsroomEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.kv = env.NEWS;
    for (const statement of SCHEMA) this.sql.exec(statement);
    upgradeModel(this.sql);
    upgradeArticles(this.sql);
    // This location's Cache API copies of what a pass wrote go (scheduled publications included: no Worker is there to).
    this.drainer.onWritten = (keys) => purge(affected(keys));
    void ctx.blockConcurrencyWhile(() => this.upgrade());
  }

  /** Re-derives everything when what is stored was derived by an older version (see DERIVED_VERSION). */
  private async upgrade(): Promise<void> {
    if ((getMeta(this.sql, "derived") ?? 0) >= DERIVED_VERSION) return;
    const any = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM article").one().n > 0;
    await this.transact(async (articles) => {
      if (any) {
        await rebuildModel(this.sql, articles.model, Date.now());
        articles.model.requeueAll([]);
      }
      setMeta(this.sql, "derived", DERIVED_VERSION);
    });
  }

  /** Runs writes one after another: a change's checks and its commit see no other change in between. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One transaction: numbers the commit, runs `work`, and before committing sets the alarm for the
   * drain (now, if KV now lacks anything) or the next scheduled publication.
   */
  private transact<T>(work: (articles: Articles) => Promise<T>): Promise<{ value: T; commit: number; keys: string[] }> {
    return this.ctx.storage.transaction(async (txn) => {
      const commit = (getMeta(this.sql, "commit") ?? 0) + 1;
      setMeta(this.sql, "commit", commit);
      const articles = new Articles(this.sql, commit);
      const value = await work(articles);
      const current = await txn.getAlarm();
      // A replaced node's due time only where no alarm is set: one that is set (a back-off after a
      // failed pass, say) comes before it, and its pass sets the next.
      const later = [articles.nextDue(), current === null ? nextCollection(this.sql) : null].filter((t): t is number => t !== null);
      const at = articles.model.behind() ? Date.now() : later.length ? Math.min(...later) : null;
      if (at !== null && (current === null || current > at)) await txn.setAlarm(at);
      return { value, commit, keys: [...articles.model.touched] };
    });
  }

  /** After a commit: at once, or (`waitMs`) once KV has it or the time is up; with how many of its keys KV still lacks. */
  private async answer(edited: Edited, options: WriteOptions, started: number): Promise<WriteResult> {
    const committed = Date.now();
    const pending = await this.drainer.until(edited.commit, edited.keys, options.waitMs ?? 0);
    return { ...edited, pending, timing: `commit;dur=${committed - started}${options.waitMs ? `, kv;dur=${Date.now() - committed}` : ""}` };
  }

  /** PUT (or, with `id` null, POST: the Newsroom names the article): creates or replaces an article. */
  async publish(id: string | null, input: Record<string, unknown>, editor: string, options: WriteOptions = {}): Promise<WriteResult> {
    return this.write({ kind: "upsert", id, input, editor }, options);
  }

  /** DELETE: removes an article (a tombstone in the change log and the feed, a `delete` revision). */
  async remove(id: string, editor: string, options: WriteOptions = {}): Promise<WriteResult> {
    return this.write({ kind: "delete", id, editor }, options);
  }

  /** Restores revision `version` as a new version dated now (a deleted article comes back). */
  async restore(id: string, version: number, editor: string, options: WriteOptions = {}): Promise<WriteResult> {
    return this.write({ kind: "restore", id, version, editor }, options);
  }

  private async write(input: EditInput, options: WriteOptions): Promise<WriteResult> {
    const started = Date.now();
    const result = await this.serial(() => edit(this.sql, input, options, (work) => this.transact(work)));
    return "commit" in result ? this.answer(result, options, started) : result;
  }

  /**
   * Loads content/ (the repository's articles), as loading.ts decides: new files stored, changed
   * ones applied unless an editor changed the article since, conflicts reported.
   */
  async loadContent(inputs: unknown[], editor: string, options: LoadOptions | string[] | null = {}): Promise<LoadReport & { errors: FieldError[] }> {
    const opts: LoadOptions = Array.isArray(options) || options === null ? { keep: options } : options;
    const errors: FieldError[] = [];
    const valid: Article[] = [];
    inputs.forEach((input, i) => {
      const checked = validateArticle(input);
      if (checked.ok) valid.push(checked.value);
      else errors.push(...checked.errors.map((e) => ({ field: `[${i}].${e.field}`, message: e.message })));
    });
    if (new Set(valid.map((a) => a.id)).size !== valid.length) errors.push({ field: "", message: "an id is used twice" });
    if (errors.length) return { created: 0, updated: 0, unchanged: 0, removed: 0, conflicts: [], overwritten: [], errors };
    const { value } = await this.serial(() => this.transact((articles) => loadArticles(this.sql, articles, valid, editor, opts, Date.now())));
    return { ...value, errors };
  }

  /** Imports a batch of an archive (imports.ts): items imported before are skipped, invalid ones refused, the rest stored with their old paths. */
  async importItems(items: ImportItem[], sections: SectionRedirect[], editor: string): Promise<ImportReport> {
    const { value } = await this.serial(() => this.transact((articles) => importItems(this.sql, articles, items, sections, editor, Date.now())));
    return value;
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

  /** Editors' lists by status, newest change first. */
  async list(status: EditorialStatus, scope: string, offset: number, limit: number) {
    return editorialList(this.sql, status, scope, offset, limit);
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

  /** Resolves once KV has commit `commit`'s effect on `keys`, or after `timeoutMs`; how many of them KV still lacks. */
  async untilInKV(commit: number, keys: string[], timeoutMs: number): Promise<number> {
    return this.drainer.until(commit, keys, Math.min(Math.max(timeoutMs, 0), 60_000));
  }

  /** Resolves once KV has every write made so far and the log of recent writes says so (loaders and tests wait on it). */
  async settled(): Promise<void> {
    await this.drainer.settled();
  }

  /** Publishes what has come due, drains one batch, and sets the alarm for whatever is next. */
  override async alarm(): Promise<void> {
    try {
      await this.serial(() => this.transact((articles) => articles.publishDue(Date.now())));
      const pass = await this.drainer.pass();
      const next = [this.drainer.nextPassAt(pass), new Articles(this.sql).nextDue()].filter((t): t is number => t !== null);
      if (next.length) await this.ctx.storage.setAlarm(Math.min(...next));
    } catch (err) {
      // Never left to the platform's retries: the next attempt is ours, a second from now.
      console.error(JSON.stringify({ level: "error", event: "alarm failed", error: String(err) }));
      await this.ctx.storage.setAlarm(Date.now() + 1_000);
    }
  }

  /** Re-derives the whole read model from the articles, then rewrites every KV key (and deletes stray records and roots). */
  async rebuild(): Promise<{ keys: number; deleted: number; pending: number }> {
    const stale = await ownedKeys(this.kv);
    const { value } = await this.serial(() =>
      this.transact(async (articles) => {
        const model = articles.model;
        await rebuildModel(this.sql, model, Date.now());
        model.requeueAll(stale);
        return { keys: model.size(), deleted: stale.filter((k) => model.value(k) === null).length, pending: model.pending() };
      }),
    );
    return value;
  }

  /** Compares a page of the model with KV, key by key: what is missing there or different (keys still queued are pending, not different). */
  async checkReadModel(after = "", limit = 200): Promise<ReadModelCheck> {
    return compareWithKV(new Articles(this.sql).model, this.kv, after, limit);
  }
}
