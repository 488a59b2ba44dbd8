/**
 * @module
 * `npm run bench:startup -- --before <git ref> [--starts N] [--save]`: the start-up CPU of both Workers'
 * bundles, this tree's beside another commit's, in one run. A bundle budget (scripts/check/check-bundle.ts)
 * stands for start-up time, so a raise is argued with this figure, not with the KiB alone.
 *
 * Each contender is built as `wrangler deploy` builds it (the other commit in a detached worktree of its
 * own), then started on a fresh workerd N times, interleaved with a constant Worker: the figure is the
 * workerd process's CPU from exec to ready (`/proc/<pid>/schedstat`: compile and top-level evaluation of
 * every module, as a new isolate does before its first request) minus the constant Worker's. The least of
 * N is the figure (other work on the machine only ever adds CPU to a start; the median is printed beside it).
 * The Newsroom Worker is started with its Durable Object binding, as deployed; its object is not woken.
 */

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { WorkerOptions } from "miniflare";
import { type Bundle, buildWorker, kib, NEWSROOM_CONFIG } from "../lib/bundle.ts";
import { writeResults } from "../lib/results.ts";
import { newsroomWorker, readWorkerConfig } from "../lib/runtime.ts";
import { machine } from "./scale-phases.ts";
import { cpuMs, Fleet } from "./workerd.ts";

const { values } = parseArgs({ options: { before: { type: "string" }, starts: { type: "string", default: "15" }, save: { type: "boolean" } } });
const STARTS = Number(values.starts);
if (!values.before || !(STARTS >= 3 && STARTS <= 51)) {
  console.error("usage: npm run bench:startup -- --before <git ref> [--starts 3..51] [--save]");
  process.exit(2);
}
const ref = execFileSync("git", ["rev-parse", "--short", values.before], { encoding: "utf8" }).trim();
const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();

/** Builds the reader and the Newsroom of the tree at `root` (this process's cwd for this tree). */
async function build(root: string, label: string): Promise<{ reader: Bundle; newsroom: Bundle }> {
  const here = process.cwd();
  process.chdir(root);
  try {
    const out = resolve(here, "dist/bench/startup", label);
    const reader = await buildWorker({ outdir: join(out, "reader") }, readWorkerConfig().main);
    const newsroom = await buildWorker({ outdir: join(out, "newsroom"), config: NEWSROOM_CONFIG }, readWorkerConfig(NEWSROOM_CONFIG).main);
    return { reader, newsroom };
  } finally {
    process.chdir(here);
  }
}

const scratch = mkdtempSync(join(os.tmpdir(), "bench-startup-"));
const beforeRoot = join(scratch, "before");
execFileSync("git", ["worktree", "add", "--detach", beforeRoot, ref], { stdio: "ignore" });
const fleet = new Fleet(readWorkerConfig());
try {
  if (!existsSync(join(beforeRoot, "node_modules"))) symlinkSync(resolve("node_modules"), join(beforeRoot, "node_modules"));
  console.log(`building ${ref} and this tree (${head}) with wrangler…`);
  const built = { before: await build(beforeRoot, "before"), now: await build(process.cwd(), "now") };
  const constant = await buildWorker(
    { outdir: "dist/bench/startup/constant", entry: "scripts/bench/workers/constant-worker.js", compatibilityDate: readWorkerConfig().compatibilityDate },
    readWorkerConfig().main,
  );
  const config = readWorkerConfig();
  const vars = config.vars as Record<string, never>;
  const code = (b: Bundle) => ({ scriptPath: b.main, modulesRoot: dirname(b.main) });
  const contenders: Record<string, WorkerOptions> = {
    constant: { ...code(constant), bindings: vars, kvNamespaces: config.kvNamespaces },
    "reader before": { ...code(built.before.reader), bindings: vars, kvNamespaces: config.kvNamespaces },
    "reader now": { ...code(built.now.reader), bindings: vars, kvNamespaces: config.kvNamespaces },
  };
  const newsroomOf = (b: Bundle, path: string): WorkerOptions => {
    const { name: _named, ...worker } = newsroomWorker(b.main, path).worker;
    return worker;
  };
  // The same bindings for both (this tree's configuration): the figure is the bundle's, not a new binding's.
  contenders["newsroom before"] = newsroomOf(built.before.newsroom, NEWSROOM_CONFIG);
  contenders["newsroom now"] = newsroomOf(built.now.newsroom, NEWSROOM_CONFIG);
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let k = 0; k < STARTS; k++)
    for (const [name, worker] of Object.entries(contenders)) {
      const i = await fleet.start(name.replace(" ", "-"), worker);
      cpu[name].push(cpuMs(i.pid));
      await fleet.stop(i);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const least = (xs: number[]) => Math.min(...xs);
  const base = least(cpu.constant);
  const baseMedian = median(cpu.constant);
  const rows = Object.entries(cpu)
    .filter(([name]) => name !== "constant")
    .map(([name, xs]) => {
      const [worker, when] = name.split(" ") as ["reader" | "newsroom", "before" | "now"];
      const bundle = built[when][worker];
      const round = (ms: number) => Math.round(ms * 100) / 100;
      return {
        worker,
        commit: when === "before" ? ref : head,
        gzipKiB: kib(bundle.gzipBytes),
        startupMs: round(least(xs) - base),
        medianMs: round(median(xs) - baseMedian),
      };
    });
  console.log(`start-up CPU above the constant Worker's (${base.toFixed(1)} ms), least of ${STARTS} fresh processes each (median in brackets):`);
  for (const r of rows)
    console.log(`  ${r.worker.padEnd(8)} ${r.commit}: ${r.gzipKiB.toFixed(2)} KiB gzipped, ${r.startupMs.toFixed(2)} ms (${r.medianMs.toFixed(2)})`);
  for (const worker of ["reader", "newsroom"]) {
    const [b, n] = rows.filter((r) => r.worker === worker);
    console.log(
      `  ${worker}: +${(n.gzipKiB - b.gzipKiB).toFixed(2)} KiB, ${(n.startupMs - b.startupMs).toFixed(2)} ms (${(n.startupMs / b.startupMs).toFixed(2)}×)`,
    );
  }
  const path = writeResults(
    "startup.json",
    { date: new Date().toISOString(), machine: machine(), starts: STARTS, constantMs: base, rows, raw: cpu },
    !!values.save,
  );
  console.log(`results: ${path}`);
} finally {
  await fleet.dispose();
  execFileSync("git", ["worktree", "remove", "--force", beforeRoot], { stdio: "ignore" });
  rmSync(scratch, { recursive: true, force: true });
}
