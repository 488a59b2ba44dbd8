/**
 * @module
 * Starts the Worker the way a developer does, `npm run dev -- --port <port> --ip 127.0.0.1`
 * (content build, local KV load, `wrangler dev`), waits until it answers, and stops its whole
 * process group.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface DevServer {
  origin: string;
  stop(): Promise<void>;
}

const ROOT = new URL("../../..", import.meta.url).pathname;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Kills the group (npm → sh → wrangler → workerd); SIGKILL if it has not gone after 5 s. */
async function killGroup(child: ChildProcess): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // ESRCH: the group is already gone.
    }
  };
  signal("SIGTERM");
  const gone = await Promise.race([exited(child).then(() => true), sleep(5000).then(() => false)]);
  if (!gone) signal("SIGKILL");
  await exited(child);
  signal("SIGKILL"); // any grandchild that outlived its parent
}

/** `extraArgs` go to `wrangler dev`, e.g. `--var PUBLISH_TOKEN:…` so a test can publish. */
export async function startDevServer(port: number, logFile: string, timeoutMs = 180_000, extraArgs: string[] = []): Promise<DevServer> {
  mkdirSync(new URL(".", `file://${logFile}`).pathname, { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn("npm", ["run", "dev", "--", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(port + 1), ...extraArgs], {
    cwd: ROOT,
    detached: true, // its own process group, so stop() reaches wrangler's children too
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", BROWSER: "none", FORCE_COLOR: "0" },
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => killGroup(child).then(() => new Promise<void>((r) => log.end(r)));

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`npm run dev exited with ${child.exitCode}:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    }
    try {
      const res = await fetch(origin + "/", { headers: { Accept: "text/html" }, signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return { origin, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`npm run dev did not answer on ${origin} within ${timeoutMs} ms:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
}
