/**
 * @module
 * Starting a burst of subrequests a group at a time, a timer tick apart, every one left in flight.
 * A drain pass writes up to hundreds of KV keys (src/newsroom/read-model/outbox.ts); started in one go, they are
 * all issued before anything else runs, and in a local workerd, where KV and the Cache API are
 * simulated on the same thread, every request that arrives meanwhile waits for the whole burst
 * (0.1–4 s seen, docs/benchmarks.md). The tick between groups gives the event loop a turn for those
 * requests. Nothing waits for a group to finish, so
 * where a subrequest is I/O (Cloudflare) the burst takes a few ticks longer and no more.
 */

/** Subrequests started at once. */
export const GROUP = 8;
/** Between two groups. */
export const TICK_MS = 1;

/** `start` for each item, `GROUP` at a time a tick apart; every outcome, in order (none rejects unheard). */
export async function staggered<T, R>(items: readonly T[], start: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const started: Promise<R>[] = [];
  for (let i = 0; i < items.length; i += GROUP) {
    if (i) await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    for (const item of items.slice(i, i + GROUP)) {
      const p = start(item);
      p.catch(() => {});
      started.push(p);
    }
  }
  return Promise.allSettled(started);
}
