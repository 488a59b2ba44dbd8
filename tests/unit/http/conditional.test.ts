// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { httpDate, noneMatchHits, notModified } from "../../../src/reader/http/conditional.ts";

const ETAG = '"html-abc"';
const MODIFIED = Date.UTC(2020, 1, 27);

describe("If-None-Match (RFC 9110 §13.1.2)", () => {
  it.each([
    ['"html-abc"', true],
    ['W/"html-abc"', true],
    ['"x", "html-abc"', true],
    ["*", true],
    ['"json-abc"', false],
    ['"html-ab"', false],
    ["html-abc", false],
    ["", false],
  ])("%j matches: %s", (header, hit) => {
    expect(noneMatchHits(header, ETAG)).toBe(hit);
  });
});

describe("notModified", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("uses If-Modified-Since only without If-None-Match", () => {
    expect(notModified(h({ "if-modified-since": new Date(MODIFIED).toUTCString() }), ETAG, MODIFIED)).toBe(true);
    expect(notModified(h({ "if-modified-since": new Date(MODIFIED - 1000).toUTCString() }), ETAG, MODIFIED)).toBe(false);
    expect(notModified(h({ "if-none-match": '"other"', "if-modified-since": new Date(MODIFIED).toUTCString() }), ETAG, MODIFIED)).toBe(false);
  });
  it("ignores an If-Modified-Since that is not a date", () => {
    expect(notModified(h({ "if-modified-since": "yesterday-ish" }), ETAG, MODIFIED)).toBe(false);
  });
  it("is false without validators", () => {
    expect(notModified(h({}), ETAG, MODIFIED)).toBe(false);
  });
});

describe("httpDate (RFC 9110 §5.6.7)", () => {
  it.each([
    ["Sun, 06 Nov 1994 08:49:37 GMT", Date.UTC(1994, 10, 6, 8, 49, 37)],
    ["Sunday, 06-Nov-94 08:49:37 GMT", Date.UTC(1994, 10, 6, 8, 49, 37)],
    ["Sun Nov  6 08:49:37 1994", Date.UTC(1994, 10, 6, 8, 49, 37)],
  ])("reads %j", (value, ms) => {
    expect(httpDate(value)).toBe(ms);
  });
  it.each(["2030", "2030-01-01", "Sun, 06 Nov 1994 08:49:37 +0000", "yesterday", ""])("refuses %j", (value) => {
    expect(httpDate(value)).toBeNaN();
  });
});

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {
  describe("http/conditional", () => {
    it("compares entity tags weakly, W/ only as a prefix", () => {
      expect(noneMatchHits('"a"', 'W/"a"')).toBe(true);
      expect(noneMatchHits('W/"a"', '"a"')).toBe(true);
      expect(noneMatchHits('"xW/y"', '"xy"')).toBe(false);
      expect(noneMatchHits('"xy"', '"xW/y"')).toBe(false);
    });
  });
});
