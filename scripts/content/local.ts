/**
 * @module
 * The service as `npm run dev` runs it — both Workers under `wrangler dev`, on the same local state
 * (`.wrangler/state`) — for the moment a script needs to reach its Newsroom (the content loaders), on
 * a free port with a one-off token that replaces any PUBLISH_TOKEN from .dev.vars for this run only.
 */

import { randomUUID } from "node:crypto";
import { failClearly, type Resume } from "../lib/clear-failure.ts";
import { startWrangler } from "../lib/dev.ts";
import { freePortPair } from "../lib/ports.ts";

export interface LocalWorker {
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** The local service, on `port` (and the next for the inspector) or on free ones. */
export async function startLocal(port?: number): Promise<LocalWorker> {
  const token = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      const dev = await startWrangler(port ?? (await freePortPair()), token, null, null);
      return { origin: dev.origin, token, stop: () => dev.stop() };
    } catch (e) {
      // A port another process took between the check and wrangler's listen (servers start here all the
      // time while tests run): wrangler exits at once; other ports, twice more. Its output is in the error.
      if (port || attempt === 3 || !/^wrangler dev exited/.test((e as Error).message)) throw e;
    }
  }
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
    const local = await startLocal(target.port);
    try {
      return await work(local.origin, local.token);
    } finally {
      await local.stop();
    }
  } catch (e) {
    failClearly(e, command, resume);
  }
}
