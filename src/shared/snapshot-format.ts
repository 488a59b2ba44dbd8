/**
 * @module
 * The Newsroom's snapshot, as the nightly backup writes it (src/newsroom/nightly-backup.ts) and a
 * restore reads it (scripts/content/restore-snapshot.ts, src/newsroom/snapshot-restore.ts): JSON
 * lines, gzipped. A header names the format, the site and the change-feed cursor; each part (one
 * backup step's page) opens with its number; then every article with every revision (its editor,
 * time and origin), the old paths, the import keys and the section tree; an end record counts it
 * all. Checked here in one pass with constant memory, so a damaged, truncated or foreign file is
 * refused before anything is written.
 */

import { ARTICLE_ID } from "./model/ids.ts";
import { type Article, validateArticle } from "./model/schema.ts";

export const SNAPSHOT_FORMAT = "edge-news/snapshot";
export const SNAPSHOT_VERSION = 1;

/** Where the change feed and the internal change log stood: a restore continues above both. */
export interface Cursor {
  feed: number;
  change: number;
}

export interface SnapshotHeader {
  t: "snapshot";
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** The site's canonical origin. */
  site: string;
  /** `YYYY-MM-DD` for a nightly snapshot, `YYYY-MM-DDTHH-MM-SSZ` for one taken on demand. */
  name: string;
  trigger: "schedule" | "request";
  started: string;
  cursor: Cursor;
}

/** An article's current row: absent (null) once it was removed. */
export interface CurrentRecord {
  version: number;
  status: "draft" | "published";
  origin: "api" | "content";
  contentHash: string | null;
  contentVersion: number | null;
}

export interface RevisionRecord {
  version: number;
  time: string;
  editor: string;
  kind: "upsert" | "delete";
  origin: string | null;
  article: Article | null;
}

export type SnapshotRecord =
  | SnapshotHeader
  | { t: "part"; n: number }
  | { t: "article"; id: string; current: CurrentRecord | null; revisions: RevisionRecord[] }
  | { t: "old_path"; path: string; id: string | null; target: string | null }
  | { t: "imported"; source: string; id: string; time: string }
  | { t: "section"; scope: string; names: string[]; total: number; newest: string }
  | { t: "end"; parts: number; counts: Counts; cursor: Cursor; finished: string };

export type ArticleRecord = Extract<SnapshotRecord, { t: "article" }>;
/** The records a restore stores (header, part and end only frame them). */
export type DataRecord = Extract<SnapshotRecord, { t: "article" | "old_path" | "imported" | "section" }>;

export interface Counts {
  articles: number;
  revisions: number;
  old_paths: number;
  imported: number;
  sections: number;
}

export const noCounts = (): Counts => ({ articles: 0, revisions: 0, old_paths: 0, imported: 0, sections: 0 });

/** The record kinds in the order a snapshot holds them. */
const ORDER = ["article", "old_path", "imported", "section"] as const;
const COUNT: Record<(typeof ORDER)[number], keyof Counts> = { article: "articles", old_path: "old_paths", imported: "imported", section: "sections" };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isTime = (v: unknown) => typeof v === "string" && v.length <= 40 && Number.isFinite(Date.parse(v));
const isText = (v: unknown, max: number) => typeof v === "string" && v !== "" && v.length <= max;
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isCursor = (v: unknown) => isObject(v) && isCount(v.feed) && isCount(v.change);

function revisionProblem(r: unknown, id: string): string | null {
  if (!isObject(r) || !Number.isSafeInteger(r.version) || (r.version as number) < 1) return "a revision without a version number";
  if (!isTime(r.time) || !isText(r.editor, 200) || (r.kind !== "upsert" && r.kind !== "delete")) return `revision ${r.version} lacks its time, editor or kind`;
  if (r.origin !== null && !isText(r.origin, 20)) return `revision ${r.version} has an unknown origin`;
  if (r.kind === "delete") return r.article === null ? null : `revision ${r.version} is a removal with an article`;
  const checked = validateArticle(r.article);
  if (!checked.ok) return `revision ${r.version} is not a valid article (${checked.errors[0].field} ${checked.errors[0].message})`;
  return checked.value.id === id ? null : `revision ${r.version} is article ${checked.value.id}`;
}

/**
 * Why a data record cannot be restored, or null. `whole`: the record has all of its article's
 * revisions (a file; a restore page may carry an article's revisions in pieces, which the Newsroom
 * checks together once all are in).
 */
export function recordProblem(value: unknown, whole: boolean): string | null {
  if (!isObject(value)) return "not a JSON object";
  switch (value.t) {
    case "article": {
      if (typeof value.id !== "string" || !ARTICLE_ID.test(value.id)) return "an article without a valid id";
      const { id, current, revisions } = value;
      if (!Array.isArray(revisions) || revisions.length === 0) return `article ${id} has no revisions`;
      for (const [i, r] of revisions.entries()) {
        const problem = revisionProblem(r, id);
        if (problem) return `article ${id}: ${problem}`;
        if (i > 0 && r.version <= revisions[i - 1].version) return `article ${id}: revisions out of order`;
      }
      if (current !== null) {
        if (!isObject(current) || !Number.isSafeInteger(current.version) || (current.status !== "draft" && current.status !== "published"))
          return `article ${id}: its current version is not well formed`;
        if (current.origin !== "api" && current.origin !== "content") return `article ${id}: its current version has an unknown origin`;
        if (!(current.contentHash === null || typeof current.contentHash === "string") || !(current.contentVersion === null || isCount(current.contentVersion)))
          return `article ${id}: its content/ load is not well formed`;
      }
      if (!whole) return null;
      const last = revisions[revisions.length - 1] as RevisionRecord;
      if (current === null) return last.kind === "delete" ? null : `article ${id}: removed, but its last revision is not a removal`;
      const now = current as unknown as CurrentRecord;
      if (last.kind !== "upsert" || last.version !== now.version) return `article ${id}: its current version is not its last revision`;
      return (last.article!.status === "draft") === (now.status === "draft") ? null : `article ${id}: its status disagrees with its current version`;
    }
    case "old_path":
      if (!isText(value.path, 2000) || !(value.path as string).startsWith("/")) return "an old path that is not a path";
      if (value.id !== null && !(typeof value.id === "string" && ARTICLE_ID.test(value.id))) return `old path ${value.path}: not an article id`;
      return (value.id === null) !== (value.target === null) && (value.target === null || isText(value.target, 2000))
        ? null
        : `old path ${value.path}: names neither an article nor a section`;
    case "imported":
      return isText(value.source, 500) && typeof value.id === "string" && ARTICLE_ID.test(value.id) && isTime(value.time)
        ? null
        : "an import key without its source, article or time";
    case "section":
      return isText(value.scope, 1000) && Array.isArray(value.names) && value.names.every((n) => typeof n === "string") && isCount(value.total)
        ? null
        : "a section without its scope, names or count";
    default:
      return `an unknown record type ${JSON.stringify(value.t)}`;
  }
}

/** Why a file is not a snapshot that can be restored: what is wrong, and the line (1-based). */
export class SnapshotProblem extends Error {
  readonly kind: "foreign" | "damaged" | "truncated";
  readonly line: number;
  constructor(kind: "foreign" | "damaged" | "truncated", line: number, message: string) {
    super(message);
    this.kind = kind;
    this.line = line;
  }
}

/** Why a header is not one this version restores, or null. */
export function headerProblem(value: unknown): string | null {
  if (!isObject(value) || value.t !== "snapshot" || value.format !== SNAPSHOT_FORMAT) return `not a snapshot of this service (no "${SNAPSHOT_FORMAT}" header)`;
  if (value.version !== SNAPSHOT_VERSION) return `snapshot format version ${JSON.stringify(value.version)}, and this version reads ${SNAPSHOT_VERSION}`;
  if (!isText(value.site, 300) || !isText(value.name, 40) || !isTime(value.started) || !isCursor(value.cursor))
    return "its header lacks the site, name, time or cursor";
  return null;
}

/**
 * Checks a snapshot line by line, in order (`line` once per line, then `end`): the header first,
 * parts numbered 1, 2, 3…, the kinds of record in their order (articles by id, so none is there twice),
 * and an end record whose counts are what came before it, last.
 */
export class SnapshotCheck {
  header: SnapshotHeader | null = null;
  final: Extract<SnapshotRecord, { t: "end" }> | null = null;
  readonly counts = noCounts();
  private lines = 0;
  private part = 0;
  private kind = 0;
  private lastId = "";

  /** Checks one line and returns its record; `last`: the file ends after it (a line cut short there is truncation). */
  line(text: string, last = false): SnapshotRecord {
    const n = ++this.lines;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (n === 1) throw new SnapshotProblem("foreign", n, "not a snapshot of this service (the first line is not JSON)");
      throw last ? new SnapshotProblem("truncated", n, "its last line is cut short") : new SnapshotProblem("damaged", n, "a line is not JSON");
    }
    if (n === 1) {
      const problem = headerProblem(value);
      if (problem) throw new SnapshotProblem("foreign", 1, problem);
      return (this.header = value as SnapshotHeader);
    }
    const record = value as SnapshotRecord;
    if (this.final) throw new SnapshotProblem("damaged", n, "a line after the end record");
    if (isObject(value) && value.t === "part") {
      if (value.n !== this.part + 1) throw new SnapshotProblem("damaged", n, `part ${JSON.stringify(value.n)} where part ${this.part + 1} belongs`);
      this.part++;
      return record;
    }
    if (this.part === 0) throw new SnapshotProblem("damaged", n, "a record before the first part");
    if (isObject(value) && value.t === "end") {
      const counts = isObject(value.counts) ? value.counts : {};
      const wrong = (Object.keys(this.counts) as (keyof Counts)[]).find((k) => counts[k] !== this.counts[k]);
      if (value.parts !== this.part || wrong)
        throw new SnapshotProblem("truncated", n, `the end record counts ${wrong ?? "parts"} otherwise than the file holds`);
      if (!isCursor(value.cursor)) throw new SnapshotProblem("damaged", n, "the end record has no cursor");
      return (this.final = record as typeof this.final & SnapshotRecord);
    }
    const problem = recordProblem(value, true);
    if (problem) throw new SnapshotProblem("damaged", n, problem);
    const data = record as DataRecord;
    const kind = ORDER.indexOf(data.t);
    if (kind < this.kind) throw new SnapshotProblem("damaged", n, `${data.t} after the ${ORDER[this.kind]} records`);
    // Articles come in order of their ids (digits, so text order is plain): one given twice is damage.
    if (data.t === "article" && data.id <= this.lastId) throw new SnapshotProblem("damaged", n, `article ${data.id} out of order (or twice)`);
    if (data.t === "article") this.lastId = data.id;
    this.kind = kind;
    this.counts[COUNT[data.t]]++;
    if (data.t === "article") this.counts.revisions += data.revisions.length;
    return record;
  }

  /** After the last line: the end record must have been read. */
  end(): { header: SnapshotHeader; final: Extract<SnapshotRecord, { t: "end" }> } {
    if (!this.header) throw new SnapshotProblem("foreign", 0, "the file is empty");
    if (!this.final) throw new SnapshotProblem("truncated", this.lines, "it ends without its end record");
    return { header: this.header, final: this.final };
  }
}

/** The cursor a restore continues above: the later of the header's and the end record's. */
export function restoredCursor(header: SnapshotHeader, end: { cursor: Cursor }): Cursor {
  return { feed: Math.max(header.cursor.feed, end.cursor.feed), change: Math.max(header.cursor.change, end.cursor.change) };
}
