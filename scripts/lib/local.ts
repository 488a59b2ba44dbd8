/**
 * @module
 * The Worker as `wrangler dev` runs it, with the same local state (`.wrangler/state`), for the
 * moment a script needs to reach its Newsroom (the content loaders). A one-off token replaces any
 * PUBLISH_TOKEN from .dev.vars for this run only.
 */

import { unstable_dev } from "wrangler";

export interface LocalWorker {
  origin: string;
  token: string;
  stop(): Promise<void>;
}

export async function startLocal(): Promise<LocalWorker> {
  const token = crypto.randomUUID();
  // Miniflare would fetch a sample `Request.cf` from workers.cloudflare.com at every start and, offline,
  // print a stack trace twice; the Worker never reads `request.cf`, so the built-in placeholder does.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const worker = await unstable_dev("src/index.ts", {
    config: "wrangler.toml",
    ip: "127.0.0.1",
    port: 0,
    inspectorPort: 0,
    vars: { PUBLISH_TOKEN: token },
    logLevel: "warn",
    experimental: { disableExperimentalWarning: true, testMode: true },
  } as Parameters<typeof unstable_dev>[1]);
  return { origin: `http://127.0.0.1:${worker.port}`, token, stop: () => worker.stop() };
}
