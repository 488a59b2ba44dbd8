/**
 * What a newcomer's `npm run dev` prints (issue 34, item 19): it said "Missing required secrets:
 * PUBLISH_TOKEN" (the site runs without it), "Your types might be out of date" twice (wrangler compares
 * each configuration alone with the types both generate together, which `npm run check` checks), and
 * "[not connected]" beside NEWSROOM and ACCESS, which the same process serves. Here `npm run dev`'s
 * script runs on free ports until wrangler says it is ready.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { freePort } from "../../scripts/lib/ports.ts";

describe("npm run dev's output", () => {
  it("says nothing that is not so: no missing secret, no stale types, the Newsroom's bindings in this process", { timeout: 240_000 }, async () => {
    const [port, inspector] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ["scripts/run/local-dev.ts", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(inspector)], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
    });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d));
    child.stderr!.on("data", (d: Buffer) => (output += d));
    try {
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 200_000);
        child.stdout!.on("data", () => /Ready on http/.test(output) && (clearTimeout(timer), resolve(true)));
        child.on("exit", () => (clearTimeout(timer), resolve(false)));
      });
      assert.ok(ready, output.slice(-3000));
      assert.doesNotMatch(output, /Missing required secrets/);
      assert.doesNotMatch(output, /types might be out of date/);
      assert.doesNotMatch(output, /not connected/);
      assert.doesNotMatch(output, /connect to other Wrangler or Vite dev processes/);
      assert.match(output, /^env\.NEWSROOM \(Newsroom, defined in edge-news-newsroom\)\s+Durable Object\s+local \[in this process\]$/m);
      assert.match(output, /^env\.ACCESS \(edge-news-newsroom#DeskAccess\)\s+Worker\s+local \[in this process\]$/m);
    } finally {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
    }
  });
});
