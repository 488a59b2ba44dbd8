/**
 * @module
 * A snapshot file read as `npm run restore` reads it: gunzipped as a stream (a snapshot is several
 * gzip members, which Node's gunzip reads one after another) and split into lines, so memory holds
 * a line at a time; and checked whole (src/shared/snapshot-format.ts) before anything is sent, with
 * what is wrong said plainly: not a snapshot of this service (foreign), cut short (truncated), or
 * damaged, with the line.
 */

import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { SnapshotCheck, type SnapshotHeader, SnapshotProblem, type SnapshotRecord } from "../../src/shared/snapshot-format.ts";

/** The lines of a gzipped snapshot; `onBytes` hears how many compressed bytes have been read (a progress display). */
export async function* snapshotLines(file: string, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const input = createReadStream(file);
  if (onBytes) input.on("data", (chunk) => onBytes(chunk.length));
  const gunzip = createGunzip();
  input.on("error", (e) => gunzip.destroy(e));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      yield line;
    }
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === "ENOENT" || error.code === "EISDIR") throw error;
    const message = error.message;
    if (n === 0 && /header/.test(message)) throw new SnapshotProblem("foreign", 1, "not a gzip file (a snapshot is `.jsonl.gz`)");
    if (/unexpected end/.test(message)) throw new SnapshotProblem("truncated", n + 1, `the file is cut short (gzip: ${message})`);
    throw new SnapshotProblem("damaged", n + 1, `the gzip stream is corrupt (${message})`);
  }
}

/** Reads the whole file and checks it; its header and end record, or a SnapshotProblem. */
export async function checkSnapshot(file: string, onBytes?: (n: number) => void): Promise<{ header: SnapshotHeader; final: Extract<SnapshotRecord, { t: "end" }> }> {
  const check = new SnapshotCheck();
  // One line behind, so the last is known as the last (a cut there is truncation, not damage).
  let previous: string | undefined;
  for await (const line of snapshotLines(file, onBytes)) {
    if (previous !== undefined) check.line(previous);
    previous = line;
  }
  if (previous !== undefined) check.line(previous, true);
  return check.end();
}

export const fileSize = (file: string): number => statSync(file).size;
