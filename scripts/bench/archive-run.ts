/**
 * @module
 * One run of the archive's way out and back with the real commands, for `npm run bench:backup` (at
 * 100,000 articles) and tests/node/archive-scripts.test.ts (at a few dozen): the service as `wrangler
 * deploy` builds it, on workerd through Miniflare; a generated archive loaded through the Newsroom,
 * with second revisions, drafts, scheduled stories and a photo; then `npm run export -- --media`,
 * `npm run backup -- --out`, `npm run restore` into a fresh service and `npm run content:remote --
 * --dir` of the export into another, each timed with its peak memory (GNU time), with the workerd
 * processes' peak resident memory sampled meanwhile; and every article compared afterwards.
 */

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Article } from "../../src/shared/model/schema.ts";
import type { ArchivePage } from "../../src/shared/archive-answers.ts";
import { loadArticles, waitForReadModel } from "../lib/admin-api.ts";
import { archivePage } from "../lib/archive-api.ts";
import { buildService } from "../lib/bundle.ts";
import { readWorkerConfig, type Running, startWorker } from "../lib/runtime.ts";
import { archive } from "./publish.ts";

const PHOTO = "tests/support/fixtures/media/photo-1600x900.jpg";

/** A running service and its workerd processes. */
type Service = Running & { pids: Set<number> };

export interface Step {
  command: string;
  seconds: number;
  /** The command's own peak resident memory (GNU time's %M). */
  peakMiB: number;
  /** The peak resident memory meanwhile of the workerd process of the service it worked on, sampled every 200 ms. */
  workerdPeakMiB: number;
}

export interface ArchiveRun {
  articles: number;
  revisions: number;
  drafts: number;
  scheduled: number;
  loadSeconds: number;
  exportFiles: number;
  snapshotBytes: number;
  steps: Record<"export" | "backup" | "restore" | "load export", Step>;
  /** Every article of the restored service as it was (JSON, status, version, editor, time); of the loaded export (JSON and status). */
  identical: { restore: boolean; export: boolean };
  differences: string[];
}

/** The archive: `n` generated articles, 1 in 50 a draft, 1 in 50 scheduled, 1 in 20 with the photo; and 1 in 10 corrected (a second revision). */
function archiveOf(n: number, origin: string, sha: string): { first: Article[]; second: Article[] } {
  const first = archive(n).map((a, i): Article => {
    if (i % 50 === 1) return { ...a, status: "draft" };
    if (i % 50 === 2) return { ...a, published: "2099-01-01T09:00:00Z", modified: "2099-01-01T09:00:00Z" };
    if (i % 20 === 3)
      return {
        ...a,
        body: [{ type: "figure", caption: "A photo.", credit: "Photo by Test", src: `${origin}/media/${sha}`, width: 1600, height: 900 }, ...a.body],
      };
    return a;
  });
  const second = first
    .filter((_, i) => i % 10 === 0)
    .map((a) => ({ ...a, modified: a.published > "2090" ? a.modified : "2024-01-01T00:00:00Z", corrections: [{ date: "2024-01-01", text: "Corrected." }] }));
  return { first, second };
}

/** The workerd processes this process started (Linux /proc): Miniflare runs one per service. */
function ourWorkerd(): Set<number> {
  const parent = new Map<number, number>();
  const workerd = new Set<number>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      parent.set(Number(pid), Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) workerd.add(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => pid === process.pid || (pid > 1 && parent.has(pid) && ours(parent.get(pid)!));
  return new Set([...workerd].filter(ours));
}

/** Resident memory of these processes now, in KiB. */
function residentKiB(pids: Set<number>): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * Runs one of the commands under GNU time, with the token in the environment; its time and peaks. A
 * child process of its own, waited for without blocking this one: Miniflare serves the Images binding
 * (sharp) from this process's event loop.
 */
async function timed(label: string, args: string[], service: Service, log: (line: string) => void): Promise<Step> {
  const stats = join(mkdtempSync("/tmp/archive-time-"), "time");
  let workerdPeak = residentKiB(service.pids);
  const sampler = setInterval(() => (workerdPeak = Math.max(workerdPeak, residentKiB(service.pids))), 200);
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "%M", "-o", stats, process.execPath, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PUBLISH_TOKEN: service.token },
  });
  createInterface({ input: child.stdout }).on("line", log);
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  if (status !== 0) throw new Error(`${label} exited with ${status}: node ${args.join(" ")}`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const peakMiB = Math.round(Number(readFileSync(stats, "utf8").trim().split("\n").at(-1)) / 102.4) / 10;
  rmSync(stats, { force: true });
  return { command: `${label}: node ${args.join(" ")}`, seconds, peakMiB, workerdPeakMiB: Math.round(workerdPeak / 102.4) / 10 };
}

/** Every current article of a service, page by page: id → what is compared. */
async function articlesOf(running: Running, full: boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let after = "";
  do {
    const page: ArchivePage = await archivePage(running.url, running.token, after, 500);
    for (const item of page.items) out.set(item.article.id, JSON.stringify(full ? item : { article: item.article, state: item.state }));
    after = page.next ?? "";
  } while (after);
  return out;
}

function differences(a: Map<string, string>, b: Map<string, string>, what: string): string[] {
  const out: string[] = [];
  for (const [id, value] of a) if (b.get(id) !== value) out.push(`${what}: article ${id} ${b.has(id) ? "differs" : "is missing"}`);
  for (const id of b.keys()) if (!a.has(id)) out.push(`${what}: article ${id} is extra`);
  return out.slice(0, 20);
}

/** The whole run, in `scratch` (a directory of its own, removed after); `log` hears the commands' output. */
export async function archiveRun(n: number, scratch: string, log: (line: string) => void = console.log): Promise<ArchiveRun> {
  const config = readWorkerConfig();
  const bundle = await buildService(join(scratch, "build"), config.main, readWorkerConfig("newsroom.wrangler.toml").main);
  const sha = createHash("sha256").update(readFileSync(PHOTO)).digest("hex");
  const media = [{ key: `media/${sha}`, file: PHOTO, type: "image/jpeg", width: 1600, height: 900 }];
  const services: Service[] = [];
  const start = async (name: string, withMedia = false): Promise<Service> => {
    const before = ourWorkerd();
    const options = { port: 0, logs: false, newsroomScript: bundle.newsroom, storage: join(scratch, name), media: withMedia ? media : [] };
    const running = await startWorker(bundle.main, config, [], options);
    const service = { ...running, pids: new Set([...ourWorkerd()].filter((pid) => !before.has(pid))) };
    services.push(service);
    return service;
  };
  const source = await start("source", true);
  try {
    const { first, second } = archiveOf(n, String(config.vars.CANONICAL_ORIGIN), sha);
    const t0 = performance.now();
    await loadArticles(source.url, source.token, first, false, 2000);
    await loadArticles(source.url, source.token, second, false, 2000);
    await waitForReadModel(source.url, source.token);
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`archive-run: ${n} articles (${second.length} corrected) loaded in ${loadSeconds} s`);
    const dir = join(scratch, "export");
    const file = join(scratch, "snapshot.jsonl.gz");
    const steps = {} as ArchiveRun["steps"];
    steps.export = await timed("npm run export", ["scripts/content/export-archive.ts", dir, "--url", source.url.origin, "--media"], source, log);
    steps.backup = await timed("npm run backup", ["scripts/content/take-backup.ts", "--url", source.url.origin, "--out", file], source, log);
    const restored = await start("restored");
    steps.restore = await timed("npm run restore", ["scripts/content/restore-snapshot.ts", file, "--url", restored.url.origin], restored, log);
    // Read back and stopped before the next service starts: three workerd of 100,000 articles each at
    // once were more than a loaded machine kept up (the third stopped answering at 71 % of its load).
    const afterRestore = await articlesOf(restored, true);
    await restored.mf.dispose();
    services.splice(services.indexOf(restored), 1);
    const loaded = await start("loaded");
    const load = ["scripts/content/load-content.ts", "--remote", "--url", loaded.url.origin, "--dir", dir];
    steps["load export"] = await timed("npm run content:remote", load, loaded, log);
    await waitForReadModel(loaded.url, loaded.token);
    const [before, beforeShort, afterLoad] = [await articlesOf(source, true), await articlesOf(source, false), await articlesOf(loaded, false)];
    const found = [...differences(before, afterRestore, "restore"), ...differences(beforeShort, afterLoad, "export")];
    const files = (readdirSync(join(dir, "articles"), { recursive: true }) as string[]).filter((f) => /\.(md|json)$/.test(f)).length;
    return {
      articles: first.length,
      revisions: first.length + second.length,
      drafts: first.filter((a) => a.status === "draft").length,
      scheduled: first.filter((a) => a.published > "2090").length,
      loadSeconds,
      exportFiles: files,
      snapshotBytes: existsSync(file) ? statSync(file).size : 0,
      steps,
      identical: { restore: !found.some((d) => d.startsWith("restore")), export: !found.some((d) => d.startsWith("export")) },
      differences: found,
    };
  } finally {
    for (const s of services) await s.mf.dispose();
  }
}
