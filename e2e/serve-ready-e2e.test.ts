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
import { allArticles } from "./content.ts";

const PORT = Number(process.env.E2E_SERVE_PORT ?? 9214);
const ROOT = new URL("..", import.meta.url).pathname;

test("the first connection npm run serve accepts gets every article on the front page", { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, ["scripts/serve.ts", "--port", String(PORT)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
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
    // content/ has no drafts and nothing scheduled: every file is on the front page (20 a page).
    const files = allArticles();
    assert.ok(files.length > 0);
    assert.equal(front.total, files.length);
    assert.equal(front.articles.length, Math.min(files.length, 20));
    assert.deepEqual(new Set(front.articles.map((a) => a.id)), new Set(files.map((a) => a.id).slice(0, 20)));
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});
