/**
 * @module
 * `npm run serve -- [--port N]`: the Worker as `wrangler deploy` would upload it, on workerd through
 * Miniflare (not `wrangler dev`), with wrangler.toml's vars and bindings, content/articles loaded through the Newsroom.
 * Serves http://127.0.0.1:N (a "mirror" host in wrangler.toml) until SIGINT or SIGTERM. The port opens
 * only when the content is in KV, so whoever waits for it (`wait-on tcp:`) gets the whole site.
 */

import { parseArgs } from "node:util";
import { buildService, kib } from "../lib/bundle.ts";
import { articlePaths, contentSite, readWorkerConfig, startWorker } from "../lib/runtime.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "8788" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a TCP port (1-65535), not ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const config = readWorkerConfig();
const { articles, media } = await contentSite();
const bundle = await buildService("dist/serve-worker", config.main, readWorkerConfig("newsroom.wrangler.toml").main);
const { mf, url } = await startWorker(bundle.main, config, articles, { port, media, openWhenLoaded: true, newsroomScript: bundle.newsroom }).catch(
  (e: { code?: string }) => {
    if (e.code !== "ERR_ADDRESS_IN_USE") throw e;
    console.error(`port ${port} on 127.0.0.1 is in use; pick another with --port`);
    process.exit(1);
  },
);

const paths = [...articlePaths(articles).values()];
console.log(
  `${config.name}: ${paths.length} article(s) loaded through the Newsroom, ${media.length} image(s) into R2, bundle ${kib(bundle.gzipBytes)} KiB gzipped`,
);
for (const path of paths.slice(0, 3)) console.log(`  ${new URL(path, url)}`);
console.log(`ready on ${url}  (Ctrl-C to stop)`);

function stop(why: string): void {
  console.log(`${why}: stopping`);
  void mf.dispose().finally(() => process.exit(0));
}

// Miniflare's own exit hook also answers these signals (it stops workerd, removes its temporary
// directory and exits 130/143); ours runs first and disposes in case a later Miniflare does not.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.prependListener(signal, () => stop(signal));

// A SIGTERM sent to `npm run serve` reaches npm's shell, not this process: stop when orphaned
// rather than keep holding the port.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop("parent process exited"), 1000);
