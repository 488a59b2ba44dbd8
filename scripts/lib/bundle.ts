/**
 * @module
 * Bundles a Worker exactly as `wrangler deploy` would upload it (`wrangler deploy --dry-run --outdir`)
 * and measures what Cloudflare's size limit counts: the uploaded modules, gzipped.
 */

import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const run = promisify(execFile);
const WRANGLER = join(dirname(createRequire(import.meta.url).resolve("wrangler/package.json")), "bin", "wrangler.js");
const MODULE = /\.(m?js|cjs|wasm)$/;

export interface Bundle {
  /** The main module, absolute. */
  main: string;
  /** Uploaded modules (not source maps or README), raw and gzipped. */
  bytes: number;
  gzipBytes: number;
  /** For the service: the Newsroom Worker's main module (newsroom.wrangler.toml), absolute. */
  newsroom?: string;
}

/** The Newsroom Worker's configuration, beside wrangler.toml. */
export const NEWSROOM_CONFIG = "newsroom.wrangler.toml";

export interface BuildTarget {
  outdir: string;
  /** A wrangler configuration other than wrangler.toml (the Newsroom's). */
  config?: string;
  /** A script other than wrangler.toml's `main`; wrangler then needs the name and date on the command line. */
  entry?: string;
  name?: string;
  compatibilityDate?: string;
}

export async function buildWorker({ outdir, config, entry, name, compatibilityDate }: BuildTarget, configMain: string): Promise<Bundle> {
  const dir = resolve(outdir);
  rmSync(dir, { recursive: true, force: true });
  // The config below goes beside `dir`, whose parent a fresh clone does not have yet.
  mkdirSync(dirname(dir), { recursive: true });
  const args = [WRANGLER, "deploy", "--dry-run", "--outdir", dir];
  if (entry) {
    // A config of its own: wrangler.toml's bindings (the Newsroom class) would make wrangler demand
    // that this entry export them.
    const configFile = `${dir}.wrangler.toml`;
    writeFileSync(
      configFile,
      `name = ${JSON.stringify(name ?? basename(entry, extname(entry)))}\nmain = ${JSON.stringify(resolve(entry))}\ncompatibility_date = ${JSON.stringify(compatibilityDate ?? "")}\n`,
    );
    args.push("--config", configFile);
  } else if (config) args.push("--config", config);
  try {
    // Node 22 runs wrangler: the `wrangler` shim would pick the machine's `node`.
    await run(process.execPath, args, { env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, maxBuffer: 16 << 20 });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`wrangler build of ${entry ?? configMain} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  return { main: join(dir, basename(entry ?? configMain, extname(entry ?? configMain)) + ".js"), ...measureModules(dir) };
}

/** The modules wrangler wrote to `dir` (not source maps or README), raw and gzipped (level 9). */
export function measureModules(dir: string): { bytes: number; gzipBytes: number } {
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of readdirSync(dir).filter((name) => MODULE.test(name))) {
    const data = readFileSync(join(dir, f));
    bytes += data.byteLength;
    gzipBytes += gzipSync(data, { level: 9 }).byteLength;
  }
  return { bytes, gzipBytes };
}

export const kib = (bytes: number): number => Math.round((bytes / 1024) * 100) / 100;

/**
 * The service as deployed: the reader Worker (wrangler.toml) and the Newsroom Worker
 * (newsroom.wrangler.toml) it binds, each built as `wrangler deploy` uploads it.
 */
export async function buildService(outdir: string, configMain: string, newsroomMain: string): Promise<Bundle & { newsroom: string }> {
  const [reader, newsroom] = await Promise.all([
    buildWorker({ outdir }, configMain),
    buildWorker({ outdir: `${outdir}-newsroom`, config: NEWSROOM_CONFIG }, newsroomMain),
  ]);
  return { ...reader, newsroom: newsroom.main };
}
