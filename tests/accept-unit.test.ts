import { describe, expect, it } from "vitest";
import { negotiate, parseAccept } from "../src/http/accept.ts";
import { OFFERS } from "../src/represent.ts";

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
