// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { negotiate, negotiateCached, type Offer, parseAccept } from "../../../src/reader/http/accept.ts";
import { OFFERS } from "../../../src/reader/views/represent.ts";

const kind = (accept: string | null) => negotiate(accept, OFFERS)?.kind ?? null;

describe("negotiate (RFC 9110 §12.5.1)", () => {
  it.each([
    [null, "html"],
    ["", "html"],
    ["*/*", "html"],
    ["text/html", "html"],
    ["application/json", "json"],
    ["TEXT/HTML", "html"],
    ["Application/JSON", "json"],
    ["text/*", "html"],
    ["application/*", "json"],
    ["application/json, text/html", "html"],
    ["text/html;q=0.5, application/json", "json"],
    ["application/json;q=0.9, text/html;q=0.8", "json"],
    ["application/json, */*;q=0.1", "json"],
    // axios' default: equal q, the exactly named type beats the wildcard
    ["application/json, text/plain, */*", "json"],
    ["text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "html"],
    ["*/*;q=0.1, application/json;q=0.2", "json"],
    ["text/html;q=0, */*", "json"],
    ["application/json;q=0, application/*;q=1, */*", "html"],
    ["application/json; charset=utf-8", "json"],
    ["application/json;charset=UTF-8", "json"],
    ["text/html;level=1, application/json;q=0.5", "json"],
    ["text/html ; q=0.3 , application/json ; q=0.2", "html"],
    ["text/html;q=1.000", "html"],
    ["text/html;q=0.001", "html"],
    ["text/markdown", "markdown"],
    ["text/markdown, text/html;q=0.9", "markdown"],
    ["text/html, text/markdown", "html"],
    ["text/html;q=0, text/*", "markdown"],
    ["application/json;q=0.5, application/json;q=0.9, text/html;q=0.8", "json"],
  ])("Accept %j → %s", (accept, expected) => {
    expect(kind(accept)).toBe(expected);
  });

  it.each([
    "image/png",
    "text/plain",
    "application/xml",
    "*/*;q=0",
    "text/html;q=0, application/json;q=0",
    "text/*;q=0, application/*;q=0",
    "text/html;q=0.0, application/json;q=0.00, image/*",
  ])("nothing acceptable in %j → null (406)", (accept) => {
    expect(kind(accept)).toBeNull();
  });

  it.each(["garbage", ";;;", "text", "/json", "text/html;q=2", "text/html;q=abc", "*/html", ",,,", "a/b/c"])(
    "a malformed field %j is disregarded: HTML, as for no Accept",
    (accept) => {
      // README: "No `Accept`, `*/*` or an unparseable one gets HTML".
      expect(kind(accept)).toBe("html");
    },
  );

  it("skips malformed ranges but keeps the valid ones", () => {
    expect(kind("text/html;q=5, application/json")).toBe("json");
    expect(parseAccept("garbage, application/json;q=0.4").map((r) => [r.type, r.subtype, r.q])).toEqual([["application", "json", 0.4]]);
  });

  it("does not depend on the order of ranges with equal q", () => {
    expect(kind("application/json, text/html")).toBe(kind("text/html, application/json"));
    expect(kind("text/*, application/*")).toBe(kind("application/*, text/*"));
  });
});

// From edges-unit.test.ts: Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block names the module, each case the behaviour a surviving mutant had changed. Plain Node.
describe("edge cases mutation testing found no test pinning", () => {
  const PAGES: Offer[] = [{ type: "text/html" }, { type: "application/json" }];
  const pick = (accept: string) => negotiate(accept, PAGES)?.type ?? null;

  describe("http/accept", () => {
    it("reads q with whitespace around its value, as a lenient parser", () => {
      expect(pick("text/html;q =0")).toBeNull();
      expect(pick("text/html;q= 0")).toBeNull();
    });

    it.each([
      ["*/*;foo, application/json;q=0.1", "a parameter without ="],
      ["*/*;=x, application/json;q=0.1", "a parameter without a name"],
      ["*/*;f@o=1, application/json;q=0.1", "a parameter name that is not a token"],
      ["text/html;q=1.5, application/json;q=0.1", "q above 1"],
      ["text/html;q=20, application/json;q=0.1", "q with extra leading digits"],
      ["text/html;q=0.5x, application/json;q=0.1", "q with trailing junk"],
      ["*/html, application/json;q=0.5", "a */subtype range"],
    ])("drops the whole range %j (%s)", (accept) => {
      expect(pick(accept)).toBe("application/json");
    });

    it("keeps the q of the first of two equally specific ranges", () => {
      expect(pick("text/html;q=0.5, text/html;q=0.2, application/json;q=0.3")).toBe("text/html");
    });

    it("gives an offer the q of its most specific range, not of a later wildcard", () => {
      expect(pick("text/html, */*;q=0.1, application/json;q=0.5")).toBe("text/html");
    });

    it("matches range parameters against the offer's, quoted values unquoted and unescaped", () => {
      const utf8: Offer[] = [{ type: "text/plain", params: [["charset", "utf-8"]] }];
      expect(negotiate('text/plain;charset="utf-8"', utf8)).toBe(utf8[0]);
      expect(negotiate('text/plain;charset="ut\\f-8"', utf8)).toBe(utf8[0]);
      expect(negotiate("text/plain;charset=UTF-8", utf8)).toBe(utf8[0]);
      expect(negotiate("text/plain;charset=latin1", utf8)).toBeNull();
      expect(negotiate('text/plain;charset="', utf8)).toBeNull();
      expect(parseAccept('a/b;x="')[0].params).toEqual([["x", '"']]);
      expect(parseAccept('a/b;x="q"')[0].params).toEqual([["x", "q"]]);
      expect(parseAccept('a/b;x=q"')[0].params).toEqual([["x", 'q"']]);
      expect(parseAccept('a/b;x="q')[0].params).toEqual([["x", '"q']]);
    });
  });

  describe(" negotiateCached", () => {
    it("answers as negotiate does, for more distinct headers than it memoizes, and twice each", () => {
      const headers = Array.from({ length: 300 }, (_, n) => (n % 3 ? `application/json;q=0.${n % 10}, text/html;q=0.${(n + 5) % 10}` : `x/y${n}, text/*`));
      expect(headers).toHaveLength(300);
      for (const round of [1, 2]) for (const h of headers) expect(negotiateCached(h, PAGES), `${round} ${h}`).toBe(negotiate(h, PAGES));
      expect(negotiateCached(null, PAGES)).toBe(PAGES[0]);
      expect(negotiateCached(undefined, PAGES)).toBe(PAGES[0]);
      expect(negotiateCached("image/png", PAGES)).toBeNull();
      expect(negotiateCached("image/png", PAGES)).toBeNull();
    });
  });
});
