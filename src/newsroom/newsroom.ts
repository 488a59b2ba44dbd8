/**
 * @module
 * The Newsroom: one SQLite-backed Durable Object, the only writer. Every write is decided here, one at a time, inside a
 * storage transaction: the commit is the answer. The same transaction queues what KV must learn (outbox.ts) and sets
 * the alarm that drains it (drain.ts), so no crash at any instant can leave a committed change without a drain
 * scheduled. Readers read KV; they call it for search, the change channel and editors' lists.
 */

import { DurableObject } from "cloudflare:workers";
import type { Article, FieldError } from "../shared/model/schema.ts";
import type { EditorialStatus } from "../shared/editorial.ts";
import type {
  DeskSession,
  Conditions,
  Edited,
  ListFilter,
  Vocabulary,
  WorkingCopy,
  ImportItem,
  ImportReport,
  LoadOptions,
  LoadReport,
  LogEntry,
  NewsroomApi,
  ReadModelCheck,
  RevisionInfo,
  SearchHit,
  SectionRedirect,
  StoredArticle,
  UpdateInput,
  WriteOptions,
  WriteResult,
} from "../shared/newsroom-api.ts";
import { purgeHere } from "../shared/freshness/purge-records.ts";
import { affected } from "../shared/freshness/resources.ts";
import { Articles, SCHEMA, upgradeArticles } from "./articles.ts";
import { Drainer } from "./read-model/drain.ts";
import { edit, type EditInput } from "./editing.ts";
import { endSession, findSession, SESSIONS_SCHEMA, startSession } from "./desk-sessions.ts";
import { changeLog, editorialList, revision, revisions, storedArticle, vocabulary } from "./history.ts";
import { importItems } from "./imports.ts";
import { loadArticles, validateLoad } from "./loading.ts";
import { getMeta, setMeta } from "./meta.ts";
import { upgradeDerived } from "./derived-upgrade.ts";
import { upgradeModel } from "./read-model/outbox.ts";
import { compareWithKV, ownedKeys, rebuildAll } from "./read-model/rebuild.ts";
import { search } from "./search-index.ts";
import { terms } from "../shared/model/search-terms.ts";
import { RecentWrites } from "./read-model/write-log.ts";
import { CHANNEL_SCHEMA, recentChanges, recordChanges } from "./read-model/channel-log.ts";
import { earliest } from "./alarm.ts";
import { bannerDue, changeBanner, expireBanner } from "./banner-store.ts";
import { Pings } from "./pings.ts";
import type { Pass } from "./read-model/outbox.ts";
import { tagOf } from "./version-tag.ts";
import { archivePage } from "./archive-pages.ts";
import { BACKUP_SCHEMA, NightlyBackup } from "./nightly-backup.ts";
import { beginRestore, finishRestore, moveRestored, RESTORE_SCHEMA, restoreDue, restorePage, restoreStatus } from "./snapshot-restore.ts";
import { copyOf, keepWorkingCopy, WORKING_SCHEMA } from "./working-copy.ts";

/** What the Newsroom Worker binds (newsroom.wrangler.toml). */
export interface NewsroomEnv {
  NEWS: KVNamespace;
  /** Snapshots (nightly-backup.ts), which name the site's origin and are kept BACKUP_NIGHTS nights (site.toml `[backups]`). */
  BACKUPS: R2Bucket;
  CANONICAL_ORIGIN?: string;
  BACKUP_NIGHTS?: number;
}

export class Newsroom extends DurableObject<NewsroomEnv> implements NewsroomApi {
  /** The bindings are fields so the fault-injection tests can put a failing wrapper around the real ones. */
  sql: SqlStorage;
  kv: KVNamespace;
  backups: R2Bucket;
  private queue: Promise<unknown> = Promise.resolve();
  /** The log of recent KV writes readers renew their copies by (writes.ts). */
  private readonly writeLog = new RecentWrites(this.ctx.storage.sql, () => this.kv);
  private readonly drainer = new Drainer(this.ctx.storage.sql, () => this.kv, this.writeLog);
  readonly backup = new NightlyBackup(this.ctx.storage, () => this.backups, this.env);
  /** IndexNow and WebSub (pings.ts): queued by each commit, sent by the alarm; `pings.config` is a field so tests can point it at their own endpoint. */
  readonly pings = new Pings(this.ctx.storage, this.env);

  constructor(ctx: DurableObjectState, env: NewsroomEnv) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.kv = env.NEWS;
    this.backups = env.BACKUPS;
    for (const statement of [...SCHEMA, ...SESSIONS_SCHEMA, ...BACKUP_SCHEMA, ...RESTORE_SCHEMA, ...WORKING_SCHEMA, ...CHANNEL_SCHEMA])
      this.sql.exec(statement);
    upgradeModel(this.sql);
    upgradeArticles(this.sql);
    // This location's Cache API copies of what a pass wrote go (scheduled publications included: no Worker is there to).
    this.drainer.onWritten = (keys) => purgeHere(affected(keys));
    void ctx.blockConcurrencyWhile(() => upgradeDerived(this.sql, (work) => this.transact(work)));
  }

  /** Runs writes one after another: a change's checks and its commit see no other change in between. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One transaction: numbers the commit, runs `work`, sets the alarm (drain or next publication), puts its keys on the change channel. */
  private transact<T>(work: (articles: Articles) => Promise<T>, ping = true): Promise<{ value: T; commit: number; keys: string[] }> {
    return this.ctx.storage.transaction(async (txn) => {
      const commit = (getMeta(this.sql, "commit") ?? 0) + 1;
      setMeta(this.sql, "commit", commit);
      const articles = new Articles(this.sql, commit);
      const value = await work(articles);
      if (ping) this.pings.enqueue(articles.model.touched, (key) => articles.model.value(key));
      const current = await txn.getAlarm();
      const at = this.nextAlarm(articles, undefined, current !== null);
      if (at !== null && (current === null || current > at)) await txn.setAlarm(at);
      recordChanges(this.sql, [...articles.model.touched], (key) => articles.model.value(key), Date.now());
      return { value, commit, keys: [...articles.model.touched] };
    });
  }

  /** The alarm's time (alarm.ts): the earliest the parts offer, after a commit (`pass` undefined; `alarmSet`: one is set) or a drain pass. */
  private nextAlarm(articles: Articles, pass?: Pass, alarmSet = false): number | null {
    const offers = [this.drainer.nextAlarm(pass, alarmSet), articles.nextDue(), this.backup.nextAlarm(), restoreDue(this.sql, Date.now())];
    return earliest([...offers, bannerDue(articles.model), this.pings.due()]);
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

  /** Restores revision `version`'s text as a new version dated now, in the story's state (a removed one: a draft) or `status`. */
  async restore(id: string, version: number, editor: string, options: WriteOptions = {}, status?: string): Promise<WriteResult> {
    return this.write({ kind: "restore", id, version, editor, status }, options);
  }

  /** A live story's update posted, edited or deleted (live-updates.ts): a new version of the article, committed as a publish. */
  postUpdate(id: string, update: UpdateInput, editor: string, options: WriteOptions = {}) {
    return this.write({ kind: "live", id, change: { kind: "post", update }, editor }, options);
  }
  editUpdate(id: string, n: number, update: UpdateInput, editor: string, options: WriteOptions = {}) {
    return this.write({ kind: "live", id, change: { kind: "edit", n, update }, editor }, options);
  }
  deleteUpdate(id: string, n: number, editor: string, options: WriteOptions = {}) {
    return this.write({ kind: "live", id, change: { kind: "delete", n }, editor }, options);
  }
  private async write(input: EditInput, options: WriteOptions): Promise<WriteResult> {
    const started = Date.now();
    const result = await this.serial(() => edit(this.sql, input, options, (work) => this.transact(work)));
    return "commit" in result ? this.answer(result, options, started) : result;
  }

  /** Loads content/ (the repository's articles), as loading.ts decides: new, changed unless an editor changed it since, conflicts. */
  async loadContent(inputs: unknown[], editor: string, options: LoadOptions | string[] | null = {}): Promise<LoadReport & { errors: FieldError[] }> {
    const opts: LoadOptions = Array.isArray(options) || options === null ? { keep: options } : options;
    const { valid, errors } = validateLoad(inputs);
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
    const stored = storedArticle(this.sql, id);
    return stored && { ...stored, tag: await tagOf(stored.article) };
  }
  async revisions(id: string): Promise<RevisionInfo[]> {
    return revisions(this.sql, id);
  }
  async revision(id: string, version: number): Promise<(RevisionInfo & { article: Article | null }) | null> {
    return revision(this.sql, id, version);
  }

  /** Editors' lists by status, newest change first (or as `filter` sorts them). */
  async list(status: EditorialStatus, scope: string, offset: number, limit: number, filter: ListFilter = {}) {
    return editorialList(this.sql, status, scope, offset, limit, filter);
  }
  async vocabulary(): Promise<Vocabulary> {
    return vocabulary(this.sql);
  }

  /** The desk's autosave: `editor`'s private copy of a story over the version `conditions` name (working-copy.ts); `text` null forgets it. */
  async keepWorkingCopy(id: string, editor: string, text: unknown, etag: string, conditions: Conditions): Promise<{ status: 204 | 404 | 412 }> {
    return this.serial(() => keepWorkingCopy(this.sql, new Articles(this.sql).row(id), { id, editor, text, etag, conditions }, Date.now()));
  }
  async workingCopy(id: string, editor: string): Promise<WorkingCopy | null> {
    return copyOf(this.sql, id, editor);
  }
  /** The breaking-news banner (banner-store.ts): set, or cleared (`input` null), in a commit; its expiry is an offer to the alarm. */
  async setBanner(input: unknown, editor: string, options: WriteOptions = {}) {
    return changeBanner(input, editor, Date.now(), (work) => this.serial(() => this.transact(work)), this.drainer, options.waitMs);
  }

  /** The internal change log after `since` (a sequence number), oldest first. */
  async changes(since: number, limit: number): Promise<LogEntry[]> {
    return changeLog(this.sql, since, limit);
  }

  /** The change channel: every KV key committed in the last window with its new value (read-model/channel-log.ts). */
  async recentChanges(recentMs?: number) {
    return recentChanges(this.sql, Date.now(), recentMs);
  }

  /** Public articles matching every word of `query` in `scope` ("all" for the site), best first. */
  async search(query: string, scope: string, offset: number, limit: number): Promise<{ total: number; hits: SearchHit[] }> {
    return search(this.sql, terms(query), scope, offset, limit);
  }

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
      this.ctx.waitUntil(this.pings.step());
      const due = (a: Articles) => a.publishDue(Date.now()).then(() => moveRestored(this.sql, a, Date.now()).then(() => expireBanner(a.model, Date.now())));
      await this.serial(() => this.transact(due));
      const pass = await this.drainer.pass();
      await this.backup.step();
      const next = this.nextAlarm(new Articles(this.sql), pass);
      if (next !== null) await this.ctx.storage.setAlarm(next);
    } catch (err) {
      // Never left to the platform's retries: the next attempt is ours, a second from now.
      console.error(JSON.stringify({ level: "error", event: "alarm failed", error: String(err) }));
      await this.ctx.storage.setAlarm(Date.now() + 1_000);
    }
  }

  /** Re-derives the whole read model from the articles, then rewrites every KV key (and deletes stray records and roots). */
  async rebuild(): Promise<{ keys: number; deleted: number; pending: number }> {
    const stale = await ownedKeys(this.kv);
    return (await this.serial(() => this.transact((articles) => rebuildAll(this.sql, articles.model, stale, Date.now()), false))).value;
  }

  /** Compares a page of the model with KV, key by key: what is missing there or different (keys still queued are pending, not different). */
  async checkReadModel(after = "", limit = 200): Promise<ReadModelCheck> {
    return compareWithKV(new Articles(this.sql).model, this.kv, after, limit);
  }

  // The desk's sessions (desk-sessions.ts): not article writes, so outside the serial queue.
  async startSession(session: DeskSession): Promise<void> {
    await startSession(this.sql, session, Date.now());
  }
  async session(id: string): Promise<DeskSession | null> {
    return findSession(this.sql, id, Date.now());
  }
  async endSession(id: string): Promise<void> {
    await endSession(this.sql, id);
  }
  /** Pages for an export (archive-pages.ts), snapshots (nightly-backup.ts: a start's transaction sets the alarm), restores (snapshot-restore.ts). */
  async archive(after: string, limit: number) {
    return archivePage(this.sql, after, limit);
  }
  async startBackup(trigger: "schedule" | "request", at: number) {
    return (await this.serial(() => this.transact(async () => this.backup.start(trigger, at)))).value;
  }
  async backupStatus() {
    return this.backup.status();
  }
  async backupFile(name: string) {
    return this.backup.file(name);
  }
  async restoreBegin(header: unknown, force: unknown) {
    return this.serial(async () => beginRestore(this.sql, header, force));
  }
  async restorePage(token: string, records: unknown) {
    return this.serial(async () => restorePage(this.sql, token, records));
  }
  async restoreFinish(token: string, end: unknown, editor: string) {
    return this.serial(() => finishRestore(this.sql, token, end, editor, (work) => this.transact(work)));
  }
  async restoreStatus() {
    return restoreStatus(this.sql);
  }
}
