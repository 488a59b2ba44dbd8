/**
 * @module
 * The contract between the two Workers: what the Newsroom (src/newsroom/, one SQLite Durable Object, the only writer)
 * offers the reader Worker over RPC, and the shapes it answers with. The Newsroom `implements NewsroomApi`; the reader
 * calls it only through the typed stub of src/reader/newsroom-client.ts, so neither Worker imports the other. Every
 * method answers at the Newsroom's commit (a write) or from its SQLite (a read); KV follows in the background.
 */

import type { IndexEntry } from "./model/documents.ts";
import type { Article, Block, FieldError } from "./model/schema.ts";
import type { Author } from "./model/blocks.ts";
import type { EditorialItem, EditorialStatus, PublicationState } from "./editorial.ts";
import type { ArchivePage, BackupStatus, RestoreAnswer, Refusal } from "./archive-answers.ts";
import type { ChannelAnswer } from "./freshness/channel-format.ts";

/** Every RPC method the Newsroom offers the reader Worker (and the loaders, through the reader's admin API). */
export interface NewsroomApi {
  /** PUT (or, with `id` null, POST: the Newsroom names the article): creates or replaces an article. */
  publish(id: string | null, input: Record<string, unknown>, editor: string, options?: WriteOptions): Promise<WriteResult>;
  /** DELETE: removes an article (a tombstone in the change log and the feed, a `delete` revision). */
  remove(id: string, editor: string, options?: WriteOptions): Promise<WriteResult>;
  /**
   * Restores revision `version`'s text as a new version dated now, keeping the story's publication state; a removed
   * story comes back as a draft. `status` chooses the state instead (`published`: a removed story is republished).
   */
  restore(id: string, version: number, editor: string, options?: WriteOptions, status?: string): Promise<WriteResult>;
  /**
   * A live story's updates (issue 38): posts one (`201`, its number `n`), edits (`200`) or deletes (`204`, a
   * tombstone) update `n`. Each is a new version of the article, checked and committed as a publish is
   * (the options' preconditions and wait, the schema and its size limit, `draftOnly` for a contributor);
   * 404 for no such article or update, 409 when the story is not live (or, for a new one, closed).
   */
  postUpdate(id: string, update: UpdateInput, editor: string, options?: WriteOptions): Promise<WriteResult>;
  editUpdate(id: string, n: number, update: UpdateInput, editor: string, options?: WriteOptions): Promise<WriteResult>;
  deleteUpdate(id: string, n: number, editor: string, options?: WriteOptions): Promise<WriteResult>;
  /** Loads content/: new files stored, changed ones applied unless an editor changed the article since, conflicts reported. */
  loadContent(inputs: unknown[], editor: string, options?: LoadOptions | string[] | null): Promise<LoadReport & { errors: FieldError[] }>;
  /** Imports a batch of an archive: items imported before are skipped, invalid ones refused, the rest stored with their old paths. */
  importItems(items: ImportItem[], sections: SectionRedirect[], editor: string): Promise<ImportReport>;
  /** The current version, whatever its status: for previews and editors. */
  article(id: string): Promise<StoredArticle | null>;
  /** Every version of an article, newest first. */
  revisions(id: string): Promise<RevisionInfo[]>;
  revision(id: string, version: number): Promise<(RevisionInfo & { article: Article | null }) | null>;
  /** Editors' lists by status, newest change first (or as `filter` sorts them), narrowed by `filter`. */
  list(status: EditorialStatus, scope: string, offset: number, limit: number, filter?: ListFilter): Promise<{ total: number; items: EditorialItem[] }>;
  /** The sections, authors and tags the stories use (drafts and scheduled ones too), most used first: the desk's pickers. */
  vocabulary(): Promise<Vocabulary>;
  /** Keeps `editor`'s private working copy of a story (the desk's autosave) over the version `conditions` name, 412 when that is not current; `text` null forgets it. */
  keepWorkingCopy(id: string, editor: string, text: unknown, etag: string, conditions: Conditions): Promise<{ status: 204 | 404 | 412 }>;
  /** `editor`'s working copy of a story, if any. */
  workingCopy(id: string, editor: string): Promise<WorkingCopy | null>;
  /** The breaking-news banner (issue 38): `input` ({ text, link?, expires }) sets it, null clears it; 422 naming each bad field. */
  setBanner(input: unknown, editor: string, options?: WriteOptions): Promise<import("./model/banner.ts").BannerResult>;
  /** The internal change log after `since` (a sequence number), oldest first. */
  changes(since: number, limit: number): Promise<LogEntry[]>;
  /** The change channel: each KV key committed in the last `CHANNEL_WINDOW_MS` (or `recentMs`: `ChannelAnswer.from`) with its newest value. */
  recentChanges(recentMs?: number): Promise<ChannelAnswer>;
  /** Public articles matching every word of `query` in `scope` ("all" for the site), best first. */
  search(query: string, scope: string, offset: number, limit: number): Promise<{ total: number; hits: SearchHit[] }>;
  /** Resolves once KV has commit `commit`'s effect on `keys`, or after `timeoutMs`; how many of them KV still lacks. */
  untilInKV(commit: number, keys: string[], timeoutMs: number): Promise<number>;
  /** Resolves once KV has every write made so far and the log of recent writes says so (loaders and tests wait on it). */
  settled(): Promise<void>;
  /** Re-derives the whole read model from the articles, then rewrites every KV key (and deletes stray records and roots). */
  rebuild(): Promise<{ keys: number; deleted: number; pending: number }>;
  /** Compares a page of the model with KV, key by key: what is missing there or different (keys still queued are pending). */
  checkReadModel(after?: string, limit?: number): Promise<ReadModelCheck>;
  /** A page of the articles as they are now, any status, in id order (text), after `after` (an id, or ""): what an export writes; 400 for a bad `after` or `limit`. */
  archive(after: string, limit: number): Promise<ArchivePage | Refusal>;
  /** Starts a snapshot into R2, as the nightly Cron Trigger does (`schedule`: once a night) or on demand (`request`). */
  startBackup(trigger: "schedule" | "request", at: number): Promise<BackupStatus>;
  backupStatus(): Promise<BackupStatus>;
  /** A finished snapshot, `backups/<name>.jsonl.gz`, or null. */
  backupFile(name: string): Promise<{ size: number; body: ReadableStream } | null>;
  /** Starts a restore from a snapshot with this header: 409 if the Newsroom is not empty (unless `force`), 422 for a foreign header. */
  restoreBegin(header: unknown, force: unknown): Promise<RestoreAnswer>;
  /** Checks and stages a page of snapshot records (nothing live changes). */
  restorePage(token: string, records: unknown): Promise<RestoreAnswer>;
  /** Checks the staging against the snapshot's end record, puts it in place, and moves the articles in (202; the alarm goes on). */
  restoreFinish(token: string, end: unknown, editor: string): Promise<RestoreAnswer>;
  /** Where a restore stands: null when none is under way. */
  restoreStatus(): Promise<{ phase: "staging" | "moving"; moved: number; total: number } | null>;
  /** Records a desk session made at sign-in; the signed cookie names it by `id`. */
  startSession(session: DeskSession): Promise<void>;
  /** The desk session `id` names while it lasts: null once it has ended (sign-out) or passed its absolute end, or if it never was. */
  session(id: string): Promise<DeskSession | null>;
  /** Ends a desk session (sign-out): every request with its cookie is then without a session. */
  endSession(id: string): Promise<void>;
}

/** A desk session as the Newsroom keeps it (OWASP ASVS V3: state on the server, ended at sign-out, an absolute lifetime); the role is the configuration's. */
export interface DeskSession {
  /** Random (144 bits, base64url); the Newsroom stores its SHA-256 only. */
  id: string;
  /** The editor's name at sign-in. */
  editor: string;
  /** How they signed in: with a token, or through Cloudflare Access. */
  via: "token" | "access";
  /** What must still be configured for the session to stand: the token's SHA-256 (hex, as `EDITOR_TOKENS` holds it), or the Access email (lower case). */
  credential: string;
  /** The absolute end (epoch ms): 12 hours after sign-in, however active the session. */
  expires: number;
}

/** A write's preconditions, and `Prefer: wait`. */
export interface WriteOptions extends Conditions {
  /** `Prefer: wait`: answer once KV has this change, or after this many ms. */
  waitMs?: number;
}

/** The editors' list narrowed (`author`: a byline's name; `editor`: someone who saved a version; `from`/`to`: publication time, RFC 3339) and sorted. */
export interface ListFilter {
  author?: string;
  editor?: string;
  from?: string;
  to?: string;
  /** `changed` (the default), `published` or `headline`, newest (or Z) first; with `-` before it, oldest (or A) first. */
  sort?: string;
}

export interface Vocabulary {
  sections: string[][];
  authors: { name: string; url?: string }[];
  tags: string[];
}

export interface WorkingCopy {
  /** The version it was made over, and that version's JSON ETag (what a save of it sends as `If-Match`). */
  version: number;
  etag: string;
  /** The desk's form, as the desk sent it. */
  text: unknown;
  saved: string;
}

/** What a write answers: the commit (with how many of its KV keys KV still lacks), or why nothing changed. */
export type WriteResult = EditResult | { status: 422; errors: FieldError[] };

export interface StoredArticle {
  article: Article;
  version: number;
  /** The version's content tag (`articleTag`), which its JSON ETag carries. */
  tag: string;
  status: "draft" | "published";
  /** Published, but its time has not come. */
  scheduled: boolean;
  origin: Origin;
  state: PublicationState;
  /** Who made the current version, and when (RFC 3339). */
  editor: string;
  changed: string;
}

export interface RevisionInfo {
  version: number;
  time: string;
  editor: string;
  kind: "upsert" | "delete";
  /** `api` or `content` (absent for versions made before it was recorded). */
  origin?: Origin;
}

export interface LogEntry {
  seq: number;
  id: string;
  kind: string;
  time: string;
  editor: string;
  version: number;
  public: boolean;
}

export interface Conditions {
  /** Only over this version. */
  ifVersion?: number;
  /**
   * `If-Match` with entity tags: only over a version whose content tag (`articleTag`, the part of an
   * article's JSON ETag after the dot) is one of these.
   */
  ifTags?: string[];
  /** `If-Match: *`: only if the article exists. */
  ifPresent?: boolean;
  /** `If-None-Match: *`: only if it does not. */
  ifAbsent?: boolean;
  /** A contributor's write: only over an article that does not exist or is a draft (never one readers see or will see). */
  draftOnly?: boolean;
}

export interface Edited {
  status: 200 | 201 | 204;
  id: string;
  /** The new version (null after a removal). */
  article: Article | null;
  previous: Article | null;
  version: number;
  /** The new version's content tag (`articleTag`; empty after a removal), which its JSON ETag carries. */
  tag: string;
  state: PublicationState | null;
  /** The commit that made it (0 when nothing changed), and the KV keys it changed. */
  commit: number;
  keys: string[];
  /** A live update's write: the update's number. */
  n?: number;
}

/** One update of a live story as an editor writes it (the reader Worker checks its shape; the Newsroom numbers and dates it). */
export interface UpdateInput {
  title?: string;
  body: Block[];
  pinned?: boolean;
  authors?: Author[];
}

export type EditResult =
  | (Edited & { pending: number; timing: string })
  | { status: 403 | 404 | 412 }
  | { status: 422; errors: FieldError[] }
  /** A live update refused: the story is not live, or closed (the detail says which). */
  | { status: 409; detail: string };

export interface Conflict {
  id: string;
  /** The content/ file, when the loader named it. */
  file?: string;
  /** `changed`: edited through the API since the last load; `deleted`: removed through the API. */
  kind: "changed" | "deleted";
  editor: string;
  version: number;
}

export interface LoadOptions {
  /** Every id content/ has (when it is loaded in batches): content articles neither here nor loaded are removed. */
  keep?: string[] | null;
  /** id → the file it came from, for the report. */
  files?: Record<string, string>;
  /** Overwrite editors' changes (reported as `overwritten`). */
  force?: boolean;
}

export interface LoadReport {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  conflicts: Conflict[];
  overwritten: Conflict[];
}

export interface ImportItem {
  /** The item's key in its source, unique there: `wxr:example.org:post:123`. */
  source: string;
  /** The article without `id` (the Newsroom names it), in the content schema. */
  article: Record<string, unknown>;
  /** The id it should keep when no article ever had it (a round trip of this service's own JSON). */
  id?: string;
  /** Its paths on the old site (`/?p=123`, `/2020/02/27/slug/`). */
  oldPaths?: string[];
}

export interface SectionRedirect {
  section: string[];
  /** The section's paths on the old site (`/category/news/`). */
  oldPaths: string[];
}

export interface ImportReport {
  imported: { source: string; id: string; status: "published" | "draft" | "scheduled" }[];
  /** Imported by an earlier run: left as they are. */
  skipped: { source: string; id: string }[];
  /** Items refused, and sections whose names no article may have (`source` `section:["…"]`). */
  refused: { source: string; errors: FieldError[] }[];
  /** Sections with no article readers can see (yet): their old paths are not recorded; a rerun records them once one is public. */
  unrecorded?: SectionRedirect[];
  /** Old paths recorded by this call. */
  redirects: number;
  /** Old paths already recorded for something else (the first keeps them). */
  taken: string[];
}

export interface SearchHit {
  entry: IndexEntry;
  /** Plain text with `MARK_START`/`MARK_END` around each match. */
  snippet: string;
}

export interface ReadModelCheck {
  checked: number;
  missing: string[];
  different: string[];
  /** The last key checked, to continue from; null at the end. */
  next: string | null;
  /** Keys waiting in the outbox (those on this page are not compared: they differ until they are written). */
  pending: number;
}

/** Where a version came from: `content` (the repository's content/ folder) or `api`. */
export type Origin = "content" | "api";
