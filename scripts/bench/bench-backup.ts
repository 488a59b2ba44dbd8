// The archive benchmark (docs/backups.md): `npm run bench:backup -- [--articles N] [--save]` (default
// 100,000). Generates an archive of N articles (1 in 10 corrected, so with a second revision; drafts,
// scheduled stories, a photo), loads it through the Newsroom of the service as deployed (workerd through
// Miniflare, storage on this machine's disk), then times `npm run export -- --media`, `npm run backup
// -- --out`, `npm run restore` into a fresh service and `npm run content:remote -- --dir` of the
// export into another, each with its own peak memory and the workerd processes' (scripts/bench/archive-run.ts),
// and checks every article afterwards. Writes test-results/bench/backup.json (`--save`: bench/results/backup.json).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeResults } from "../lib/results.ts";
import { archiveRun } from "./archive-run.ts";

const { values } = parseArgs({ options: { articles: { type: "string", default: "100000" }, save: { type: "boolean" } } });
const n = Number(values.articles);
const scratch = mkdtempSync(join(tmpdir(), "bench-backup-"));
const load = () => loadavg().map((l) => Math.round(l * 10) / 10);
try {
  const loadBefore = load();
  const started = new Date().toISOString();
  const run = await archiveRun(n, scratch);
  const summary = {
    command: `npm run bench:backup -- --articles ${n}`,
    commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
    date: started,
    // The machine is shared with other work: the load averages (1, 5, 15 min) before and after say how much.
    machine: {
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      storage: "disk (OS temp dir)",
      loadBefore,
      loadAfter: load(),
    },
    ...run,
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(`bench:backup: ${n} articles → ${writeResults("backup.json", summary, values.save === true)}`);
  if (!run.identical.restore || !run.identical.export) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
