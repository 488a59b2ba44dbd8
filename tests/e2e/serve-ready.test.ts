/**
 * @module
 * `npm run serve` opens its port only when the content is in KV: a client that waits for the port
 * to answer and asks at once (polling every few ms, tighter than `wait-on`) gets the whole front page, never
 * an empty listing that the caches would then keep.
 */

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { allArticles } from "../support/e2e/content.ts";

// E2E_SERVE_PORT, else 14 above E2E_PORT (the dev server's, default 9200), so one variable moves both.
const PORT = Number(process.env.E2E_SERVE_PORT ?? Number(process.env.E2E_PORT ?? 9200) + 14);
const ROOT = new URL("../..", import.meta.url).pathname;

test("the first connection npm run serve accepts gets every article on the front page", { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, ["scripts/run/serve.ts", "--port", String(PORT)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  try {
    const until = Date.now() + 170_000;
    // Ask as soon as the port accepts, as a client waiting for it would: the first answer is the one that counts.
    let res: Response | undefined;
    while (!res) {
      assert.ok(Date.now() < until, `port ${PORT} never opened; serve printed:\n${stdout}`);
      assert.equal(child.exitCode, null, `serve exited early:\n${stdout}`);
      res = await fetch(`http://127.0.0.1:${PORT}/`, { headers: { Accept: "application/json" } }).catch(() => undefined);
      if (!res) await sleep(5);
    }
    assert.equal(res.status, 200);
    const front = (await res.json()) as { total: number; articles: { id: string }[] };
    // content/ has no drafts and nothing scheduled: every file is counted, and the front page shows the
    // newest 20 of them (which 20 depends on their dates, not on the file names).
    const files = allArticles();
    assert.ok(files.length > 0);
    assert.equal(front.total, files.length);
    assert.equal(front.articles.length, Math.min(files.length, 20));
    const ids = new Set(files.map((a) => a.id));
    assert.deepEqual(
      front.articles.filter((a) => !ids.has(a.id)),
      [],
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});
