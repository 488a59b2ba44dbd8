/**
 * @module
 * The content loaders' client: the Worker's admin API (`/api/v1/admin/…`, bearer token), which hands
 * everything to the Newsroom Durable Object. Used against a local Miniflare and a deployed Worker alike.
 */

import { readFileSync } from "node:fs";
import type { Article } from "../../src/shared/model/schema.ts";

/** Articles per request: well under the endpoint's 16 MiB limit even for long articles. */
const BATCH = 200;

/** The admin API refused a call, or could not answer it: the status and what it said. */
export class AdminApiError extends Error {
  override name = "AdminApiError";
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

const UNAVAILABLE = new Set([502, 503, 504]);

export async function call(origin: string | URL, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const send = () =>
    fetch(new URL(path, origin), {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // Again (up to 4 times, 2 s apart) on a connection closed under the request (seen now and then on long
  // loads against local workerd on a busy machine: the socket reset while the body is written) or a
  // 502/503/504 (a Worker restarted mid-request, storage briefly away); every admin call is idempotent
  // (unchanged articles are left alone, imported items skipped).
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    res = await send().catch(async (e: Error) => {
      if (e.name !== "TypeError" || attempt === 4) throw e; // fetch's network error; anything else is ours
      await new Promise((r) => setTimeout(r, 2000));
      return undefined;
    });
    if (res && UNAVAILABLE.has(res.status) && attempt < 4) {
      await res.body?.cancel();
      res = undefined;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const text = await res.text();
  if (!res.ok) throw new AdminApiError(`${method} ${path}: ${res.status} ${text.slice(0, 2000)}`, res.status);
  return JSON.parse(text);
}

export interface Conflict {
  id: string;
  file?: string;
  kind: "changed" | "deleted";
  editor: string;
  version: number;
}

export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Articles an editor changed (or removed) through the API since content/ last loaded them: left as they are. */
  conflicts: Conflict[];
  /** With `force`: the editors' changes this load overwrote. */
  overwritten: Conflict[];
}

export interface LoadOptions {
  /** Article id → the content/ file it came from, so a conflict names the file. */
  files?: Record<string, string>;
  /** Overwrite editors' changes (each is reported). */
  force?: boolean;
  batch?: number;
  /** Told how many articles each batch carried, once the Newsroom has it (a progress display). */
  onBatch?: (articles: number) => void;
}

/**
 * Loads articles into the Newsroom: new or changed files stored, unchanged ones left alone, and an
 * article an editor changed through the API since the last load left as the editor made it (a
 * conflict, unless `force`). With `prune`, articles that came from content/ and are not among
 * `articles` are removed (the last batch carries every id to keep); articles published through the
 * API are never touched. Larger batches load faster: the benchmarks load 2,000 short generated
 * articles a request, in date order, as an archive import would.
 */
export async function loadArticles(
  origin: string | URL,
  token: string,
  articles: Article[],
  prune: boolean,
  options: LoadOptions | number = {},
): Promise<LoadCounts> {
  const { files, force = false, batch = BATCH, onBatch } = typeof options === "number" ? { batch: options } : options;
  const total: LoadCounts = { created: 0, updated: 0, unchanged: 0, removed: 0, conflicts: [], overwritten: [] };
  const keep = articles.map((a) => a.id);
  for (let i = 0; i < articles.length || (i === 0 && prune); i += batch) {
    const last = i + batch >= articles.length;
    const slice = articles.slice(i, i + batch);
    const counts = (await call(origin, token, "POST", "/api/v1/admin/content", {
      articles: slice,
      ...(files && { files: Object.fromEntries(slice.filter((a) => files[a.id]).map((a) => [a.id, files[a.id]])) }),
      ...(force && { force }),
      ...(last && prune && { keep }),
    })) as LoadCounts;
    for (const k of ["created", "updated", "unchanged", "removed"] as const) total[k] += counts[k];
    total.conflicts.push(...counts.conflicts);
    total.overwritten.push(...counts.overwritten);
    onBatch?.(slice.length);
  }
  return total;
}

/** What a load report says of each conflict, one line each. */
export function describeConflicts(counts: LoadCounts): string[] {
  const what = (c: Conflict) =>
    c.kind === "deleted" ? `removed through the API by ${c.editor}` : `changed through the API by ${c.editor} (version ${c.version})`;
  return [
    ...counts.conflicts.map((c) => `conflict: ${c.file ?? `article ${c.id}`}: ${what(c)}; left as the editor made it (--force overwrites)`),
    ...counts.overwritten.map((c) => `overwritten: ${c.file ?? `article ${c.id}`}: was ${what(c)}`),
  ];
}

/** Re-derives every KV key from the Newsroom. */
export function rebuildReadModel(origin: string | URL, token: string): Promise<unknown> {
  return call(origin, token, "POST", "/api/v1/admin/rebuild");
}

export interface ReadModelReport {
  checked: number;
  missing: string[];
  different: string[];
  pending: number;
}

/** Compares every key of the Newsroom's read model with KV. */
export async function checkReadModel(origin: string | URL, token: string): Promise<ReadModelReport> {
  const report: ReadModelReport = { checked: 0, missing: [], different: [], pending: 0 };
  let after = "";
  for (;;) {
    const page = (await call(origin, token, "GET", `/api/v1/admin/read-model?after=${encodeURIComponent(after)}&limit=500`)) as ReadModelReport & {
      next: string | null;
    };
    report.checked += page.checked;
    report.missing.push(...page.missing);
    report.different.push(...page.different);
    report.pending = page.pending;
    if (!page.next) return report;
    after = page.next;
  }
}

export interface MediaUpload {
  /** R2 key, `media/<sha-256>`. */
  key: string;
  file: string;
}

/** Uploads image files through `POST /api/v1/media` (the same key the content build named them by); an upload of bytes already there is a 200. */
export async function uploadMedia(origin: string | URL, token: string, files: MediaUpload[]): Promise<number> {
  for (const f of files) {
    const res = await fetch(new URL("/api/v1/media", origin), { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: readFileSync(f.file) });
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    if (!res.ok) throw new Error(`POST /api/v1/media ${f.file}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
    if (`media/${body.id}` !== f.key) throw new Error(`POST /api/v1/media ${f.file}: stored as ${body.id}, not ${f.key}`);
  }
  return files.length;
}

/** Resolves once KV holds everything the Newsroom committed (the alarm drains a long outbox in batches); `onPending` hears how many keys wait. */
export async function waitForReadModel(origin: string | URL, token: string, timeoutMs = 30 * 60_000, onPending?: (keys: number) => void): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { pending } = (await call(origin, token, "GET", "/api/v1/admin/read-model?limit=1")) as { pending: number };
    onPending?.(pending);
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`KV still behind the Newsroom after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What the Newsroom answers an import batch (`POST /api/v1/admin/import`). */
export interface ImportAnswer {
  imported: { source: string; id: string; status: "published" | "draft" | "scheduled" }[];
  skipped: { source: string; id: string }[];
  refused: { source: string; errors: { field: string; message: string }[] }[];
  redirects: number;
  taken: string[];
  /** Sections with no public article: their old paths were not recorded. */
  unrecorded?: { section: string[]; oldPaths: string[] }[];
}

/** Sends one import batch: items (`{ source, article, id?, oldPaths }`) and sections with their old paths. */
export function importBatch(origin: string | URL, token: string, items: unknown[], sections: unknown[]): Promise<ImportAnswer> {
  return call(origin, token, "POST", "/api/v1/admin/import", { items, sections }) as Promise<ImportAnswer>;
}

/** Uploads one image's bytes (`POST /api/v1/media`): its URL and size, or why it was refused. */
export async function uploadImage(
  origin: string | URL,
  token: string,
  bytes: Uint8Array,
): Promise<{ url: string; width: number; height: number } | { refused: string }> {
  const res = await fetch(new URL("/api/v1/media", origin), { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: bytes });
  const body = (await res.json().catch(() => ({}))) as { url?: string; width?: number; height?: number; detail?: string };
  if (res.ok && body.url && body.width && body.height) return { url: body.url, width: body.width, height: body.height };
  if (res.status >= 500 || res.status === 401) throw new Error(`POST /api/v1/media: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { refused: `${res.status} ${body.detail ?? ""}`.trim() };
}
