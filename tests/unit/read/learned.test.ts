// What a reader isolate has learned from the change channel (src/reader/read/learned.ts), including a
// Newsroom whose channel numbers start over (a restore into a fresh object, or a wiped one).
import { describe, expect, it } from "vitest";
import { Learned } from "../../../src/reader/read/learned.ts";
import type { ChannelAnswer } from "../../../src/shared/freshness/channel-format.ts";
import { CHANNEL_TRUST_MS, CHANNEL_WINDOW_MS } from "../../../src/shared/freshness/policy.ts";

const NOW = 1_000_000_000;
const KEY = "v1:sections";
const answer = (entries: [number, string | null][], cursor = Math.max(0, ...entries.map(([n]) => n))): ChannelAnswer => ({
  cursor,
  at: NOW,
  entries: entries.map(([n, value]) => ({ n, key: KEY, value, at: NOW })),
});

describe("a reader isolate's learned values", () => {
  it("stand in for KV and outdate copies built before them; an entry seen before is not applied again", () => {
    const learned = new Learned();
    expect(learned.apply(answer([[5, "first"]]), NOW)).toEqual([KEY]);
    expect(learned.value(KEY, NOW)).toBe("first");
    expect(learned.outdated([KEY], 4, NOW)).toBe(true);
    expect(learned.outdated([KEY], 5, NOW)).toBe(false);
    expect(learned.apply(answer([[5, "first"]]), NOW)).toEqual([]);
  });

  it("follow a Newsroom whose channel starts over from below: its entries apply, the old values go, older copies are outdated", () => {
    const learned = new Learned();
    learned.apply(answer([[40, "old newsroom"]]), NOW);
    const seen = learned.cursor;
    // The new object's first entries are numbered from 1: ignoring them (as n <= cursor) would serve "old newsroom" for the whole window.
    expect(learned.apply(answer([[2, "restored"]]), NOW)).toEqual([KEY]);
    expect(learned.value(KEY, NOW)).toBe("restored");
    expect(learned.outdated([KEY], seen, NOW)).toBe(true);
    expect(learned.cursor).toBeGreaterThan(seen);
    // An answer without entries but a smaller cursor forgets the old Newsroom's values: KV is read again.
    const other = new Learned();
    other.apply(answer([[40, "old newsroom"]]), NOW);
    other.apply(answer([], 0), NOW);
    expect(other.value(KEY, NOW)).toBeUndefined();
  });

  it("are recent for CHANNEL_TRUST_MS after the Newsroom gave the newest answer applied; then behind, while a value still stands in for KV", () => {
    expect(CHANNEL_TRUST_MS).toBe(2_000); // docs/caching.md
    const given = (at: number, entries: [number, string | null][] = [[5, "first"]]) => ({ ...answer(entries, 5), at });
    const learned = new Learned();
    expect(learned.behind(NOW)).toBe(true); // nothing learned yet
    learned.apply(given(NOW - 500), NOW);
    expect(learned.behind(NOW)).toBe(false);
    expect(learned.holds()).toBe(true);
    // An older answer (the location's latest, read from the Cache API) does not move it back.
    learned.apply(given(NOW - 60_000), NOW);
    expect(learned.behind(NOW - 500 + CHANNEL_TRUST_MS)).toBe(false);
    expect(learned.behind(NOW - 500 + CHANNEL_TRUST_MS + 1)).toBe(true);
    learned.apply(given(NOW, []), NOW + CHANNEL_WINDOW_MS); // the next answer past the window drops the value
    expect(learned.holds()).toBe(false);
    // A clock that went back (a test's fake time) is behind, and does not leave it ahead for good: the next answer sets it back.
    expect(learned.behind(NOW - 60_000)).toBe(true);
    learned.apply(given(NOW - 60_000, []), NOW - 60_000);
    expect(learned.behind(NOW - 60_000 + CHANNEL_TRUST_MS + 1)).toBe(true);
  });
});
