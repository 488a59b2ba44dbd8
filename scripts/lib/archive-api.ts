/**
 * @module
 * The archive's admin calls (src/reader/routes/archive-admin.ts), for `npm run export`, `npm run
 * backup` and `npm run restore`: pages of articles, photos' originals, snapshots, and a restore in
 * pages. Against a local Worker and a deployed one alike, with an editor's token.
 */

import type { ArchivePage, BackupStatus } from "../../src/shared/archive-answers.ts";
import { call } from "./admin-api.ts";

/** What a restore call answers: a token and what is staged, or why it was refused (status and detail). */
export interface RestoreReply {
  token: string;
  staged: Record<string, number>;
  total?: number;
}

/** Fetches `path` and answers the response, throwing with the problem's detail on anything but 2xx. */
async function fetchOk(origin: string | URL, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response | undefined;
  // Again (up to 4 times, 2 s apart) on a connection lost under the request, as admin-api.ts does: every call here is idempotent.
  for (let attempt = 1; !res; attempt++) {
    res = await fetch(new URL(path, origin), { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } }).catch(async (e: Error) => {
      if (e.name !== "TypeError" || attempt === 4) throw e;
      await new Promise((r) => setTimeout(r, 2000));
      return undefined;
    });
  }
  if (res.ok) return res;
  const problem = (await res.json().catch(() => ({}))) as { detail?: string };
  throw new ArchiveRefused(res.status, problem.detail ?? `${init.method ?? "GET"} ${path}: ${res.status}`);
}

/** A refusal the Worker explained (409 not empty, 422 a bad record…): its status and detail. */
export class ArchiveRefused extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(detail);
    this.status = status;
  }
}

export function archivePage(origin: string | URL, token: string, after: string, limit: number): Promise<ArchivePage> {
  return call(origin, token, "GET", `/api/v1/admin/archive?limit=${limit}${after ? `&after=${after}` : ""}`) as Promise<ArchivePage>;
}

/** A photo's original (`/api/v1/admin/media/<id>`): its bytes and type. */
export async function original(origin: string | URL, token: string, id: string): Promise<{ bytes: Uint8Array; type: string }> {
  const res = await fetchOk(origin, token, `/api/v1/admin/media/${id}`);
  return { bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get("content-type") ?? "" };
}

export type Backups = BackupStatus & { restore: { phase: string; moved: number; total: number } | null };

export function backups(origin: string | URL, token: string, start = false): Promise<Backups> {
  return call(origin, token, start ? "POST" : "GET", "/api/v1/admin/backups") as Promise<Backups>;
}

/** A finished snapshot's bytes, as a stream. */
export async function snapshotStream(origin: string | URL, token: string, name: string): Promise<{ size: number; body: ReadableStream<Uint8Array> }> {
  const res = await fetchOk(origin, token, `/api/v1/admin/backups/${name}`);
  return { size: Number(res.headers.get("content-length") ?? 0), body: res.body! };
}

/** One restore call: begin (`{ header, force }`), a page (`{ records }`), or finish (`{ end }`). */
export async function restoreCall(origin: string | URL, token: string, path: string, body: unknown): Promise<RestoreReply> {
  const res = await fetchOk(origin, token, `/api/v1/admin/restore${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as RestoreReply;
}
