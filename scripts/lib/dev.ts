/**
 * @module
 * `wrangler dev` as a child in a process group of its own: both Workers (wrangler.toml and
 * newsroom.wrangler.toml) on 127.0.0.1 with a one-off token, on the state `npm run dev` uses or a
 * directory of its own; stopped by PID, or (`npm run crash-race`) killed with SIGKILL to the whole
 * group, wrangler and workerd together, as a crash would.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");

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

/** The configurations `wrangler dev` runs: the reader first (it gets the port), then the Newsroom it binds. */
export const DEV_CONFIGS = ["-c", "wrangler.toml", "-c", "newsroom.wrangler.toml"];

/** Starts `wrangler dev` (no content load) and resolves once it answers `/`; `persistTo` null: `.wrangler/state`, as `npm run dev`. */
export async function startWrangler(port: number, token: string, persistTo: string | null, logFile: string | null, timeoutMs = 120_000): Promise<Dev> {
  const args = [
    "dev",
    ...DEV_CONFIGS,
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--inspector-port",
    String(port + 1),
    "--var",
    `PUBLISH_TOKEN:${token}`,
    "--infer-origin-from-routes=false",
  ];
  if (persistTo) args.push("--persist-to", persistTo);
  // Node 22 runs wrangler (this script's own), not whatever `node` the PATH names.
  const child = spawn(process.execPath, [WRANGLER, ...args], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", BROWSER: "none", FORCE_COLOR: "0" },
  });
  if (logFile) {
    const log = createWriteStream(logFile, { flags: "a" });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  // The output's last lines, for the error when it exits before answering (with or without a log file).
  const tail: string[] = [];
  const keep = (chunk: Buffer) => tail.push(...chunk.toString().split("\n").filter(Boolean)) > 30 && tail.splice(0, tail.length - 30);
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
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
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited with ${child.exitCode}${logFile ? ` (log: ${logFile})` : ""}; it printed last:\n${tail.join("\n")}`);
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
  throw new Error(`wrangler dev did not answer on ${origin} within ${timeoutMs} ms${logFile ? ` (log: ${logFile})` : ""}`);
}
