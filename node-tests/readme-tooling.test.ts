/**
 * Issue 23: what a new user running the README's commands met. Item 22: the README and package.json
 * `engines` disagreed on the Node version (npm then printed an EBADENGINE block per package), and
 * the dev server printed Miniflare's `Request.cf` stack trace four times per start offline.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

const readme = readFileSync("README.md", "utf8");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string }; scripts: Record<string, string>; devDependencies: Record<string, string> };

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
    assert.match(pkg.scripts.dev, /CLOUDFLARE_CF_FETCH_ENABLED=false wrangler dev/);
    assert.match(readFileSync("scripts/lib/local.ts", "utf8"), /CLOUDFLARE_CF_FETCH_ENABLED \?\?= "false"/);
    assert.match(readFileSync("scripts/lib/runtime.ts", "utf8"), /cf: false,/);
  });
});
