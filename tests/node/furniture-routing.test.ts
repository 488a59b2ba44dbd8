/**
 * The furniture's routing as deployed: Workers Static Assets, configured by wrangler.toml's `[assets]`,
 * would answer `/favicon.ico` before the Worker on every host; the README promises that the host
 * policy still applies (a redirect host redirects it, an unknown host gets 421). The vitest pool calls
 * the Worker directly, past the asset router, so this runs the built bundle in Miniflare with the
 * asset router configured from wrangler.toml (as `npm run serve` and `wrangler dev` do) and asks
 * through Miniflare's entry, i.e. through the router.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Miniflare } from "miniflare";
import { buildWorker } from "../../scripts/lib/bundle.ts";
import { readWorkerConfig, startWorker } from "../../scripts/lib/runtime.ts";

let mf: Miniflare;

before(async () => {
  process.env.WRANGLER_SEND_METRICS = "false";
  const config = readWorkerConfig();
  const bundle = await buildWorker({ outdir: "dist/node-test-worker" }, config.main);
  ({ mf } = await startWorker(bundle.main, config, [], { port: 0, logs: false, newsroom: false, assetRouter: true }));
});
after(() => mf?.dispose());

async function ask(url: string) {
  const res = await mf.dispatchFetch(url, { redirect: "manual" });
  await res.arrayBuffer();
  return res;
}

describe("site furniture behind the asset router", () => {
  for (const path of ["/favicon.ico", "/icon.svg", "/manifest.webmanifest"]) {
    it(`redirects ${path} on a redirect host to the canonical host`, async () => {
      const res = await ask(`https://presstv.ir${path}`);
      assert.equal(res.status, 301);
      assert.equal(res.headers.get("location"), `https://www.presstv.ir${path}`);
    });
  }

  it("answers 421 for /favicon.ico on a host not in the table", async () => {
    assert.equal((await ask("https://unknown.example/favicon.ico")).status, 421);
  });

  it("serves /favicon.ico on the canonical host with the Worker's cache policy", async () => {
    const res = await ask("https://www.presstv.ir/favicon.ico");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=86400");
  });
});
