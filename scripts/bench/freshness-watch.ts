/**
 * @module
 * What `npm run bench:freshness` asks each location: a Zipf read mix (an article by popularity rank,
 * then its HTML, its JSON or a listing or feed), and, for each change, a watcher that reads the
 * changed article's four views (its page, its JSON, the front page's JSON, the site's RSS feed) every
 * `WATCH_MS` and says when each first served the new state, and how often one served the old state
 * after the new had been served there.
 */

import { random } from "./generate.ts";

export type Kind = "publication" | "correction" | "takedown";
export const VIEWS = ["html", "json", "listing", "feed"] as const;
export type View = (typeof VIEWS)[number];
/** How often a watcher reads each view of the change it follows (ms). */
export const WATCH_MS = 500;

export interface Change {
  kind: Kind;
  id: string;
  path: string;
  /** A word the new state shows (a correction's), or the headline's word (publication, takedown). */
  mark: string;
  /** When the Newsroom answered the write (epoch ms). */
  at: number;
}

export interface Counters {
  requests: number;
}

async function read(origin: string, path: string, accept: string, counters: Counters): Promise<{ status: number; body: string }> {
  counters.requests++;
  const res = await fetch(origin + path, { headers: { Accept: accept } });
  return { status: res.status, body: await res.text() };
}

const request: Record<View, (c: Change) => [string, string]> = {
  html: (c) => [c.path, "text/html"],
  json: (c) => [c.path, "application/json"],
  listing: () => ["/", "application/json"],
  feed: () => ["/rss.xml", "*/*"],
};

/** "new", "old" or "other" (neither: a 404 while a correction is on its way, say). */
export function stateOf(change: Change, view: View, { status, body }: { status: number; body: string }): "new" | "old" | "other" {
  const listed = view === "listing" ? body.includes(`"id":"${change.id}"`) : body.includes(`/${change.id}/`);
  if (change.kind === "takedown") {
    if (view === "html" || view === "json") return status === 410 || status === 404 ? "new" : status === 200 ? "old" : "other";
    return status !== 200 ? "other" : listed ? "old" : "new";
  }
  if (status !== 200) return change.kind === "publication" && (view === "html" || view === "json") && status === 404 ? "old" : "other";
  if (change.kind === "publication") return view === "html" || view === "json" || listed ? "new" : "old";
  if (view !== "html" && view !== "json" && !listed) return "other";
  return body.includes(change.mark) ? "new" : "old";
}

export interface Watched {
  /** Seconds from the write until each view first served the new state (NaN: not within the deadline). */
  first: Record<View, number>;
  staleAfterNewer: number;
}

/** Follows `change` at one location until every view has served the new state and `settle` ms more have passed, or `deadline`. */
export async function watch(origin: string, change: Change, deadline: number, settle: number, counters: Counters): Promise<Watched> {
  const first = Object.fromEntries(VIEWS.map((v) => [v, NaN])) as Record<View, number>;
  let staleAfterNewer = 0;
  let done = Infinity;
  while (Date.now() < Math.min(deadline, done)) {
    const started = Date.now();
    await Promise.all(
      VIEWS.map(async (view) => {
        const [path, accept] = request[view](change);
        const state = stateOf(change, view, await read(origin, path, accept, counters).catch(() => ({ status: 0, body: "" })));
        if (state === "new" && Number.isNaN(first[view])) first[view] = (Date.now() - change.at) / 1000;
        if (state === "old" && !Number.isNaN(first[view])) staleAfterNewer++;
      }),
    );
    if (done === Infinity && VIEWS.every((v) => !Number.isNaN(first[v]))) done = Date.now() + settle;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, WATCH_MS - (Date.now() - started))));
  }
  return { first, staleAfterNewer };
}

/** Reads at `rate` per second until `stop()` says so: articles by Zipf rank (s = 1.1), 40 % HTML, 30 % JSON, 30 % a listing or feed. */
export async function mix(origin: string, paths: string[], rate: number, seed: number, stop: () => boolean, counters: Counters): Promise<void> {
  const rnd = random(seed);
  const weights = paths.map((_, r) => 1 / (r + 1) ** 1.1);
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = () => {
    let x = rnd() * total;
    for (let i = 0; i < paths.length; i++) if ((x -= weights[i]!) <= 0) return paths[i]!;
    return paths[0]!;
  };
  const listings: [string, string][] = [
    ["/", "text/html"],
    ["/", "application/json"],
    ["/News", "text/html"],
    ["/rss.xml", "*/*"],
  ];
  while (!stop()) {
    const started = Date.now();
    const draw = rnd();
    const [path, accept] = draw < 0.4 ? [pick(), "text/html"] : draw < 0.7 ? [pick(), "application/json"] : listings[Math.floor(rnd() * listings.length)]!;
    void read(origin, path, accept, counters).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / rate - (Date.now() - started))));
  }
}
