/**
 * @module
 * `npm run publish-race -- --url http://127.0.0.1:8787` (with `npm run dev` running and
 * PUBLISH_TOKEN in .dev.vars or the environment): what a newsroom does to the write path, over HTTP.
 * 100 PUTs at once into one fresh section, 100 into 10 sibling sections; then 4 racing corrections
 * of one article followed by a DELETE. Each write asks `Prefer: wait` (answered once KV has it, so
 * the read that follows is a fair test). Reads every listing page back and reports `lost` (published
 * but not listed) and `stale` (listed but gone, or listed in a section it left); exits 1 unless
 * both are 0. Removes what it published and checks that its sections are gone from the menu.
 * Loopback only; stops by itself.
 */

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { url: { type: "string", default: "http://127.0.0.1:8787" }, count: { type: "string", default: "100" } } });
const origin = new URL(values.url!);
if (!["127.0.0.1", "localhost", "[::1]"].includes(origin.hostname)) {
  console.error("publish-race targets a local server only (127.0.0.1, localhost or [::1])");
  process.exit(2);
}
const token = process.env.PUBLISH_TOKEN ?? /^PUBLISH_TOKEN=(.*)$/m.exec(readFileSyncSafe(".dev.vars"))?.[1]?.trim();
if (!token) {
  console.error("PUBLISH_TOKEN must be in the environment or in .dev.vars");
  process.exit(2);
}
const count = Number(values.count);
const run = Date.now().toString(36);
const base = 800_000_000 + Math.floor(Math.random() * 90_000_000);

function readFileSyncSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Prefer: "wait=60" };
const times: number[] = [];

async function put(id: number, section: string[], published: string, headline = `Race ${run} ${id}`): Promise<number> {
  const body = { section, headline, published, body: [{ type: "paragraph", text: `Published by publish-race ${run}.` }] };
  const t = performance.now();
  const res = await fetch(new URL(`/api/v1/articles/${id}`, origin), {
    method: "PUT",
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(90_000),
  });
  times.push(performance.now() - t);
  await res.arrayBuffer();
  return res.status;
}

const removeTimes: number[] = [];
async function remove(id: number): Promise<number> {
  const t = performance.now();
  const res = await fetch(new URL(`/api/v1/articles/${id}`, origin), { method: "DELETE", headers, signal: AbortSignal.timeout(120_000) });
  await res.arrayBuffer();
  removeTimes.push(performance.now() - t);
  return res.status;
}

/**
 * Every id in a section's listing, every page. `perPage` picks pages nobody has asked for yet, so
 * they are read from KV: a page already read may be served from cache within the README's
 * freshness bound, and that bound is not what this script measures.
 */
async function listed(section: string, perPage = 100): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; page <= 100; page++) {
    const res = await fetch(new URL(`/api/v1/articles?section=${section}&per_page=${perPage}&page=${page}`, origin), {
      headers: { Accept: "application/json" },
    });
    const body = (await res.json()) as { articles: { id: string }[]; pages: number };
    for (const a of body.articles) ids.add(a.id);
    if (page >= body.pages) break;
  }
  return ids;
}

const at = (i: number) => new Date(Date.UTC(2020, 5, 1) + i * 60_000).toISOString().replace(".000Z", "Z");
let lost = 0;
let stale = 0;
const published: number[] = [];

for (const [name, sectionOf] of [
  ["one section", (_: number) => ["Race", `One${run}`]],
  ["10 sibling sections", (i: number) => ["Race", `Sib${run}x${i % 10}`]],
] as const) {
  const ids = Array.from({ length: count }, (_, i) => base + published.length + i);
  const statuses = await Promise.all(ids.map((id, i) => put(id, sectionOf(i), at(i))));
  published.push(...ids);
  const refused = statuses.filter((s) => s !== 201).length;
  const bySection = new Map<string, number[]>();
  ids.forEach((id, i) => bySection.set(sectionOf(i).join("/"), [...(bySection.get(sectionOf(i).join("/")) ?? []), id]));
  let missing = 0;
  for (const [section, members] of bySection) {
    const seen = await listed(section);
    missing += members.filter((id) => !seen.has(String(id))).length;
  }
  lost += missing + refused;
  console.log(`${count} PUTs at once into ${name}: ${statuses.filter((s) => s === 201).length} × 201, lost ${missing}`);
}

// Racing corrections of one article across sections, then a DELETE: no listing may keep it.
const racer = base + published.length;
await put(racer, ["Race", `Start${run}`], at(0));
const moves = ["A", "B", "C", "D"].map((m) => ["Race", `${m}${run}`]);
await Promise.all(moves.map((section, i) => put(racer, section, at(i + 1))));
const holding = (await Promise.all(moves.map(async (s) => ((await listed(s.join("/"))).has(String(racer)) ? 1 : 0)))).reduce<number>((a, b) => a + b, 0);
if (holding !== 1) stale += Math.abs(holding - 1);
await remove(racer);
for (const s of [["Race", `Start${run}`], ...moves]) if ((await listed(s.join("/"), 99)).has(String(racer))) stale++;
console.log(`4 racing corrections, then DELETE: listed in ${holding} section(s) before the DELETE (want 1), stale after: ${stale}`);

const cleanup = await Promise.all(published.map(remove));
const left = cleanup.filter((s) => s !== 204).length;
// Nothing of the run is left: no article, and no section of its own in the menu.
const menu = (await (await fetch(new URL("/api/v1/sections", origin))).json()) as { sections: { name: string; sections?: { name: string }[] }[] };
const leftSections = menu.sections
  .flatMap((s) => [s, ...(s.sections ?? [])])
  .filter((s) => s.name.includes(run))
  .map((s) => s.name);
console.log(
  `clean-up: ${published.length - left} of ${published.length} removed; sections of this run left in the menu: ${leftSections.length ? leftSections.join(", ") : "none"}`,
);
stale += left + leftSections.length;
const sorted = [...times].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
console.log(`PUT latency under this burst: p50 ${pct(50)} ms, p99 ${pct(99)} ms (${times.length} PUTs)`);
const removed = [...removeTimes].sort((a, b) => a - b);
console.log(`DELETE latency, ${removed.length} at once: p50 ${removed[Math.floor(removed.length / 2)].toFixed(1)} ms, max ${removed.at(-1)!.toFixed(1)} ms`);
console.log(`lost = ${lost}, stale = ${stale}`);
process.exit(lost === 0 && stale === 0 ? 0 : 1);
