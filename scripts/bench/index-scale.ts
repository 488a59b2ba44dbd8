/**
 * @module
 * Shows that a listing's cost does not grow with the number of articles: for 1,000, 10,000 and
 * 100,000 generated articles, builds the index with `indexEntries` (as the content build does),
 * writes it to a Miniflare KV namespace, and counts the KV reads and bytes read of the first,
 * a middle and the last page of 20, for the site and for one section. (What a publish costs is
 * measured through the Newsroom by scripts/bench/bench-publish.ts.) Stops by itself after at most four minutes.
 *
 *   node_modules/.bin/node scripts/bench/index-scale.ts [sizes…]     (default: 1000 10000 100000)
 */

import { Miniflare } from "miniflare";
import { LAYOUT } from "../../src/shared/model/index-tree.ts";
import { readListing } from "../../src/reader/read/listing.ts";
import { indexEntries } from "../../src/newsroom/read-model/tree.ts";
import type { IndexEntry } from "../../src/shared/model/documents.ts";

const LIMIT_MS = 240_000;
const PAGE = 20;
const SECTIONS = [
  ["News", "Syria", "Turkey"],
  ["News", "Syria"],
  ["News", "Middle East"],
  ["News", "World"],
  ["News", "Iran"],
  ["Economy"],
  ["Sport", "Football"],
  ["Culture"],
];

const watchdog = setTimeout(() => {
  console.error(`index-scale: not done after ${LIMIT_MS / 1000} s; stopping`);
  process.exit(2);
}, LIMIT_MS);
watchdog.unref();

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Articles as a news site makes them: ~10 years, several a day, realistic headline and path lengths. */
function generate(n: number): IndexEntry[] {
  const rnd = random(n);
  const words = "Iran Syria talks sanctions minister says forces attack oil prices market rally league wins final election protest deal report warns".split(
    " ",
  );
  return Array.from({ length: n }, (_, i) => {
    const id = String(100_001 + i);
    const at = new Date(Date.UTC(2016, 0, 1) + Math.floor(rnd() * 10 * 365 * 86_400_000));
    const published = at.toISOString().slice(0, 19) + "Z";
    const headline = Array.from({ length: 8 + Math.floor(rnd() * 6) }, () => words[Math.floor(rnd() * words.length)]).join(" ");
    const slug = headline.replaceAll(" ", "-");
    const [y, m, d] = published.slice(0, 10).split("-");
    return {
      id,
      path: `/Detail/${y}/${m}/${d}/${id}/${slug}`,
      headline,
      section: SECTIONS[Math.floor(rnd() * SECTIONS.length)],
      published,
      modified: published,
    };
  });
}

/** The real namespace, counting what goes through it. */
function counted(real: KVNamespace) {
  const c = { reads: 0, readBytes: 0, writes: 0, writeBytes: 0 };
  const size = (v: unknown) => (typeof v === "string" ? Buffer.byteLength(v) : 0);
  const kv = {
    get: async (key: string, options?: KVNamespaceGetOptions<"text">) => {
      c.reads++;
      const value = await real.get(key, options);
      c.readBytes += size(value);
      return value;
    },
    put: (key: string, value: string, options?: KVNamespacePutOptions) => {
      c.writes++;
      c.writeBytes += size(value);
      return real.put(key, value, options);
    },
    delete: (key: string) => {
      c.writes++;
      return real.delete(key);
    },
  } as unknown as KVNamespace;
  const reset = () => Object.assign(c, { reads: 0, readBytes: 0, writes: 0, writeBytes: 0 });
  return { kv, c, reset };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (s: string | number, n: number) => String(s).padStart(n);

interface Row {
  size: number;
  what: string;
  reads: number;
  bytes: number;
  writes?: number;
  written?: number;
  ms: number;
}

async function measure(size: number): Promise<{ rows: Row[]; build: string }> {
  const entries = generate(size);
  let t = performance.now();
  const built = indexEntries(entries);
  const buildMs = performance.now() - t;
  const builtBytes = built.reduce((n, e) => n + Buffer.byteLength(e.value), 0);
  const single = Buffer.byteLength(JSON.stringify(entries));
  const build = `${pad(size, 7)}: indexEntries ${buildMs.toFixed(0)} ms → ${built.length} keys, ${(builtBytes / 2 ** 20).toFixed(1)} MiB (one v1:index value would be ${(single / 2 ** 20).toFixed(1)} MiB; KV's limit is 25 MiB)`;

  const mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response('') } }",
    kvNamespaces: ["NEWS"],
    compatibilityDate: "2026-04-01",
  });
  try {
    const real = (await mf.getKVNamespace("NEWS")) as unknown as KVNamespace;
    for (let i = 0; i < built.length; i += 64) await Promise.all(built.slice(i, i + 64).map((e) => real.put(e.key, e.value)));
    const { kv, c, reset } = counted(real);
    const rows: Row[] = [];
    const row = async (what: string, op: () => Promise<unknown>) => {
      reset();
      t = performance.now();
      await op();
      rows.push({ size, what, reads: c.reads, bytes: c.readBytes, writes: c.writes, written: c.writeBytes, ms: performance.now() - t });
    };
    for (const scope of ["all", "News/Syria"]) {
      const { total } = await readListing(real, scope, 0, 0);
      for (const [name, offset] of [
        ["first", 0],
        ["third", 2 * PAGE],
        ["middle", Math.floor(total / 2)],
        ["last", total - PAGE],
      ] as const) {
        await row(`list ${scope} ${name} page`, async () => {
          const { entries: page } = await readListing(kv, scope, offset, PAGE);
          if (page.length !== PAGE) throw new Error(`${scope} at ${offset}: ${page.length} entries`);
        });
      }
    }
    return { rows, build };
  } finally {
    await mf.dispose();
  }
}

const sizes = process.argv.slice(2).map(Number);
const results: Row[] = [];
const builds: string[] = [];
for (const size of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
  const { rows, build } = await measure(size);
  results.push(...rows);
  builds.push(build);
}

console.log(`layout: leaf ${LAYOUT.leaf}, fanout ${LAYOUT.fanout}, head ${LAYOUT.head}; pages of ${PAGE}\n`);
for (const b of builds) console.log(b);
console.log(
  `\n${"articles".padStart(8)}  ${"operation".padEnd(32)} ${"KV reads".padStart(8)} ${"read".padStart(9)} ${"KV writes".padStart(9)} ${"written".padStart(9)} ${"ms".padStart(7)}`,
);
for (const r of results)
  console.log(
    `${pad(r.size, 8)}  ${r.what.padEnd(32)} ${pad(r.reads, 8)} ${pad(kb(r.bytes), 9)} ${pad(r.writes ?? 0, 9)} ${pad(kb(r.written ?? 0), 9)} ${pad(r.ms.toFixed(1), 7)}`,
  );
