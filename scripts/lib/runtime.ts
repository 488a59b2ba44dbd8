/**
 * @module
 * A built Worker on workerd through Miniflare, with wrangler.toml's vars and KV namespaces, and the
 * KV filled by the same content build as `npm run content:build` (src/content/build.ts).
 */

import { dirname } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";
import { loadContent } from "../../src/content/build.ts";
import { articlePath } from "../../src/content/paths.ts";
import type { Article } from "../../src/content/schema.ts";
import { ARTICLE_PREFIX, type KVEntry, writeEntries } from "../../src/content/store.ts";
import { CONTENT_DIR, readSources } from "./content.ts";

/** The KV binding src/content/store.ts reads. */
export const CONTENT_BINDING = "NEWS";

export interface WorkerConfig {
  name: string;
  /** Absolute path of the entry module. */
  main: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  vars: Record<string, unknown>;
  /** Binding name → namespace id. */
  kvNamespaces: Record<string, string>;
}

export function readWorkerConfig(path = "wrangler.toml"): WorkerConfig {
  const c = unstable_readConfig({ config: path });
  if (!c.main || !c.compatibility_date) throw new Error(`${path} must set main and compatibility_date`);
  const kvNamespaces = Object.fromEntries(c.kv_namespaces.map((ns: { binding: string; id?: string }) => [ns.binding, ns.id ?? ns.binding]));
  if (!(CONTENT_BINDING in kvNamespaces)) throw new Error(`${path} has no KV namespace bound as ${CONTENT_BINDING}`);
  return {
    name: c.name ?? "worker",
    main: c.main,
    compatibilityDate: c.compatibility_date,
    compatibilityFlags: c.compatibility_flags,
    vars: c.vars as Record<string, unknown>,
    kvNamespaces,
  };
}

/** Every KV entry for content/articles/*.md; throws listing every schema error, as the content build does. */
export function contentEntries(dir = CONTENT_DIR): KVEntry[] {
  const result = loadContent(readSources(dir));
  if (!result.ok) throw new Error(`content build failed:\n${result.errors.map((e) => `${e.field}: ${e.message}`).join("\n")}`);
  return result.value;
}

/** Article id → canonical path, for every article among `entries`. */
export function articlePaths(entries: KVEntry[]): Map<string, string> {
  const articles = entries.filter((e) => e.key.startsWith(ARTICLE_PREFIX)).map((e) => JSON.parse(e.value) as Article);
  return new Map(articles.map((a) => [a.id, articlePath(a)]));
}

export interface Running {
  mf: Miniflare;
  /** Where the Worker answers, e.g. `http://127.0.0.1:8788/`. */
  url: URL;
}

export interface StartOptions {
  /** 0 = any free port. */
  port: number;
  /** Print the Worker's `console.log` (the request log); `console.error` is always printed. */
  logs?: boolean;
}

function dropStdout(stdout: Readable, stderr: Readable): void {
  stdout.resume();
  stderr.pipe(process.stderr);
}

/**
 * Starts `scriptPath` on 127.0.0.1 and writes `entries` into its content KV. Requests reach the
 * Worker on a direct socket, as in production: Miniflare's own entry worker (dev error pages,
 * `cf` object, live reload) would stand in front of it and cost more per request than the Worker
 * itself (measured here: a constant-response Worker answers 2.5× faster without it). The entry
 * socket still listens on a free port; Miniflare uses it for its own calls such as the KV writes.
 */
export async function startWorker(scriptPath: string, config: WorkerConfig, entries: KVEntry[], { port, logs = true }: StartOptions): Promise<Running> {
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    bindings: config.vars as Record<string, never>,
    kvNamespaces: config.kvNamespaces,
    host: "127.0.0.1",
    port: 0,
    unsafeDirectSockets: [{ host: "127.0.0.1", port }],
    ...(!logs && { handleRuntimeStdio: dropStdout }),
  });
  try {
    await mf.ready;
    // Miniflare's KV namespace is the same binding the Worker gets, typed by miniflare's own declarations.
    await writeEntries((await mf.getKVNamespace(CONTENT_BINDING)) as unknown as KVNamespace, entries);
    return { mf, url: await mf.unsafeGetDirectURL() };
  } catch (e) {
    await mf.dispose();
    throw e;
  }
}
