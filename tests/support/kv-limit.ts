// KV as Cloudflare enforces it for writes, around the real binding: a second write (put or delete)
// to one key within a second is refused, as Cloudflare refuses it with 429 Too Many Requests
// (Miniflare does not). Every other call, and every write it lets through, goes to the real namespace.
// Installed in the Newsroom of every test file (tests/support/contract-setup.ts), so the whole suite writes
// KV under the limit production has.
import { runInDurableObject } from "cloudflare:test";
import type { Newsroom } from "../../src/newsroom/newsroom.ts";
import { newsroomStub } from "./helpers.ts";

/** One write per key per this many ms. */
export const KV_KEY_WRITE_MS = 1_000;
const LIMITED = Symbol("one write per key per second");

export interface LimitState {
  /** Writes refused for coming within a second of the key's last one. */
  refused: string[];
  writes: number;
}

export function limitedKV(real: KVNamespace, state: LimitState = { refused: [], writes: 0 }): KVNamespace {
  if ((real as unknown as Record<symbol, unknown>)[LIMITED]) return real;
  const last = new Map<string, number>();
  const guard = (key: string): void => {
    // The interval by the monotonic clock, which tests that fake `Date` leave alone.
    const now = performance.now();
    const before = last.get(key);
    if (before !== undefined && now - before < KV_KEY_WRITE_MS) {
      state.refused.push(key);
      throw new Error(`KV PUT failed: 429 Too Many Requests (${key} was written ${Math.round(now - before)} ms ago)`);
    }
    last.set(key, now);
    state.writes++;
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === LIMITED) return state;
      if (prop === "put" || prop === "delete")
        return async (key: string, ...rest: unknown[]) => {
          guard(key);
          return (target[prop] as (...a: unknown[]) => Promise<void>).call(target, key, ...rest);
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** What the limit of this file's Newsroom has refused so far. */
export function limitState(kv: KVNamespace): LimitState | undefined {
  return (kv as unknown as Record<symbol, LimitState | undefined>)[LIMITED];
}

/** Puts the limit around the KV binding of this file's Newsroom (again, should the object have been made anew). */
export async function limitNewsroomKV(): Promise<void> {
  await runInDurableObject(newsroomStub(), (instance: Newsroom) => {
    instance.kv = limitedKV(instance.kv);
  });
}
