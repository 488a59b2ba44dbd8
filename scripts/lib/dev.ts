/**
 * @module
 * `wrangler dev` as a child in a process group of its own, for scripts that must stop it the hard
 * way (`npm run crash-race`): started on 127.0.0.1 with a one-off token and its own state directory,
 * killed with SIGKILL to the whole group (wrangler and workerd together), as a crash would.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface Dev {
  origin: string;
  child: ChildProcess;
  /** SIGKILL to the group: nothing gets to finish. */
  crash(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Starts `wrangler dev` (no content load) and resolves once it answers `/`. */
export async function startWrangler(port: number, token: string, persistTo: string, logFile: string, timeoutMs = 120_000): Promise<Dev> {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(
    "npx",
    ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(port + 1), "--persist-to", persistTo, "--var", `PUBLISH_TOKEN:${token}`, "--infer-origin-from-routes=false"],
    { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", BROWSER: "none", FORCE_COLOR: "0" } },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const origin = `http://127.0.0.1:${port}`;
  const dev: Dev = {
    origin,
    child,
    async crash() {
      signalGroup(child, "SIGKILL");
      await exited(child);
    },
    async stop() {
      signalGroup(child, "SIGTERM");
      const gone = await Promise.race([exited(child).then(() => true), sleep(5000).then(() => false)]);
      if (!gone) signalGroup(child, "SIGKILL");
      await exited(child);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode} (log: ${logFile})`);
    try {
      const res = await fetch(origin + "/", { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return dev;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await dev.stop();
  throw new Error(`wrangler dev did not answer on ${origin} within ${timeoutMs} ms (log: ${logFile})`);
}
