/**
 * @module
 * `npm run dev [-- wrangler dev's options]`: checks what `npm run site` writes (site.ts --check), loads
 * content/ into the local Newsroom (content:local), then runs both Workers in one `wrangler dev`. Wrangler
 * marks a binding to another Worker "[connected]" or "[not connected]" by whether another dev process on
 * the machine serves that Worker; the Newsroom runs in this very process (the second configuration), so
 * NEWSROOM's and ACCESS's marks are written "[in this process]" instead, and wrangler's note on
 * connecting to other processes is left out. Wrangler's registry of dev processes is kept in
 * `.wrangler/registry`, so another checkout's dev server on the same machine is never taken for this
 * one's. The rest of wrangler's output passes through as it comes (Ctrl-C stops it).
 */

import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { parse } from "smol-toml";
import { DEV_CONFIGS } from "../lib/dev.ts";

const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");
/** The Worker of the second configuration: bindings to it are in this process. */
const NEWSROOM = (parse(readFileSync("newsroom.wrangler.toml", "utf8")) as { name: string }).name;

const step = (args: string[]) => spawnSync(process.execPath, args, { stdio: "inherit" }).status ?? 1;
for (const args of [
  ["scripts/build/site.ts", "--check"],
  ["scripts/content/load-content.ts", "--local"],
]) {
  const status = step(args);
  if (status !== 0) process.exit(status);
}

const ANSI = /\x1b\[[0-9;]*m/g;
const MARK = /(?:\x1b\[[0-9;]*m)*\s*\[(?:not )?connected\](?:\x1b\[[0-9;]*m)*/;
const NOTE = /^\s*Service bindings, Durable Object bindings, and Tail consumers connect to other/;

/** One line of wrangler's start-up output as this setup means it; null to leave it out. */
function startupLine(line: string): string | null {
  const plain = line.replace(ANSI, "");
  if (NOTE.test(plain)) return null;
  if (plain.includes(`defined in ${NEWSROOM}`) || plain.includes(`(${NEWSROOM}#`)) return line.replace(MARK, " [in this process]");
  return line;
}

const child = spawn(process.execPath, [WRANGLER, "dev", ...DEV_CONFIGS, "--infer-origin-from-routes=false", ...process.argv.slice(2)], {
  stdio: ["inherit", "pipe", "inherit"],
  env: {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_REGISTRY_PATH: resolve(".wrangler/registry"),
    ...(process.stdout.isTTY && { FORCE_COLOR: process.env.FORCE_COLOR ?? "1" }),
  },
});
// Line by line until the server is up (the table of bindings comes before), then as it comes.
let pending = "";
let started = false;
child.stdout!.on("data", (chunk: Buffer) => {
  if (started) return void process.stdout.write(chunk);
  pending += chunk.toString("utf8");
  const lines = pending.split("\n");
  pending = lines.pop()!;
  for (const line of lines) {
    const shown = startupLine(line);
    if (shown !== null) process.stdout.write(shown + "\n");
    if (/Ready on /.test(line.replace(ANSI, ""))) started = true;
  }
  if (started && pending) {
    process.stdout.write(pending);
    pending = "";
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (pending) process.stdout.write(pending);
  process.exit(code ?? (signal ? 1 : 0));
});
