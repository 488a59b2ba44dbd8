// `Prefer: wait` (RFC 7240 §4.3), as a write reads it: the seconds to wait for KV, at most 60.
import { describe, expect, it } from "vitest";
import { MAX_WAIT_SECONDS, preferredWait } from "../../../src/reader/http/prefer.ts";

describe("Prefer: wait", () => {
  it.each([
    ["wait=10", 10],
    ["wait=0", 0],
    ["WAIT=5", 5],
    ["wait = 7", 7],
    ['wait="12"', 12],
    ["respond-async, wait=3", 3],
    ["wait=4; x=1", 4],
    ["return=minimal,wait=9", 9],
    ["wait=61", 60],
    ["wait=999999999", 60],
  ] as const)("%j → %d seconds", (header, seconds) => {
    expect(preferredWait(header)).toBe(seconds);
  });

  it.each([null, undefined, "", "respond-async", "wait", "wait=", "wait=-1", "wait=1.5", "wait=abc", "waits=3", "nowait=3", "wait=1234567890"])(
    "%j → no wait",
    (header) => {
      expect(preferredWait(header)).toBeUndefined();
    },
  );

  it("waits at most a minute", () => {
    expect(MAX_WAIT_SECONDS).toBe(60);
  });
});
