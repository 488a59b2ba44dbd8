// The import benchmark (docs/importing.md): generates a WordPress export of --items posts (default
// 10,000; scripts/bench/wxr-generate.ts), runs `npm run import -- <file> --local` on a fresh state of
// its own (both Workers under wrangler dev, port --port, default 8780), timed from the command's start
// to its end (start-up, parse, HTML to blocks, every batch committed, KV fully written), then runs it
// again (every item already there, nothing changed). `--save` writes bench/results/import.json (else
// test-results/bench/import.json).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeResults } from "../lib/results.ts";
import { generateWxr } from "./wxr-generate.ts";
import type { ImportReport } from "../content/import-run.ts";

const { values } = parseArgs({
  options: { items: { type: "string", default: "10000" }, port: { type: "string", default: "8780" }, save: { type: "boolean" } },
});
const n = Number(values.items);
const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
const file = join(dir, `wxr-${n}.xml`);
writeFileSync(file, generateWxr(n));
const state = join(dir, "state");

function run(label: string): { seconds: number; report: ImportReport } {
  const json = join(dir, `${label}.json`);
  const started = performance.now();
  execFileSync(process.execPath, ["scripts/content/import.ts", file, "--local", "--state", state, "--port", values.port!, "--json", json], {
    stdio: "inherit",
  });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  return { seconds, report: JSON.parse(readFileSync(json, "utf8")) as ImportReport };
}

const load = () => loadavg().map((l) => Math.round(l * 10) / 10);
try {
  const loadBefore = load();
  const first = run("first");
  const again = run("again");
  const summary = {
    command: `npm run bench:import -- --items ${n}`,
    items: n,
    fileBytes: readFileSync(file).byteLength,
    // Load averages (1, 5, 15 min) before and after: the machine is shared, and the figure moves with them.
    machine: { cpus: cpus().length, node: process.version, loadBefore, loadAfter: load() },
    first: {
      seconds: first.seconds,
      imported: first.report.imported,
      drafts: first.report.drafts,
      scheduled: first.report.scheduled,
      refused: first.report.refused.length,
      redirects: first.report.redirects,
      importMs: first.report.ms,
      kvMs: first.report.kvMs,
    },
    again: { seconds: again.seconds, imported: again.report.imported, skipped: again.report.skipped, redirects: again.report.redirects },
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `bench:import: ${n} items in ${first.seconds} s (rerun: ${again.report.skipped} already there, ${again.seconds} s) → ${writeResults("import.json", summary, values.save === true)}`,
  );
  if (first.report.imported + first.report.refused.length !== n || again.report.skipped !== first.report.imported || again.report.imported !== 0)
    process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
