// Shared by the tests: load the seed article into this test file's Newsroom and KV (storage is
// isolated per file) through the same build and write path as `npm run content:local`, and send requests.
// Only the seed: whatever else content/ holds is the publisher's, not the tests' (tests/support/seed.ts).
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { addressesOf, appsOf } from "../../src/reader/site/config.ts";
import { loadContent } from "../../tools/content/build.ts";
import { record } from "./contract.ts";
import { SEED_FILE, SEED_SOURCE } from "./seed.ts";

export const SEED_ID = "100001";
export const SEED_PATH = "/Detail/2020/02/27/100001/34-Turkish-troops-killed-in-Syrias-Idlib-as-govt-forces-continue-gains";
/** The site's canonical origin and name, as site.toml sets them (wrangler.toml `[vars]`). */
export const CANONICAL: string = env.CANONICAL_ORIGIN;
export const CANONICAL_HOST = new URL(CANONICAL).host;
export const SITE_NAME: string = env.SITE_NAME;
/** Hosts vitest.config.ts adds to the site's own that the Worker redirects to the canonical origin (it adds a mirror, mirror.test, too). */
export const REDIRECT = "https://redirect.test";
export const REDIRECT_WWW = "https://www.redirect.test";
/**
 * The seed's lines as this site shows them: the seed ends with Press TV's own chrome (its alternate
 * addresses, the share heading, its app), which any page of this service draws from site.toml; for
 * another site those lines name its name, addresses and apps instead. Press TV's site: unchanged.
 */
export function seedLinesOfThisSite(lines: string[]): string[] {
  const aside = lines.findIndex((l) => l.startsWith("Press TV’s website can also be accessed"));
  const share = lines.indexOf("SHARE THIS ARTICLE");
  if (aside < 0 || share < aside) return lines;
  const addresses = addressesOf(env.SITE_ADDRESSES);
  const apps = appsOf(env.SITE_APPS).map((app) => app.name);
  const chrome = addresses.length ? [lines[aside].replace("Press TV", env.SITE_NAME), ...addresses] : [];
  return [...lines.slice(0, aside), ...chrome, lines[share], ...apps];
}

/** `text` as a regular expression matching itself. */
export const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** A host name in alternating case (`WwW.ExAmPlE…`): host names match in any case. */
export const mixedCase = (host: string) => [...host].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())).join("");

/** The site's one Newsroom (the same object the Worker writes through). */
export function newsroomStub() {
  return env.NEWSROOM.get(env.NEWSROOM.idFromName("newsroom"));
}

/**
 * Stores articles through the Newsroom, which derives KV (the content loaders' path), and waits until
 * KV has all of it (a large load is written in batches by the alarm); throws on a schema error.
 */
export async function store(...articles: unknown[]): Promise<void> {
  const stub = newsroomStub();
  const result = await stub.loadContent(articles, "tests", null);
  if (result.errors.length) throw new Error(JSON.stringify(result.errors));
  if (result.conflicts.length) throw new Error(`conflicts: ${JSON.stringify(result.conflicts)}`);
  await stub.settled();
}

/** Removes an article through the Newsroom, and waits until KV has it. */
export async function unpublish(id: string): Promise<void> {
  const result = await newsroomStub().remove(id, "tests", { waitMs: 30_000 });
  if (result.status !== 204) throw new Error(`remove ${id}: ${result.status}`);
}

/** `Prefer: wait` (RFC 7240): a write answers once KV has it, so what a test reads next shows it. */
export const WAIT = { Prefer: "wait=30" };

export async function loadSeedContent(): Promise<void> {
  const built = loadContent([{ name: SEED_FILE, source: SEED_SOURCE }]);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  await store(...built.value);
}

/** A request to the Worker as Cloudflare would deliver it: `url` carries the Host. */
export async function get(url: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url, { headers, redirect: "manual", ...init });
  const response = await exports.default.fetch(request.clone());
  await record(request, response);
  return response;
}

/**
 * Fault injection and read counting over the real KV binding (not a mock: every call that is not
 * a fault goes to the real namespace). `fail` makes reads throw; `hang` makes them never settle.
 */
export function instrumentedKV(real: KVNamespace = env.NEWS) {
  /** `failing`: keys that fail alone, whatever the mode. */
  const state = { reads: 0, keys: [] as string[], mode: "ok" as "ok" | "fail" | "hang", failing: undefined as RegExp | undefined };
  const kv = new Proxy(real, {
    get(target, prop) {
      if (prop !== "get") return Reflect.get(target, prop).bind(target);
      return (...args: Parameters<KVNamespace["get"]>) => {
        state.reads++;
        state.keys.push(String(args[0]));
        if (state.mode === "fail" || state.failing?.test(String(args[0]))) return Promise.reject(new Error("injected KV failure"));
        if (state.mode === "hang") return new Promise(() => {});
        return (target.get as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return { kv, state };
}

/** A valid article for tests, published `daysAgo` days before 2020-02-27 (so the seed stays newest). */
export function sampleArticle(id: number, section: string[] = ["News", "World"], published = "2020-01-01") {
  return {
    id: String(id),
    section,
    headline: `Sample article ${id}`,
    published,
    body: [
      { type: "paragraph", text: `Paragraph of article ${id}.` },
      { type: "heading", text: "A subheading" },
      { type: "figure", caption: "A caption.", credit: "Photo by Test" },
    ],
  };
}

/** Every key and value in the namespace, to show that a failed request changed nothing. */
export async function snapshotKV(): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  let cursor: string | undefined;
  do {
    const page = await env.NEWS.list({ cursor });
    for (const k of page.keys) out[k.name] = await env.NEWS.get(k.name);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

export const TOKEN = "test-publish-token";

/** Every row of every table of the Newsroom's SQLite, to show that a refused write changed nothing there either. */
export async function snapshotNewsroom(): Promise<Record<string, unknown[]>> {
  return runInDurableObject(newsroomStub(), (_instance, state) => {
    const out: Record<string, unknown[]> = {};
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'")
      .toArray();
    for (const { name } of tables) out[name] = state.storage.sql.exec(`SELECT * FROM "${name}" ORDER BY 1`).toArray();
    return out;
  });
}

/** KV and the Newsroom together. */
export async function snapshotAll(): Promise<unknown> {
  // Earlier writes' background drains first: what is compared is then the state they left.
  await newsroomStub().settled();
  return { kv: await snapshotKV(), newsroom: await snapshotNewsroom() };
}
