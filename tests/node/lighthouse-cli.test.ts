/**
 * `npm run lighthouse` took Chromium's debugging port at random, with no way to fix it (where a firewall
 * or another tool must know it). `--debugging-port N` fixes it; Chromium is started on it before the
 * pages are run. Here the site's address answers nothing, so the run stops right after Chromium is up.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { freePort } from "../../scripts/lib/ports.ts";

describe("npm run lighthouse", () => {
  it("starts Chromium on the debugging port --debugging-port names", { timeout: 120_000 }, async () => {
    const [port, closed] = [await freePort(), await freePort()];
    const run = spawnSync(process.execPath, ["scripts/test/lighthouse.ts", "--url", `http://127.0.0.1:${closed}`, "--debugging-port", String(port)], {
      encoding: "utf8",
      timeout: 100_000,
    });
    assert.match(run.stdout, new RegExp(`^lighthouse: Chromium's debugging port ${port}$`, "m"), run.stdout + run.stderr);
  });

  it("refuses a debugging port that is not a port number, saying so", () => {
    const run = spawnSync(process.execPath, ["scripts/test/lighthouse.ts", "--debugging-port", "http"], { encoding: "utf8" });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--debugging-port must be a port number from 1 to 65535/);
  });
});
