// The write log's check (README, "Caching and freshness"): past its TTL a copy is renewed without a
// KV read only while none of the keys it was built from has been written since 150 s before it was
// built (KV's 60 s propagation and 60 s read cache, 10 s a memo may hold a value, 10 s for the copy of
// the log a memo was renewed by, 10 s for clocks),
// nothing it rests on is being written, the log covers that time, and for at most 5 minutes.
// The numbers are the README's, written out here.
import { describe, expect, it } from "vitest";
import { unchanged } from "../../../src/reader/cache/renewal.ts";
import { type WriteLog } from "../../../src/shared/model/documents.ts";

const BUILT = Date.parse("2026-11-26T12:00:00Z");
const S = 1000;
const log = (keys: WriteLog["keys"], since = BUILT - 3600 * S): WriteLog => ({ since, keys });
const KEYS = ["v1:article:42", "v1:index:all:meta"];

describe("whether a copy is what KV would give now", () => {
  it("is, when none of its keys was written and the log reaches back far enough", () => {
    expect(unchanged(log({ "v1:article:7": BUILT + 60 * S }), KEYS, BUILT, BUILT + 60 * S)).toBe(true);
  });

  it("is not, when one of its keys was written less than 150 s before it was built, or after", () => {
    expect(unchanged(log({ "v1:article:42": BUILT - 149 * S }), KEYS, BUILT, BUILT + 60 * S)).toBe(false);
    expect(unchanged(log({ "v1:index:all:meta": BUILT + 30 * S }), KEYS, BUILT, BUILT + 60 * S)).toBe(false);
    expect(unchanged(log({ "v1:article:42": BUILT - 151 * S }), KEYS, BUILT, BUILT + 60 * S)).toBe(true);
  });

  it("is not, while a write of one of its keys is in progress", () => {
    expect(unchanged(log({ "v1:article:42": null }), KEYS, BUILT, BUILT + 60 * S)).toBe(false);
  });

  it("is not, when the log does not reach back to 150 s before it was built", () => {
    expect(unchanged(log({}, BUILT - 149 * S), KEYS, BUILT, BUILT + 60 * S)).toBe(false);
    expect(unchanged(log({}, BUILT - 150 * S), KEYS, BUILT, BUILT + 60 * S)).toBe(true);
  });

  it("is renewed for 5 minutes after it was built and not a millisecond longer", () => {
    expect(unchanged(log({}), KEYS, BUILT, BUILT + 300 * S)).toBe(true);
    expect(unchanged(log({}), KEYS, BUILT, BUILT + 300 * S + 1)).toBe(false);
  });

  it("with no keys at all (built from the deploy alone), only the 5 minutes and the log's reach count", () => {
    expect(unchanged(log({ "v1:article:42": BUILT }), [], BUILT, BUILT + 10 * S)).toBe(true);
  });
});
