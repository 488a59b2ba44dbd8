// KV as another location sees it: a write becomes visible there only `lag` after it was made, as
// Workers KV propagates (up to 60 s and more). Two wrappers around the real binding, never a
// hand-written KV: `recordingKV` goes around the writer's (the Newsroom's) binding and keeps, per
// key, every value it put or deleted with the time (and the value before its first write, read
// from the real namespace); `laggingKV` goes around a reader's binding and answers a key that
// history knows with the newest value written by `visible()` (e.g. `Date.now() - 60_000`: what a
// location 60 s behind sees; a test may move the clock). Keys nobody wrote through the recorder are
// read from the real namespace.
import { runInDurableObject } from "cloudflare:test";
import type { Newsroom } from "../../src/newsroom/newsroom.ts";
import { newsroomStub } from "./helpers.ts";

type Version = { at: number; value: string | null };
export type History = Map<string, Version[]>;

const RECORDING = Symbol("recording writes");

export function recordingKV(real: KVNamespace, history: History): KVNamespace {
  const keep = async (key: string, write: () => Promise<void>, value: string | null) => {
    const before = history.has(key) ? undefined : await real.get(key, { type: "text" });
    await write();
    const versions = history.get(key) ?? [{ at: -Infinity, value: before ?? null }];
    versions.push({ at: Date.now(), value });
    history.set(key, versions);
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === RECORDING) return history;
      if (prop === "put")
        return (key: string, value: string, ...rest: unknown[]) =>
          keep(key, () => (target.put as (...a: unknown[]) => Promise<void>).call(target, key, value, ...rest), String(value));
      if (prop === "delete") return (key: string) => keep(key, () => target.delete(key), null);
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** What `key` held at `seen` (epoch ms), if history knows it. */
export function lagged(history: History, key: string, seen: number): { value: string | null } | undefined {
  const versions = history.get(key);
  if (!versions) return undefined;
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.at <= seen) return { value: versions[i]!.value };
  return undefined;
}

export function laggingKV(real: KVNamespace, history: History, visible: () => number): KVNamespace {
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "get")
        return async (key: string, options?: string | { type?: string }) => {
          const old = lagged(history, key, visible());
          if (!old) return (target.get as (...a: unknown[]) => Promise<unknown>).call(target, key, options);
          const type = typeof options === "string" ? options : (options?.type ?? "text");
          if (old.value === null) return null;
          return type === "json" ? JSON.parse(old.value) : old.value;
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Records every KV write of this file's Newsroom into `history` (around whatever wraps its binding already). */
export async function recordNewsroomWrites(history: History): Promise<void> {
  await runInDurableObject(newsroomStub(), (instance: Newsroom) => {
    if ((instance.kv as unknown as Record<symbol, unknown>)[RECORDING] !== history) instance.kv = recordingKV(instance.kv, history);
  });
}
