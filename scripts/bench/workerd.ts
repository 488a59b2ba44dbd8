/**
 * @module
 * The processes of `npm run bench:scale`: each Worker on its own workerd (Miniflare), found in /proc
 * so its CPU time and memory can be read (Linux), all sharing one storage directory; HTTP with a
 * chosen Host header (node:http; fetch forbids it); the load processes.
 */

import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import os from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import { Miniflare, type MiniflareOptions, type WorkerOptions } from "miniflare";
import { assetServer, type WorkerConfig } from "../lib/runtime.ts";
import { freePort } from "../lib/ports.ts";

const run = promisify(execFile);
// Every workerd started pipes its stderr here (a dozen over a run).
process.stderr.setMaxListeners(50);

// -------------------------------------------------------------------------------------------------
// workerd processes: which one is whose, and what it uses (/proc, Linux)

function workerdPids(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (comm === "workerd" && ppid === process.pid) pids.add(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return pids;
}

/** CPU time the process's threads have used, in ms (schedstat: nanoseconds on CPU, per thread). */
export function cpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // thread exited
    }
  }
  return ns / 1e6;
}

export function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

/** A free TCP port on 127.0.0.1 (for workerd's inspector, which takes no port 0). */
/**
 * The V8 heap of a Worker's isolate, through workerd's inspector (Chrome DevTools Protocol): the
 * heap in use and the heap V8 has reserved, the memory Cloudflare's 128 MB isolate limit counts.
 */
export async function isolateHeap(inspectorPort: number, name: string): Promise<{ usedMiB: number; totalMiB: number }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    id: string;
    title?: string;
    webSocketDebuggerUrl?: string;
  }[];
  const target = targets.find((t) => t.id === `core:user:${name}`);
  if (!target?.webSocketDebuggerUrl) throw new Error(`no inspector target for ${name}`);
  const url = target.webSocketDebuggerUrl;
  const ws = new WebSocket(url);
  await new Promise((resolve_, reject) => {
    ws.addEventListener("open", resolve_);
    ws.addEventListener("error", reject);
  });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve_) => {
      const mine = ++id;
      ws.addEventListener("message", function listener(e) {
        const msg = JSON.parse(String(e.data)) as { id?: number; result?: Record<string, number> };
        if (msg.id !== mine) return;
        ws.removeEventListener("message", listener);
        resolve_(msg.result ?? {});
      });
      ws.send(JSON.stringify({ id: mine, method }));
    });
  try {
    // workerd's inspector does not answer HeapProfiler.collectGarbage: "used" includes garbage not yet collected.
    const { usedSize, totalSize } = await call("Runtime.getHeapUsage");
    return { usedMiB: usedSize / 2 ** 20, totalMiB: totalSize / 2 ** 20 };
  } finally {
    ws.close();
  }
}

export interface Instance {
  name: string;
  mf: Miniflare;
  origin: string;
  pid: number;
  /** workerd's inspector port, when started with one. */
  inspectorPort?: number;
  /** The service's latest metrics totals (scripts/bench/workers/metrics-sink.js). */
  metrics?: () => Totals | undefined;
}

export interface Totals {
  /** Data points written (cache hits are sampled); the other counts are weighted by each point's interval. */
  points: number;
  requests: number;
  kvReads: number;
  layers: Record<string, number>;
  byRepresentation: Record<string, number>;
  statuses: Record<string, number>;
}

/** The benchmark's workerd processes, sharing one storage directory (KV and Durable Object files). */
export class Fleet {
  readonly persist = mkdtempSync(join(os.tmpdir(), "bench-scale-"));
  readonly instances: Instance[] = [];
  readonly #config: WorkerConfig;

  constructor(config: WorkerConfig) {
    this.#config = config;
  }

  /**
   * Starts `worker` on its own workerd, direct socket on a free port; with `sink`, METRICS goes to
   * scripts/bench/workers/metrics-sink.js; `others` run beside it (the Newsroom Worker its NEWSROOM binds).
   */
  async start(
    name: string,
    worker: WorkerOptions,
    extra: Partial<MiniflareOptions> = {},
    sink = false,
    inspect = false,
    others: WorkerOptions[] = [],
  ): Promise<Instance> {
    const inspectorPort = inspect ? await freePort() : undefined;
    const config = this.#config;
    const persist = this.persist;
    let latest: Totals | undefined;
    // Every Worker gets wrangler.toml's static assets as its ASSETS binding (the pages read the stylesheet
    // there), from an assets-only worker in the same process: the same processes for every contender.
    const server = config.assets && assetServer(config, `${name}-assets`);
    const assets = server && { serviceBindings: { ...worker.serviceBindings, [config.assets!.binding]: server.name } };
    const before = workerdPids();
    const options = {
      host: "127.0.0.1",
      port: 0,
      kvPersist: join(persist, "kv"),
      durableObjectsPersist: join(persist, "do"),
      cachePersist: join(persist, `cache-${name}`),
      handleRuntimeStdio(stdout: Readable, stderr: Readable) {
        let buffered = "";
        stdout.on("data", (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) if (line.startsWith("METRICS ")) latest = JSON.parse(line.slice(8)) as Totals;
        });
        stderr.pipe(process.stderr);
      },
      workers: [
        {
          name,
          modules: true,
          compatibilityDate: config.compatibilityDate,
          compatibilityFlags: config.compatibilityFlags,
          unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
          ...worker,
          ...assets,
        },
        ...(sink ? [{ name: "metrics-sink", modules: [{ type: "ESModule" as const, path: resolve("scripts/bench/workers/metrics-sink.js") }] }] : []),
        ...(server ? [server] : []),
        ...others,
      ],
      ...(inspectorPort && { inspectorPort }),
      ...extra,
    } as MiniflareOptions;
    const mf = new Miniflare(options);
    await mf.ready;
    const origin = (await mf.unsafeGetDirectURL(name)).origin;
    const pid = [...workerdPids()].find((p) => !before.has(p));
    if (!pid) throw new Error(`no workerd process found for ${name}`);
    const instance = { name, mf, origin, pid, inspectorPort, metrics: sink ? () => latest : undefined };
    this.instances.push(instance);
    return instance;
  }

  async stop(instance: Instance): Promise<void> {
    this.instances.splice(this.instances.indexOf(instance), 1);
    await instance.mf.dispose();
  }

  /** Stops every process and removes the storage. */
  async dispose(): Promise<void> {
    for (const i of [...this.instances]) await i.mf.dispose().catch(() => {});
    rmSync(this.persist, { recursive: true, force: true });
  }

  /** Runs a load script (scripts/lib/…) in its own Node process with `job` in a file; returns its JSON line. */
  async child<T>(script: string, job: unknown, seconds: number): Promise<T> {
    const jobFile = join(this.persist, `job-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(jobFile, JSON.stringify(job));
    const { stdout } = await run(process.execPath, [new URL(script, import.meta.url).pathname, `@${jobFile}`], {
      timeout: (seconds + 60) * 1000,
      maxBuffer: 64 << 20,
    });
    return JSON.parse(stdout) as T;
  }
}

// -------------------------------------------------------------------------------------------------
// HTTP from here (node:http, so a Host header can be set) and the load processes

interface Got {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export function get(origin: string, path: string, headers: Record<string, string>): Promise<Got> {
  return new Promise((resolve_, reject) => {
    const req = httpRequest(origin + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        resolve_({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
export const JSON_ = "application/json";
