/**
 * @module
 * Planted-bug checks for the workerd-bound modules (`npm run test:planted`), which StrykerJS cannot
 * mutate. For each bug below: plant it in the source (an exact, single text replacement), run
 * tests/workers/planted/planted-bugs.test.ts in workerd, restore the file, and require that the test
 * named "catches: <bug>" failed. `--issue15` instead plants the four bugs issue 15 found the suite
 * blind to and requires the whole `vitest run` (what `npm test` runs) to fail for each.
 * Hand-written because a mutation tool that drives the workerd pool does not exist (StrykerJS's
 * vitest runner uses the threads pool only).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ISSUE15, type Plant, PLANTS, plantedSource } from "./plants.ts";

const issue15 = process.argv.includes("--issue15");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const plants = (issue15 ? ISSUE15 : PLANTS).filter((p) => !only || p.bug.includes(only));
const out = mkdtempSync(join(tmpdir(), "planted-"));

interface JsonReport {
  numFailedTests: number;
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

function run(plant: Plant): { failed: string[]; caught: boolean } {
  const original = readFileSync(plant.file, "utf8");
  const mutated = plantedSource(plant, original);
  const report = join(out, "report.json");
  rmSync(report, { force: true });
  writeFileSync(plant.file, mutated);
  try {
    const args = issue15 ? ["vitest", "run"] : ["vitest", "run", "--project", "workers", "tests/workers/planted/planted-bugs.test.ts"];
    spawnSync("npx", [...args, "--reporter=json", `--outputFile=${report}`], { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  } finally {
    writeFileSync(plant.file, original);
  }
  if (!existsSync(report)) throw new Error(`vitest wrote no report with ${plant.bug} planted (${plant.file})`);
  const json = JSON.parse(readFileSync(report, "utf8")) as JsonReport;
  const failed = json.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "failed").map((a) => a.title));
  return { failed, caught: issue15 ? json.numFailedTests > 0 : failed.includes(`catches: ${plant.bug}`) };
}

// Every edit is checked before anything runs, so a stale one fails at once, not minutes in.
for (const plant of plants) plantedSource(plant);
let missed = 0;
for (const plant of plants) {
  const { failed, caught } = run(plant);
  if (!caught) missed++;
  console.log(
    `${caught ? "caught " : "MISSED "} ${plant.bug} (${plant.file}) — ${failed.length} failing: ${failed.slice(0, 4).join(" | ")}${failed.length > 4 ? " | …" : ""}`,
  );
}
console.log(`${plants.length - missed} of ${plants.length} planted bugs caught`);
process.exitCode = missed ? 1 : 0;
