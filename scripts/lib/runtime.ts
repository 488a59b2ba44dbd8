/**
 * @module
 * A built Worker on workerd through Miniflare, with every binding of wrangler.toml that `wrangler dev`
 * gives it: vars, KV namespaces, the Newsroom Durable Object, the R2 bucket and Images binding of the
 * photos, the rate limits, Analytics Engine and static assets (the site furniture in public/); filled
 * with content/ (its photos into R2) through the Newsroom (the only writer), as `npm run content:local` does.
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare, type MiniflareOptions, type WorkerOptions } from "miniflare";
import { unstable_readConfig } from "wrangler";
import { loadContent } from "../../tools/content/build.ts";
import { articlePath } from "../../src/shared/model/paths.ts";
import type { Article } from "../../src/shared/model/schema.ts";
import { CONTENT_DIR, readSources } from "./content.ts";
import { localMediaPaths, type MediaFile, mediaResolver } from "./content-media.ts";
import { kvEntries } from "../../src/newsroom/read-model/rebuild.ts";
import { type LoadCounts, loadArticles, waitForReadModel } from "./admin-api.ts";

/** The KV binding src/reader/read/ reads. */
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
  /** Binding name → Durable Object class and the Worker that defines it (all SQLite-backed). */
  durableObjects: Record<string, { className: string; scriptName?: string }>;
  /** Binding name → Analytics Engine dataset (Miniflare's local binding accepts and drops data points). */
  analyticsEngineDatasets: Record<string, { dataset: string }>;
  /** Binding name → R2 bucket (the photos' originals, `MEDIA`). */
  r2Buckets: Record<string, string>;
  /** The Images binding's name (renditions; Miniflare runs it locally with sharp), if any. */
  images?: string;
  /** Binding name → the Workers Rate Limiting binding's limit. */
  ratelimits: Record<string, { simple: { limit: number; period: 10 | 60 } }>;
  /** `[assets]`: the directory (absolute), its binding, and whether the Worker runs before them. */
  assets?: { directory: string; binding: string; runWorkerFirst: boolean };
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
    durableObjects: Object.fromEntries(
      c.durable_objects.bindings.map((b: { name: string; class_name: string; script_name?: string }) => [
        b.name,
        { className: b.class_name, ...(b.script_name && { scriptName: b.script_name }) },
      ]),
    ),
    analyticsEngineDatasets: Object.fromEntries(
      c.analytics_engine_datasets.map((d: { binding: string; dataset?: string }) => [d.binding, { dataset: d.dataset ?? d.binding }]),
    ),
    r2Buckets: Object.fromEntries(c.r2_buckets.map((b: { binding: string; bucket_name?: string }) => [b.binding, b.bucket_name ?? b.binding])),
    ...(c.images?.binding && { images: c.images.binding }),
    ratelimits: Object.fromEntries(c.ratelimits.map((r: { name: string; simple: { limit: number; period: 10 | 60 } }) => [r.name, { simple: r.simple }])),
    ...(c.assets?.directory && {
      assets: {
        directory: resolve(dirname(path), c.assets.directory),
        binding: c.assets.binding ?? "ASSETS",
        runWorkerFirst: c.assets.run_worker_first === true,
      },
    }),
  };
}

/**
 * Miniflare's options for the Newsroom Worker (newsroom.wrangler.toml), built as deployed, and the
 * reader's binding to it: the same Durable Object the reader's `NEWSROOM` names, in a worker of its own.
 */
export function newsroomWorker(
  scriptPath: string,
  path = "newsroom.wrangler.toml",
): { worker: WorkerOptions & { name: string }; binding: Record<string, { className: string; scriptName: string; useSQLite: true }> } {
  const c = readWorkerConfig(path);
  const [binding, { className }] = Object.entries(c.durableObjects)[0];
  return {
    worker: {
      name: c.name,
      modules: true,
      scriptPath,
      modulesRoot: dirname(scriptPath),
      compatibilityDate: c.compatibilityDate,
      compatibilityFlags: c.compatibilityFlags,
      kvNamespaces: c.kvNamespaces,
      durableObjects: { [binding]: { className, useSQLite: true } },
      // Its snapshots' bucket and vars (the origin a snapshot names, the nights kept).
      r2Buckets: c.r2Buckets,
      bindings: c.vars as Record<string, never>,
    },
    binding: { [binding]: { className, scriptName: c.name, useSQLite: true } },
  };
}

/**
 * Every article of content/articles/*.md, with photos kept in content/media as their upload URLs, and
 * those photos' files (for the R2 bucket); throws listing every schema error, as the content build does.
 */
export async function contentSite(dir = CONTENT_DIR): Promise<{ articles: Article[]; media: MediaFile[] }> {
  const files = readSources(dir);
  const canonicalOrigin = String((unstable_readConfig({ config: "wrangler.toml" }).vars as Record<string, unknown>).CANONICAL_ORIGIN);
  const media = await mediaResolver(canonicalOrigin, localMediaPaths(files));
  const result = loadContent(files, { media: media.resolve });
  if (!result.ok) throw new Error(`content build failed:\n${result.errors.map((e) => `${e.field}: ${e.message}`).join("\n")}`);
  return { articles: result.value, media: [...media.files.values()] };
}

/** The articles of `contentSite`. */
export async function contentArticles(dir = CONTENT_DIR): Promise<Article[]> {
  return (await contentSite(dir)).articles;
}

/** Article id → canonical path. */
export function articlePaths(articles: Article[]): Map<string, string> {
  return new Map(articles.map((a) => [a.id, articlePath(a)]));
}

export interface Running {
  mf: Miniflare;
  /** Where the Worker answers, e.g. `http://127.0.0.1:8788/`. */
  url: URL;
  /** A bearer token made for this run only (the Worker's PUBLISH_TOKEN). */
  token: string;
  loaded: LoadCounts;
}

export interface StartOptions {
  /** 0 = any free port. */
  port: number;
  /** Image files the articles name, put into the R2 bucket bound as `MEDIA` before the articles are loaded. */
  media?: MediaFile[];
  /** Print the Worker's `console.log` (the request log); `console.error` is always printed. */
  logs?: boolean;
  /** Remove articles that came from content/ and are not among the ones loaded. */
  prune?: boolean;
  /**
   * false for a Worker without the Newsroom (the benchmark's contenders): its KV is then written
   * directly with what the Newsroom would derive (src/newsroom/read-model/rebuild.ts).
   */
  newsroom?: boolean;
  /** The Newsroom Worker's built main module (`buildService`), which the reader's `NEWSROOM` binds. */
  newsroomScript?: string;
  /**
   * Open `port` only once the content is in KV (`npm run serve`): the load goes through a private
   * socket, then workerd restarts with the public one (storage lives in Miniflare's directory and
   * survives the restart). A client that waits for the port never sees an empty site, which would
   * then sit in the caches for their TTLs.
   */
  openWhenLoaded?: boolean;
  /**
   * Put Workers Static Assets' router in front of the Worker, configured from `[assets]` as deployed
   * (`run_worker_first`), for a test of that routing. Otherwise the Worker gets its ASSETS binding from
   * a separate assets-only worker and requests reach it directly: Miniflare's router and RPC proxy,
   * two more workers in the same process, cut the requests/s of the hot path here to about a third
   * (front page, 32 connections: 2,200–3,200 against 6,600–11,700 req/s), where Cloudflare runs the router outside the Worker.
   */
  assetRouter?: boolean;
  /**
   * The directory Miniflare keeps KV, the Durable Objects, the Cache API and R2 in (the caller
   * makes and removes it); by default a temporary one of Miniflare's under the OS temp dir.
   */
  storage?: string;
}

/**
 * `worker` with the assets of `[assets]`: behind the asset router (`router`), or from an assets-only
 * worker that `worker`'s ASSETS binding names. Without `[assets]`, `worker` alone.
 */
function withAssets(worker: WorkerOptions, config: WorkerConfig, router: boolean, others: WorkerOptions[] = []): MiniflareOptions {
  const assets = config.assets;
  if (!assets) return { workers: [worker, ...others] };
  if (router) {
    const assetConfig = { compatibility_date: config.compatibilityDate, compatibility_flags: config.compatibilityFlags };
    return {
      workers: [
        {
          ...worker,
          assets: {
            directory: assets.directory,
            binding: assets.binding,
            routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: assets.runWorkerFirst },
            assetConfig,
          },
        },
        ...others,
      ],
    };
  }
  const server = assetServer(config, `${config.name}-assets`);
  return { workers: [{ ...worker, serviceBindings: { [assets.binding]: server.name } }, server, ...others] };
}

/**
 * A worker that only serves `[assets]`, for another worker's ASSETS service binding (its script
 * never runs: with no user worker, the router answers every request from the assets).
 */
export function assetServer(config: WorkerConfig, name: string): WorkerOptions & { name: string } {
  if (!config.assets) throw new Error("wrangler.toml has no [assets]");
  const assetConfig = { compatibility_date: config.compatibilityDate, compatibility_flags: config.compatibilityFlags };
  return {
    name,
    modules: true,
    script: "export default {}",
    compatibilityDate: config.compatibilityDate,
    assets: { directory: config.assets.directory, routerConfig: { has_user_worker: false }, assetConfig },
  };
}

function dropStdout(stdout: Readable, stderr: Readable): void {
  stdout.resume();
  stderr.pipe(process.stderr);
}

/**
 * Starts `scriptPath` on 127.0.0.1 and loads `articles` through its Newsroom. Requests reach the
 * Worker on a direct socket, as in production: Miniflare's own entry worker (dev error pages,
 * `cf` object, live reload) would stand in front of it and cost more per request than the Worker
 * itself (measured here: a constant-response Worker answers 2.5× faster without it). The entry
 * socket still listens on a free port; Miniflare uses it for its own calls such as the KV writes.
 */
export async function startWorker(
  scriptPath: string,
  config: WorkerConfig,
  articles: Article[],
  { port, media = [], logs = true, prune = false, newsroom = true, newsroomScript, openWhenLoaded = false, assetRouter = false, storage }: StartOptions,
): Promise<Running> {
  const token = crypto.randomUUID();
  if (newsroom && !newsroomScript) throw new Error("startWorker: the service needs the Newsroom Worker's script (buildService)");
  const room = newsroom ? newsroomWorker(newsroomScript!) : undefined;
  const worker = {
    name: config.name,
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: config.compatibilityDate,
    compatibilityFlags: config.compatibilityFlags,
    bindings: { ...(config.vars as Record<string, never>), PUBLISH_TOKEN: token },
    kvNamespaces: config.kvNamespaces,
    analyticsEngineDatasets: config.analyticsEngineDatasets,
    r2Buckets: config.r2Buckets,
    ...(config.images && { images: { binding: config.images } }),
    ratelimits: config.ratelimits,
    durableObjects: room?.binding ?? {},
  } satisfies WorkerOptions;
  const options = (directPort: number): MiniflareOptions => ({
    host: "127.0.0.1",
    port: 0,
    // The Worker never reads `request.cf`: Miniflare's placeholder, not a fetch (a stack trace offline).
    cf: false,
    ...(storage && { defaultPersistRoot: storage }),
    ...(!logs && { handleRuntimeStdio: dropStdout }),
    ...withAssets({ ...worker, unsafeDirectSockets: [{ host: "127.0.0.1", port: directPort }] }, config, assetRouter, room ? [room.worker] : []),
  });
  const mf = new Miniflare(options(openWhenLoaded ? 0 : port));
  try {
    await mf.ready;
    const url = await mf.unsafeGetDirectURL();
    if (media.length) {
      // The key a POST /api/v1/media upload gives the same bytes.
      // Typed by miniflare's own declarations, which name workers-types' R2Bucket this project does not load in Node.
      const bucket = (await mf.getR2Bucket("MEDIA", config.name)) as unknown as { put(key: string, value: Uint8Array, options: object): Promise<unknown> };
      // A Uint8Array of its own (a Buffer may be a view into a shared pool, which Miniflare cannot pass on).
      for (const f of media)
        await bucket.put(f.key, new Uint8Array(readFileSync(f.file)), {
          httpMetadata: { contentType: f.type },
          customMetadata: { type: f.type, width: String(f.width), height: String(f.height) },
        });
    }
    if (!newsroom) {
      // Miniflare's KV namespace is the same binding the Worker gets, typed by miniflare's own declarations.
      const kv = (await mf.getKVNamespace(CONTENT_BINDING)) as unknown as KVNamespace;
      for (const { key, value } of kvEntries(articles)) await kv.put(key, value);
      return { mf, url, token, loaded: { created: articles.length, updated: 0, unchanged: 0, removed: 0, conflicts: [], overwritten: [] } };
    }
    const loaded = await loadArticles(url, token, articles, prune);
    if (!openWhenLoaded) return { mf, url, token, loaded };
    await waitForReadModel(url, token);
    await mf.setOptions(options(port));
    return { mf, url: await mf.unsafeGetDirectURL(), token, loaded };
  } catch (e) {
    await mf.dispose();
    throw e;
  }
}
