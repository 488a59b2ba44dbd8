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
