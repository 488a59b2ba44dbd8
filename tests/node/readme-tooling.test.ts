/**
 * Issue 23: what a new user running the README's commands met. Item 22: the README and package.json
 * `engines` disagreed on the Node version (npm then printed an EBADENGINE block per package), and
 * the dev server printed Miniflare's `Request.cf` stack trace four times per start offline. Item 21:
 * `npm run bench` rewrote the tracked bench/results/hot.json, and `E2E_PORT` was undocumented.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { describe, it } from "node:test";
import { resultsPath, writeResults } from "../../scripts/lib/results.ts";

const readme = readFileSync("README.md", "utf8");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe("item 22: the Node version and the dev server's start", () => {
  it("the README asks for the Node version package.json's engines needs", () => {
    const engines = /^>=(\d+)\.(\d+)\.\d+$/.exec(pkg.engines.node);
    assert.ok(engines, `engines.node is ${pkg.engines.node}`);
    const quickStart = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("## URLs"));
    const asked = /You need Node\.js (\d+)\.(\d+) or newer/.exec(quickStart);
    assert.ok(asked, "the quick start names no Node version");
    assert.deepEqual(asked.slice(1), engines.slice(1));
    assert.doesNotMatch(quickStart, /Node\.js \(20 or newer\)/);
    // The pinned toolchain Node satisfies engines too.
    assert.ok(Number(/\d+/.exec(pkg.devDependencies.node)![0]) >= Number(engines[1]));
    assert.equal(readFileSync(".nvmrc", "utf8").trim(), engines[1]);
  });

  it("npm run dev does not fetch a Request.cf sample (a stack trace offline)", () => {
    assert.equal(pkg.scripts.dev, "node scripts/run/local-dev.ts");
    assert.match(readFileSync("scripts/run/local-dev.ts", "utf8"), /CLOUDFLARE_CF_FETCH_ENABLED: "false"/);
    // The loaders and crash-race start wrangler dev through scripts/lib/dev.ts.
    assert.match(readFileSync("scripts/lib/dev.ts", "utf8"), /CLOUDFLARE_CF_FETCH_ENABLED: "false"/);
    assert.match(readFileSync("scripts/lib/runtime.ts", "utf8"), /cf: false,/);
  });
});

describe("item 21: npm run bench and the e2e ports", () => {
  it("npm run bench writes an untracked file unless told --save", () => {
    assert.equal(resultsPath("hot.json", false), "test-results/bench/hot.json");
    assert.equal(resultsPath("hot.json", true), "bench/results/hot.json");
    const ignored = execFileSync("git", ["check-ignore", "test-results/bench/hot.json"], { encoding: "utf8" }).trim();
    assert.equal(ignored, "test-results/bench/hot.json");
    assert.equal(execFileSync("git", ["ls-files", "bench/results/hot.json"], { encoding: "utf8" }).trim(), "bench/results/hot.json");
    const bench = readFileSync("scripts/bench/bench.ts", "utf8");
    assert.match(bench, /writeResults\("hot\.json", result, options\.save\)/);
    assert.doesNotMatch(bench, /bench\/results\/hot\.json"/);
    assert.match(readme, /`npm run bench --\s+--save` writes `bench\/results\/hot\.json`/);
  });

  it("writeResults puts the JSON where resultsPath says", () => {
    const path = writeResults("node-test-probe.json", { ok: 1 }, false);
    try {
      assert.deepEqual(JSON.parse(readFileSync(path, "utf8")), { ok: 1 });
    } finally {
      rmSync(path, { force: true });
    }
    assert.ok(!existsSync("bench/results/node-test-probe.json"));
  });

  it("the README names E2E_PORT and E2E_SERVE_PORT, with their defaults, as the e2e tests read them", () => {
    assert.match(readme, /`E2E_PORT` \(default 9200\)/);
    assert.match(readme, /`E2E_SERVE_PORT` \(default `E2E_PORT` \+ 14\)/);
    assert.match(readFileSync("tests/e2e/reader-pages.test.ts", "utf8"), /process\.env\.E2E_PORT \?\? 9200/);
    assert.match(readFileSync("tests/e2e/serve-ready.test.ts", "utf8"), /process\.env\.E2E_SERVE_PORT \?\? Number\(process\.env\.E2E_PORT \?\? 9200\) \+ 14/);
  });
});
