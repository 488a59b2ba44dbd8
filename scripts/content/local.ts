/**
 * @module
 * The service as `npm run dev` runs it — both Workers under `wrangler dev`, on the same local state
 * (`.wrangler/state`) — for the moment a script needs to reach its Newsroom (the content loaders), on
 * a free port with a one-off token that replaces any PUBLISH_TOKEN from .dev.vars for this run only.
 */

import { randomUUID } from "node:crypto";
import { failClearly, type Resume } from "../lib/clear-failure.ts";
import { startWrangler } from "../lib/dev.ts";
import { freePort } from "../lib/ports.ts";

export interface LocalWorker {
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, and the one after it for the inspector. */
async function freePorts(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65535) return port;
  }
}

export async function startLocal(): Promise<LocalWorker> {
  const token = randomUUID();
  const dev = await startWrangler(await freePorts(), token, null, null);
  return { origin: dev.origin, token, stop: () => dev.stop() };
}

/**
 * Runs a command's `work` on the service it names: `url`, a deployed Worker, with PUBLISH_TOKEN from
 * the environment; or, without one, the local service started for the moment (on `port` when given)
 * and stopped after. A failure the service caused (unreachable, or a call refused) ends the command
 * with `<command>: …` and `resume` (`clear-failure.ts`), once the local service is stopped.
 */
export async function onService<T>(
  target: { url?: string; port?: number },
  command: string,
  resume: Resume,
  work: (origin: string, token: string) => Promise<T>,
): Promise<T> {
  try {
    if (target.url) {
      const token = process.env.PUBLISH_TOKEN;
      if (!token) {
        console.error("PUBLISH_TOKEN must be set in the environment");
        process.exit(2);
      }
      return await work(target.url, token);
    }
    const token = randomUUID();
    const dev = await startWrangler(target.port ?? (await freePorts()), token, null, null);
    try {
      return await work(dev.origin, token);
    } finally {
      await dev.stop();
    }
  } catch (e) {
    failClearly(e, command, resume);
  }
}
