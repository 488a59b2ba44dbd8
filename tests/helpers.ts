// Shared by the tests: load the real content into this test file's KV (storage is isolated per
// file) through the same build and write path as `npm run content:local`, and send requests.
import { env, exports } from "cloudflare:workers";
import { loadContent } from "../src/content/build.ts";
import { writeEntries } from "../src/content/store.ts";

const sources = import.meta.glob<string>("../content/articles/*.md", { query: "?raw", import: "default", eager: true });

export const SEED_ID = "100001";
export const SEED_PATH = "/Detail/2020/02/27/100001/34-Turkish-troops-killed-in-Syrias-Idlib-as-govt-forces-continue-gains";
export const CANONICAL = "https://www.presstv.ir";

export async function loadSeedContent(): Promise<void> {
  const built = loadContent(Object.entries(sources).map(([name, source]) => ({ name, source })));
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  await writeEntries(env.NEWS, built.value);
}

/** A request to the Worker as Cloudflare would deliver it: `url` carries the Host. */
export function get(url: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(url, { headers, redirect: "manual", ...init }));
}

/**
 * Fault injection and read counting over the real KV binding (not a mock: every call that is not
 * a fault goes to the real namespace). `fail` makes reads throw; `hang` makes them never settle.
 */
export function instrumentedKV(real: KVNamespace = env.NEWS) {
  const state = { reads: 0, mode: "ok" as "ok" | "fail" | "hang" };
  const kv = new Proxy(real, {
    get(target, prop) {
      if (prop !== "get") return Reflect.get(target, prop).bind(target);
      return (...args: Parameters<KVNamespace["get"]>) => {
        state.reads++;
        if (state.mode === "fail") return Promise.reject(new Error("injected KV failure"));
        if (state.mode === "hang") return new Promise(() => {});
        return (target.get as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return { kv, state };
}
