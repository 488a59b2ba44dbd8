/**
 * @module
 * One run of `npm run import`: every file of the source parsed (tools/import/; a WordPress export as it
 * streams), each item prepared (HTML to blocks, images uploaded or kept remote, checked against the
 * schema and its size limit), then sent to the Newsroom in batches through the admin API, which skips
 * what an earlier run imported and decides each item alone; and the report of it all. Memory holds one
 * streamed item's XML, a part of 100 parsed items and two batches (≤ 500 items, ≤ 8 MiB of JSON each),
 * plus the report.
 */

import { existsSync, readFileSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import { prepare, type ImageResult, type Prepared } from "../../tools/import/prepare.ts";
import type { Parsed, ParseOptions } from "../../tools/import/items.ts";
import { readSource } from "./import-files.ts";
import { importBatch, uploadImage, waitForReadModel } from "../lib/admin-api.ts";
import { draining, progress } from "../lib/progress.ts";

export interface ImportReport {
  source: string;
  formats: string[];
  read: number;
  imported: number;
  drafts: number;
  scheduled: number;
  skipped: number;
  refused: { source: string; label?: string; reason: string }[];
  /** Entries of the source that are not articles, by kind. */
  ignored: Record<string, number>;
  media: { stored: number; remote: string[]; failed: { file: string; reason: string }[] };
  dropped: Record<string, number>;
  redirects: number;
  /** Old paths another item or section had already. */
  taken: number;
  /** Sections with no public article: their old paths are not recorded (a rerun records them once one is). */
  unrecorded: string[];
  /** From the start to the last batch's commit. */
  ms: number;
  /** Then until KV had all of it (the Newsroom drains its outbox in the background). */
  kvMs?: number;
}

/** Items a batch holds at most, and its JSON's size at most (the admin API takes 16 MiB). */
const BATCH_ITEMS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

export interface RunOptions extends ParseOptions {
  origin: string;
  token: string;
  /** The `wp-content/uploads` folder of the old site, for its images. */
  media?: string;
  batch?: number;
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
};

/** A local image for a URL of the old site's uploads (`…/wp-content/uploads/2020/02/a.jpg` → `<media>/2020/02/a.jpg`). */
function localFile(mediaDir: string, src: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(src).pathname);
  } catch {
    return undefined;
  }
  const at = path.indexOf("/wp-content/uploads/");
  const rest = at === -1 ? path.replace(/^\/+/, "") : path.slice(at + "/wp-content/uploads/".length);
  const file = normalize(join(mediaDir, rest));
  return file.startsWith(normalize(mediaDir) + sep) && existsSync(file) ? file : undefined;
}

export async function runImport(path: string, options: RunOptions): Promise<ImportReport> {
  const started = Date.now();
  const report: ImportReport = {
    source: path,
    formats: [],
    read: 0,
    imported: 0,
    drafts: 0,
    scheduled: 0,
    skipped: 0,
    refused: [],
    ignored: {},
    media: { stored: 0, remote: [], failed: [] },
    dropped: {},
    redirects: 0,
    taken: 0,
    unrecorded: [],
    ms: 0,
  };
  const uploaded = new Map<string, ImageResult>();
  const image = async (src: string): Promise<ImageResult> => {
    const known = uploaded.get(src);
    if (known) return known;
    let result: ImageResult;
    const file = options.media ? localFile(options.media, src) : undefined;
    const answer = file ? await uploadImage(options.origin, options.token, readFileSync(file)) : undefined;
    if (answer && "url" in answer) {
      report.media.stored++;
      result = { src: answer.url, width: answer.width, height: answer.height };
    } else {
      if (file && answer && "refused" in answer) report.media.failed.push({ file, reason: answer.refused });
      // Nothing here can fetch a remote image: it stays where it is, over https (figures take nothing else).
      const https = /^https?:\/\//i.test(src) ? src.replace(/^http:/i, "https:") : "";
      result = https && URL.canParse(https) ? { src: https, remote: true } : { dropped: "image without a usable URL" };
    }
    uploaded.set(src, result);
    return result;
  };
  const batch = options.batch ?? BATCH_ITEMS;
  const shown = progress("import", 0, { unit: "items" });
  // The report's labels of the items on their way to the Newsroom (a refusal names its item).
  const labels = new Map<string, string>();
  const remote = new Set<string>();
  const send = async (ready: Prepared["ready"], sections: Parsed["sections"]) => {
    const answer = await importBatch(options.origin, options.token, ready, sections);
    report.imported += answer.imported.length;
    report.drafts += answer.imported.filter((a) => a.status === "draft").length;
    report.scheduled += answer.imported.filter((a) => a.status === "scheduled").length;
    report.skipped += answer.skipped.length;
    report.redirects += answer.redirects;
    report.taken += answer.taken.length;
    for (const r of answer.refused)
      report.refused.push({ source: r.source, label: labels.get(r.source), reason: r.errors.map((e) => `${e.field || "article"} ${e.message}`).join("; ") });
    for (const u of answer.unrecorded ?? []) report.unrecorded.push(u.section.join(" / "));
    for (const item of ready) labels.delete(item.source);
    shown.tick(ready.length);
  };
  // One batch is converted while the Newsroom commits the one before, so at most two are held; a batch
  // is at most `batch` items and `BATCH_BYTES` of JSON. The sections go with a file's last batch, once
  // its articles are in.
  let sending: Promise<void> = Promise.resolve();
  let failed: unknown;
  let pending: Prepared["ready"] = [];
  let bytes = 0;
  const flush = async (sections: Parsed["sections"]) => {
    await sending;
    if (failed) throw failed;
    const ready = pending;
    pending = [];
    bytes = 0;
    // Caught here and thrown above, so a failed call is never an unhandled rejection meanwhile.
    sending = send(ready, sections).catch((e: unknown) => void (failed = e));
  };
  for await (const { parsed, last } of readSource(path, options)) {
    if (!report.formats.includes(parsed.format)) report.formats.push(parsed.format);
    report.read += parsed.items.length;
    shown.total(report.read);
    add(report.ignored, parsed.ignored);
    for (const item of parsed.items) labels.set(item.source, item.label);
    const prepared = await prepare(parsed.items, parsed.title, image);
    add(report.dropped, prepared.dropped);
    for (const r of prepared.refused) {
      report.refused.push(r);
      labels.delete(r.source);
    }
    shown.tick(prepared.refused.length);
    for (const r of prepared.remote) {
      if (remote.has(r)) continue;
      remote.add(r);
      report.media.remote.push(r);
    }
    for (const item of prepared.ready) {
      const size = Buffer.byteLength(JSON.stringify(item));
      if (pending.length && (pending.length >= batch || bytes + size > BATCH_BYTES)) await flush([]);
      pending.push(item);
      bytes += size;
    }
    if (last) await flush(parsed.sections);
  }
  await sending;
  if (failed) throw failed;
  report.ms = Date.now() - started;
  shown.stop();
  const kv = draining("import: KV");
  await waitForReadModel(options.origin, options.token, undefined, kv.left);
  kv.stop();
  report.kvMs = Date.now() - started - report.ms;
  return report;
}

/** The report as a person reads it. */
export function describeImport(r: ImportReport): string[] {
  const counts = (o: Record<string, number>) =>
    Object.entries(o)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ") || "none";
  return [
    `import ${r.source} (${r.formats.join(", ")}): ${r.read} item(s) read, ${r.imported} imported (${r.drafts} draft(s), ${r.scheduled} scheduled), ${r.skipped} already there, ${r.refused.length} refused`,
    ...r.refused.map((x) => `  refused: ${x.label ?? x.source} [${x.source}]: ${x.reason}`),
    `  not articles: ${counts(r.ignored)}`,
    `  media: ${r.media.stored} stored, ${r.media.remote.length} remote kept as https URLs, ${r.media.failed.length} refused`,
    ...r.media.remote.slice(0, 20).map((u) => `    remote: ${u}`),
    ...(r.media.remote.length > 20 ? [`    … and ${r.media.remote.length - 20} more`] : []),
    ...r.media.failed.map((f) => `    refused: ${f.file}: ${f.reason}`),
    `  dropped: ${counts(r.dropped)}`,
    `  redirects: ${r.redirects} old path(s) recorded${r.taken ? `, ${r.taken} already recorded` : ""}`,
    ...(r.unrecorded.length ? [`  sections without a public article (their old paths are not recorded; rerun once one is): ${r.unrecorded.join(", ")}`] : []),
    `  ${(r.ms / 1000).toFixed(1)} s to commit, then ${((r.kvMs ?? 0) / 1000).toFixed(1)} s until KV had all of it`,
  ];
}
