/**
 * @module
 * What a publish costs, measured over HTTP against a running service: new articles and corrections
 * PUT one at a time (each answered at the Newsroom's commit), and a burst of PUTs at once, timed
 * until every article is on every listing, feed, sitemap, search and the change feed. Used by
 * `npm run bench:publish` and `npm run bench:scale`.
 */

import type { Article } from "../../src/shared/model/schema.ts";
import { generateArticles } from "./generate.ts";

export interface PublishRow {
  articles: number;
  operation: string;
  p50: number;
  p99: number;
  /** KV keys each change writes (the `Newsroom-Read-Model: pending=` of the answer at the commit). */
  kvKeys: number;
  /** Median of the Newsroom's own part (`Server-Timing: commit`). */
  commitMs: number;
  /** The slowest write as the client saw it, and the Worker's own part of it (`Server-Timing: newsroom`, handler start to answer). */
  slowest: { ms: number; workerMs: number };
}

export interface BurstRow {
  articles: number;
  puts: number;
  /** Every answer's latency, from when the burst was sent. */
  answerP50: number;
  answerMax: number;
  /** From the last answer until every article was on every listing, feed, sitemap, search and the change feed. */
  visibleAfterLastAnswer: number;
}

/** The nearest-rank percentile: the smallest value at least `p` % of the values do not exceed (p99 of 100: the 99th). */
function pct(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * A PUT, sent again when it meets a kept-alive socket the server has just closed ("other side
 * closed": it ended two runs at 10,000 articles). Sending the same article again is safe: the same
 * article as stored makes no new version. `started`: when the attempt that answered began.
 */
async function put(url: URL, token: string, id: string, body: unknown): Promise<{ res: Response; started: number }> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const res = await fetch(new URL(`/api/v1/articles/${id}`, url), {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return { res, started };
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * PUTs `count` new articles (dated just now, so each is the newest in its scopes) and `count`
 * corrections of `loaded`, each when the last has answered: latency as an editor's client sees it.
 */
export async function measurePublishes(url: URL, token: string, loaded: Article[], count = 100): Promise<PublishRow[]> {
  const rows: PublishRow[] = [];
  const size = loaded.length;
  const extra = generateArticles(count, 99, 900_000_000);
  for (const [operation, inputs] of [
    ["publish a new article", extra.map((a, i) => ({ ...a, published: stamp(Date.now() - 3_600_000 + i * 1000), modified: undefined }))],
    [
      "correct an article",
      loaded
        .filter((_, i) => i % Math.max(1, Math.floor(size / count)) === 0)
        .slice(0, count)
        .map((a) => ({ ...a, headline: `${a.headline} (corrected)`, modified: undefined })),
    ],
  ] as const) {
    const times: number[] = [];
    const commits: number[] = [];
    let slowest = { ms: 0, workerMs: 0 };
    let keys = 0;
    for (const input of inputs) {
      const { res, started } = await put(url, token, input.id, input);
      await res.arrayBuffer();
      const ms = performance.now() - started;
      times.push(ms);
      if (ms > slowest.ms) slowest = { ms, workerMs: Number(/newsroom;dur=(\d+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN) };
      if (res.status !== 200 && res.status !== 201) throw new Error(`PUT ${input.id}: ${res.status}`);
      keys += Number(/pending=(\d+)/.exec(res.headers.get("newsroom-read-model") ?? "")?.[1] ?? NaN);
      commits.push(Number(/commit;dur=(\d+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN));
    }
    times.sort((a, b) => a - b);
    rows.push({
      articles: size,
      operation,
      p50: pct(times, 50),
      p99: pct(times, 99),
      kvKeys: keys / inputs.length,
      commitMs: pct(
        [...commits].sort((a, b) => a - b),
        50,
      ),
      slowest,
    });
  }
  return rows;
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

/** Which of `ids` some reader-facing resource still lacks (the burst's section, the feeds, the first sitemap, search, the change feed). */
async function lacking(url: URL, section: string, word: string, ids: Set<string>, since: string): Promise<number> {
  // A kept-alive socket the server has just closed fails once ("other side closed"): asked again on a new one.
  const get = async (path: string): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(new URL(path, url), { headers: { Accept: "application/json" } });
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  };
  const listed = await json<{ articles: { id: string }[] }>(await get(`/api/v1/articles?section=${section}&per_page=100`));
  const rss = await (await get(`/${section}/rss.xml`)).text();
  const sitemap = await (await get("/sitemaps/1.xml")).text();
  const found = new Set<string>();
  for (let page = 1; page <= 2; page++)
    for (const r of (await json<{ results: { id: string }[] }>(await get(`/api/v1/search?q=${word}&per_page=50&page=${page}`))).results) found.add(r.id);
  const changed = new Set<string>();
  for (let cursor = since, more = true; more;) {
    const page = await json<{ changes: { id: string }[]; next: string; more: boolean }>(await get(`/api/v1/changes?since=${cursor}`));
    for (const c of page.changes) changed.add(c.id);
    [cursor, more] = [page.next, page.more];
  }
  const inList = new Set(listed.articles.map((a) => a.id));
  // The feed carries the newest 50: the burst's last 50 by date.
  const newest = [...ids].sort().slice(-50);
  let missing = 0;
  for (const id of ids)
    if (!inList.has(id) || !sitemap.includes(`/${id}/`) || !found.has(id) || !changed.has(id) || (newest.includes(id) && !rss.includes(`article:${id}<`)))
      missing++;
  return missing;
}

/**
 * `puts` new articles PUT at once into a section of their own (each answered at its commit), then
 * reading until every one is everywhere readers look, as often as the reads allow.
 */
export async function measureBurst(url: URL, token: string, size: number, puts = 100): Promise<BurstRow> {
  const run = Date.now().toString(36);
  const section = `Burst${run}`;
  const word = `burstword${run}`;
  // The newest change number now (`?latest`), so the change feed is read from here on. (`since=0` is
  // answered 410 once the feed has dropped its oldest changes, as after a 10,000-article load.)
  const cursor = (await json<{ next: string }>(await fetch(new URL("/api/v1/changes?latest", url)))).next;
  const ids = Array.from({ length: puts }, (_, i) => String(950_000_000 + Number.parseInt(run.slice(-4), 36) * 1000 + i));
  const t0 = performance.now();
  const answers = await Promise.all(
    ids.map(async (id, i) => {
      const { res } = await put(url, token, id, {
        section: [section],
        headline: `Burst ${run} ${i}`,
        published: stamp(Date.now() - 60_000 + i * 100),
        body: [{ type: "paragraph", text: `A ${word} story.` }],
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`PUT ${id}: ${res.status}`);
      return performance.now() - t0;
    }),
  );
  const last = Math.max(...answers);
  const want = new Set(ids);
  while ((await lacking(url, section, word, want, cursor)) > 0) {
    if (performance.now() - t0 > 120_000) throw new Error("the burst was not visible everywhere after 2 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  const visible = performance.now() - t0 - last;
  answers.sort((a, b) => a - b);
  return { articles: size, puts, answerP50: pct(answers, 50), answerMax: last, visibleAfterLastAnswer: visible };
}

/** Generated articles in date order, as an archive import would load them (and as fast as the index allows). */
export function archive(n: number, seed = 7): Article[] {
  return generateArticles(n, seed).sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
}
