/**
 * @module
 * Planted-bug checks for the workerd-bound modules (`npm run test:planted`), which StrykerJS cannot
 * mutate. For each bug below: plant it in the source (an exact, single text replacement), run
 * tests/planted-bugs-integration.test.ts in workerd, restore the file, and require that the test
 * named "catches: <bug>" failed. `--issue15` instead plants the four bugs issue 15 found the suite
 * blind to and requires the whole `vitest run` (what `npm test` runs) to fail for each.
 * Hand-written because a mutation tool that drives the workerd pool does not exist (StrykerJS's
 * vitest runner uses the threads pool only).
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Plant {
  /** The test that must catch it is named `catches: ${bug}`. */
  bug: string;
  file: string;
  /** Each `[from, to]` must occur exactly once in `file`. */
  edits: [string, string][];
}

const PLANTS: Plant[] = [
  { bug: "isolate TTL raised above 10 s", file: "src/delivery.ts", edits: [["export const ISOLATE_TTL = 10_000;", "export const ISOLATE_TTL = 600_000;"]] },
  { bug: "isolate TTL lowered below 10 s", file: "src/delivery.ts", edits: [["export const ISOLATE_TTL = 10_000;", "export const ISOLATE_TTL = 5_000;"]] },
  { bug: "Cache API TTL raised above 30 s", file: "src/delivery.ts", edits: [["export const EDGE_TTL = 30_000;", "export const EDGE_TTL = 3_600_000;"]] },
  { bug: "a missing article remembered longer than 5 s", file: "src/delivery.ts", edits: [["export const MISS_TTL = 5_000;", "export const MISS_TTL = 60_000;"]] },
  { bug: "no stale copy served when KV fails", file: "src/delivery.ts", edits: [["if (stale) return { entry: stale", "if (stale && Math.random() > 2) return { entry: stale"]] },
  {
    bug: "304 answered to an If-None-Match that does not match",
    file: "src/delivery.ts",
    edits: [["if (notModified(request.headers, entry.etag, entry.lastModified))", "if (request.headers.has(\"if-none-match\") || notModified(request.headers, entry.etag, entry.lastModified))"]],
  },
  { bug: "HEAD answered with a body", file: "src/delivery.ts", edits: [['request.method === "HEAD" ? null : entry.body', "entry.body"]] },
  { bug: "a cache key that leaves out the representation (HTML and JSON swapped)", file: "src/delivery.ts", edits: [["return `${variant} ${origin} ${resource}`;", "return `${origin} ${resource}`;"]] },
  {
    bug: "a redirect host answering 404 when a Host header is present",
    file: "src/app.ts",
    edits: [['if (host.policy === "redirect") {\n', 'if (host.policy === "redirect") {\n      if (c.req.raw.headers.has("host")) return error(c, 404);\n']],
  },
  {
    bug: "a redirect target built from the Host header",
    file: "src/app.ts",
    edits: [["return redirect(host.origin + path", 'return redirect((c.req.header("host") ? `https://${c.req.header("host")}` : host.origin) + path']],
  },
  { bug: "the hot path skipping its path check", file: "src/app.ts", edits: [[" || entry.path !== url.pathname) return undefined;", ") return undefined;"]] },
  { bug: "405 without Allow", file: "src/app.ts", edits: [["return error(c, 405, { Allow: allow });", "return error(c, 405);"]] },
  { bug: "Strict-Transport-Security sent from a mirror", file: "src/routes/shared.ts", edits: [['htmlHeaders(hash, c.var.host.policy === "canonical")', "htmlHeaders(hash, true)"]] },
  { bug: "an article Cache-Control other than the README's", file: "src/routes/pages.ts", edits: [["kindHeaders(c, kind, ARTICLE_CACHE)", 'kindHeaders(c, kind, "public, max-age=31536000, immutable, s-maxage=0")']] },
  { bug: "a listing Cache-Control other than the README's", file: "src/routes/pages.ts", edits: [["kindHeaders(c, kind, LISTING_CACHE)", "kindHeaders(c, kind, ARTICLE_CACHE)"]] },
  { bug: "feeds cut below the 50 newest", file: "src/routes/feeds.ts", edits: [["readListing(c.env.NEWS, scope, 0, MAX_FEED_ITEMS)", "readListing(c.env.NEWS, scope, 0, 5)"]] },
  { bug: "a listing page size other than 20", file: "src/routes/pages.ts", edits: [["(page - 1) * PER_PAGE, PER_PAGE)", "(page - 1) * 25, 25)"]] },
  { bug: "per_page above 100 accepted", file: "src/routes/api.ts", edits: [['positiveInt(c.req.query("per_page"), PER_PAGE, MAX_PER_PAGE)', 'positiveInt(c.req.query("per_page"), PER_PAGE, 1000)']] },
  { bug: "a 404 without Vary: Accept or with a long cache life", file: "src/routes/shared.ts", edits: [['Vary: "Accept", ...headers };', "...headers };"]] },
  { bug: "no 406 when nothing acceptable is offered", file: "src/routes/pages.ts", edits: [["? 406 : 404);", "? 404 : 404);"]] },
  { bug: "a 503 without Retry-After: 30", file: "src/app.ts", edits: [['error(c, 503, { "Retry-After": "30" })', "error(c, 503)"]] },
];

/** The four bugs issue 15 planted that the whole suite let through before it was fixed. */
const ISSUE15: Plant[] = [
  {
    bug: "isolate TTL 10 min and Cache API TTL 1 h",
    file: "src/delivery.ts",
    edits: [
      ["export const ISOLATE_TTL = 10_000;", "export const ISOLATE_TTL = 600_000;"],
      ["export const EDGE_TTL = 30_000;", "export const EDGE_TTL = 3_600_000;"],
    ],
  },
  { bug: "feeds cut to 5 items", file: "src/feeds/entries.ts", edits: [["export const MAX_FEED_ITEMS = 50;", "export const MAX_FEED_ITEMS = 5;"]] },
  {
    bug: "article Cache-Control max-age=31536000, immutable, s-maxage=0",
    file: "src/http/cache-control.ts",
    edits: [['export const ARTICLE_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=300, stale-if-error=86400";', 'export const ARTICLE_CACHE = "max-age=31536000, immutable, s-maxage=0";']],
  },
  PLANTS.find((p) => p.bug.startsWith("a redirect host answering 404"))!,
];

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
  let mutated = original;
  for (const [from, to] of plant.edits) {
    if (mutated.split(from).length !== 2) throw new Error(`${plant.file}: ${JSON.stringify(from)} must occur exactly once (the source changed; update scripts/planted-bugs.ts)`);
    mutated = mutated.replace(from, to);
  }
  const report = join(out, "report.json");
  writeFileSync(plant.file, mutated);
  try {
    const args = issue15 ? ["vitest", "run"] : ["vitest", "run", "--project", "workers", "tests/planted-bugs-integration.test.ts"];
    spawnSync("npx", [...args, "--reporter=json", `--outputFile=${report}`], { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  } finally {
    writeFileSync(plant.file, original);
  }
  const json = JSON.parse(readFileSync(report, "utf8")) as JsonReport;
  const failed = json.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "failed").map((a) => a.title));
  return { failed, caught: issue15 ? json.numFailedTests > 0 : failed.includes(`catches: ${plant.bug}`) };
}

let missed = 0;
for (const plant of plants) {
  const { failed, caught } = run(plant);
  if (!caught) missed++;
  console.log(`${caught ? "caught " : "MISSED "} ${plant.bug} (${plant.file}) — ${failed.length} failing: ${failed.slice(0, 4).join(" | ")}${failed.length > 4 ? " | …" : ""}`);
}
console.log(`${plants.length - missed} of ${plants.length} planted bugs caught`);
process.exitCode = missed ? 1 : 0;
