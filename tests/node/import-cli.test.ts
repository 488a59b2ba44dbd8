/**
 * `npm run import` says what went wrong and how to go on, without a stack trace: a 50 MB export used to
 * end in a Node stack trace when a call to the Newsroom failed. Here the Newsroom cannot be reached at
 * all (nothing listens on the port), after the importer's own retries.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";

describe("npm run import when the Newsroom does not answer", () => {
  it("stops with exit 1, the reason and how to resume, and no stack trace", { timeout: 60_000 }, () => {
    const run = spawnSync(
      process.execPath,
      ["scripts/content/import.ts", "tests/support/fixtures/import/wordpress-importer/small-export.xml", "--url", "http://127.0.0.1:9"],
      { encoding: "utf8", env: { ...process.env, PUBLISH_TOKEN: "import-cli-test" } },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^import: fetch failed/m);
    assert.match(run.stderr, /running the same command again resumes/);
    assert.doesNotMatch(run.stderr, /^\s+at |node:internal/m);
  });
});
