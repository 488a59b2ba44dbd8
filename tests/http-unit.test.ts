// Unit tests (plain Node) for the small src/http modules that only integration tests reached before:
// body limits, CORS, pagination, problem bodies, security and cache headers. Written so StrykerJS's
// mutants of these modules are killed by a literal expectation (README wording where there is one).
import { describe, expect, it } from "vitest";
import { readLimited, TooLarge } from "../src/http/body.ts";
import { ARTICLE_CACHE, CONTENT_REDIRECT_CACHE, LISTING_CACHE, MISS_CACHE, NO_STORE, REDIRECT_CACHE } from "../src/cache/policy.ts";
import { CORS_HEADERS, isPreflight, preflight } from "../src/http/cors.ts";
import { MAX_PAGE, MAX_PER_PAGE, PER_PAGE, pageCount, pageLinks, positiveInt, withPage } from "../src/http/pagination.ts";
import { PROBLEM_TYPE, problemBody } from "../src/http/problem.ts";
import { COMMON_HEADERS, htmlHeaders, sha256Base64 } from "../src/http/security.ts";
import { captionLine, longDate, readerDate, shortDate, wasUpdated } from "../src/render/format.ts";

describe("Cache-Control strings (README: Caching and freshness)", () => {
  it("are the README's, word for word", () => {
    expect(ARTICLE_CACHE).toBe("public, max-age=60, s-maxage=300, stale-while-revalidate=300, stale-if-error=86400");
    expect(LISTING_CACHE).toBe("public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400");
    expect(MISS_CACHE).toBe("public, max-age=30, s-maxage=60");
    expect(REDIRECT_CACHE).toBe("public, max-age=3600");
    expect(CONTENT_REDIRECT_CACHE).toBe("public, max-age=60");
    expect(NO_STORE).toBe("no-store");
  });
});

/** A request whose body arrives in the given chunks, with no Content-Length (as a chunked upload). */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Request("https://x.example/", { method: "PUT", body, headers, duplex: "half" } as RequestInit);
}
const bytes = (s: string) => new TextEncoder().encode(s);

describe("readLimited", () => {
  it("returns the body as text, chunks in order", async () => {
    expect(await readLimited(streamed([bytes("ab"), bytes("cd"), bytes("é")]), 100)).toBe("abcdé");
  });

  it("accepts exactly the limit and refuses one byte more", async () => {
    expect(await readLimited(streamed([bytes("12345")]), 5)).toBe("12345");
    await expect(readLimited(streamed([bytes("123"), bytes("456")]), 5)).rejects.toBeInstanceOf(TooLarge);
  });

  it("refuses an announced Content-Length over the limit before reading", async () => {
    const req = new Request("https://x.example/", { method: "PUT", body: "123456", headers: { "content-length": "6" } });
    await expect(readLimited(req, 5)).rejects.toThrow(TooLarge);
    expect(req.bodyUsed).toBe(false);
    const ok = new Request("https://x.example/", { method: "PUT", body: "12345", headers: { "content-length": "5" } });
    expect(await readLimited(ok, 5)).toBe("12345");
  });

  it("gives an empty string for no body", async () => {
    expect(await readLimited(new Request("https://x.example/"), 5)).toBe("");
  });

  it("refuses bytes that are not UTF-8, and drops a leading BOM", async () => {
    await expect(readLimited(streamed([new Uint8Array([0x61, 0xff])]), 10)).rejects.toThrow(TypeError);
    expect(await readLimited(streamed([new Uint8Array([0xef, 0xbb, 0xbf, 0x61])]), 10)).toBe("a");
  });

  it("names its error", () => {
    expect(new TooLarge().name).toBe("TooLarge");
  });
});

describe("CORS", () => {
  it("lets any origin read and exposes the validators and links", () => {
    expect(CORS_HEADERS).toEqual({ "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag, Link" });
  });

  it("recognises a preflight only with both Origin and Access-Control-Request-Method", () => {
    expect(isPreflight(new Headers({ origin: "https://a.example", "access-control-request-method": "GET" }))).toBe(true);
    expect(isPreflight(new Headers({ origin: "https://a.example" }))).toBe(false);
    expect(isPreflight(new Headers({ "access-control-request-method": "GET" }))).toBe(false);
  });

  it.each(["GET", "HEAD"])("allows %s with the conditional headers, for a day", (method) => {
    const h = new Headers({
      origin: "https://a.example",
      "access-control-request-method": method,
      "access-control-request-headers": " If-None-Match , accept,,if-modified-since,Cache-Control",
    });
    expect(preflight(h)).toEqual({
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, HEAD",
      "Access-Control-Allow-Headers": "accept, if-none-match, if-modified-since, cache-control",
      "Access-Control-Max-Age": "86400",
    });
  });

  it("allows a preflight that names no headers", () => {
    expect(preflight(new Headers({ "access-control-request-method": "GET" }))).not.toBeNull();
  });

  it.each([
    ["PUT", ""],
    ["DELETE", ""],
    ["get", ""],
    ["", ""],
    ["GET", "authorization"],
    ["GET", "accept, content-type"],
  ])("refuses method %j with headers %j (publishing is not allowed cross-origin)", (method, headers) => {
    const h = new Headers({ "access-control-request-method": method, "access-control-request-headers": headers });
    expect(preflight(h)).toBeNull();
  });

  it("refuses a preflight without a method", () => {
    expect(preflight(new Headers())).toBeNull();
  });
});

describe("pagination", () => {
  it("uses 20 a page, at most 100, and at most page 10000", () => {
    expect([PER_PAGE, MAX_PER_PAGE, MAX_PAGE]).toEqual([20, 100, 10_000]);
  });

  it.each([
    [undefined, 7],
    ["1", 1],
    ["100", 100],
    ["999999", undefined], // over max
    ["101", undefined],
    ["0", undefined],
    ["01", undefined],
    ["-1", undefined],
    ["1.5", undefined],
    ["1e2", undefined],
    [" 1", undefined],
    ["1 ", undefined],
    ["x1", undefined],
    ["1x", undefined],
    ["", undefined],
    ["1000000", undefined], // seven digits
  ])("positiveInt(%j, 7, 100) → %j", (value, expected) => {
    expect(positiveInt(value, 7, 100)).toBe(expected);
  });

  it("accepts six digits up to the maximum", () => {
    expect(positiveInt("999999", 1, 1_000_000)).toBe(999_999);
  });

  it.each([
    [0, 20, 1],
    [1, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [45, 15, 3],
  ])("pageCount(%i, %i) → %i", (total, per, pages) => {
    expect(pageCount(total, per)).toBe(pages);
  });

  it("links prev and next, and nothing for a single page", () => {
    const href = (n: number) => `/x?page=${n}`;
    expect(pageLinks(1, 1, href)).toBeUndefined();
    expect(pageLinks(1, 3, href)).toBe('</x?page=2>; rel="next"');
    expect(pageLinks(2, 3, href)).toBe('</x?page=1>; rel="prev", </x?page=3>; rel="next"');
    expect(pageLinks(3, 3, href)).toBe('</x?page=2>; rel="prev"');
  });

  it("builds a query from normalized parameters, page last and left out for page 1", () => {
    expect(withPage("/a", {}, 1)).toBe("/a");
    expect(withPage("/a", {}, 2)).toBe("/a?page=2");
    expect(withPage("/a", { per_page: "15", section: undefined, fields: "id,headline" }, 3)).toBe("/a?per_page=15&fields=id%2Cheadline&page=3");
    expect(withPage("/a", { per_page: "15" }, 1)).toBe("/a?per_page=15");
  });
});

describe("problem details (RFC 9457)", () => {
  it("are application/problem+json with type about:blank first", () => {
    expect(PROBLEM_TYPE).toBe("application/problem+json");
    expect(problemBody({ status: 404, title: "Not Found" })).toBe('{"type":"about:blank","status":404,"title":"Not Found"}');
  });
});

describe("security headers", () => {
  it("sends nosniff everywhere", () => {
    expect(COMMON_HEADERS).toEqual({ "X-Content-Type-Options": "nosniff" });
  });

  it("hashes a stylesheet as base64 SHA-256", async () => {
    expect(await sha256Base64("")).toBe("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    expect(await sha256Base64("abc")).toBe("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  });

  it("gives HTML a script-free CSP and HSTS only when asked (the canonical host)", () => {
    const expected = {
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'sha256-H'; img-src 'self' https: data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      "X-Frame-Options": "DENY",
    };
    expect(htmlHeaders("H", false)).toEqual(expected);
    expect(htmlHeaders("H", true)).toEqual({ ...expected, "Strict-Transport-Security": "max-age=31536000" });
  });
});

describe("render/format", () => {
  it.each([
    ["2020-02-27", "Thursday 27 February 2020"],
    ["2020-02-23T23:30:00-05:00", "Sunday 23 February 2020"], // the day as written, not UTC
    ["2021-01-01", "Friday 1 January 2021"],
    ["2021-12-31", "Friday 31 December 2021"],
    ["2024-06-15", "Saturday 15 June 2024"],
    ["2024-03-04", "Monday 4 March 2024"],
    ["2024-04-09", "Tuesday 9 April 2024"],
    ["2024-05-08", "Wednesday 8 May 2024"],
    ["2024-07-18", "Thursday 18 July 2024"],
    ["2024-08-01", "Thursday 1 August 2024"],
    ["2024-09-01", "Sunday 1 September 2024"],
    ["2024-10-01", "Tuesday 1 October 2024"],
    ["2024-11-01", "Friday 1 November 2024"],
  ])("longDate(%j) → %j", (value, expected) => {
    expect(longDate(value)).toBe(expected);
  });

  // README "The reader's site": a date-time is shown with its time in GMT, a bare date without one.
  it.each([
    ["2020-02-27", "Thursday 27 February 2020"],
    ["2026-11-01T08:30:00Z", "Sunday 1 November 2026, 08:30 GMT"],
    ["2026-11-01T23:30:00-02:00", "Monday 2 November 2026, 01:30 GMT"],
    ["2026-11-02T03:15:00+03:30", "Sunday 1 November 2026, 23:45 GMT"],
    ["2026-11-01T08:30:00.250Z", "Sunday 1 November 2026, 08:30 GMT"],
    ["2026-11-01T25:00:00Z", "Sunday 1 November 2026"], // a time that does not parse is left out
  ])("readerDate(%j) → %j", (value, expected) => {
    expect(readerDate(value)).toBe(expected);
  });

  it.each([
    ["2020-02-27", "27 Feb 2020"],
    ["2026-11-01T08:30:00Z", "1 Nov 2026, 08:30 GMT"],
    ["2026-12-31T23:30:00-02:00", "1 Jan 2027, 01:30 GMT"],
    ["2026-05-02T03:15:00+03:30", "1 May 2026, 23:45 GMT"],
    ["2026-11-01T25:00:00Z", "1 Nov 2026"],
  ])("shortDate(%j) → %j", (value, expected) => {
    expect(shortDate(value)).toBe(expected);
  });

  it("says Updated only when modified is later than published", () => {
    expect(wasUpdated("2026-11-01", "2026-11-01")).toBe(false);
    expect(wasUpdated("2026-11-01", "2026-11-02")).toBe(true);
    expect(wasUpdated("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z")).toBe(false);
    expect(wasUpdated("2026-11-01T10:00:00Z", "2026-11-01T12:00:00+02:00")).toBe(false);
    expect(wasUpdated("2026-11-01T10:00:00Z", "2026-11-01T10:01:00Z")).toBe(true);
  });

  it("prints a caption with its credit in parentheses", () => {
    expect(captionLine("Soldiers at a position.", "Photo by AFP")).toBe("Soldiers at a position. (Photo by AFP)");
  });
});
