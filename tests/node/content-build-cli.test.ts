/**
 * Issue 23, item 17: `npm run content:local` printed a Node stack trace after the content build's own
 * clear message. A broken file in content/articles now fails the load with the build's message and
 * exit status, and nothing else.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { after, describe, it } from "node:test";

const BROKEN = "content/articles/zz-node-test-broken.md";
after(() => rmSync(BROKEN, { force: true }));

describe("content:local with a broken article", () => {
  it("prints the build's message and exits 1, without a stack trace", () => {
    writeFileSync(BROKEN, "---\nid: 923090\nsection: News\nheadline: \npublished: 2021-01-01\n---\n\nText.\n");
    const run = spawnSync(process.execPath, ["scripts/content/load-content.ts", "--local"], {
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    rmSync(BROKEN, { force: true });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^content\/articles\/zz-node-test-broken\.md: line 4: headline: must not be empty$/m);
    assert.match(run.stderr, /content build failed: 1 error\(s\); nothing written/);
    assert.doesNotMatch(run.stderr, /^\s+at |Command failed|node:internal/m);
  });
});
