// The small modules of src/reader/http in plain Node: body limits, CORS, pagination, problem bodies,
// security headers, the RateLimit fields. Literal expectations (README wording where there is one).
import { describe, expect, it } from "vitest";
import { CORS_HEADERS, isPreflight, preflight } from "../../../src/reader/http/cors.ts";
import { MAX_PAGE, MAX_PER_PAGE, pageCount, pageLinks, PER_PAGE, positiveInt, withPage } from "../../../src/reader/http/pagination.ts";
import { PROBLEM_TYPE, problemBody } from "../../../src/reader/http/problem.ts";
import { allowed, limitedHeaders, policyHeader } from "../../../src/reader/http/ratelimit.ts";
import { readLimited, TooLarge } from "../../../src/reader/http/request-body.ts";
import { COMMON_HEADERS, htmlHeaders, secured, sha256Base64 } from "../../../src/reader/http/security.ts";

// From http-unit.test.ts: Unit tests (plain Node) for the small src/http modules that only integration tests reached before: body limits, CORS, pagination, problem bodies, security and cache headers. Written so StrykerJS's mutants of these modules are killed by a literal expectation (README wording where there is one).
describe("pinned for mutation testing: the small http modules", () => {
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

    it("gives HTML a script-free CSP", () => {
      const expected = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy":
          "default-src 'none'; style-src 'sha256-H'; font-src 'self'; img-src 'self' https: data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "X-Frame-Options": "DENY",
      };
      expect(htmlHeaders("H")).toEqual(expected);
    });

    it("sends HSTS from the canonical host alone, on any response (issue 34, item 15)", () => {
      const hsts = (policy: string | undefined) => secured(new Response("x", { status: 404 }), policy).headers.get("strict-transport-security");
      expect(hsts("canonical")).toBe("max-age=31536000");
      for (const policy of ["mirror", "redirect", undefined]) expect(hsts(policy)).toBeNull();
    });
  });
});

// From write-side-http-unit.test.ts: The pure helpers the write side and the app API added to src/http, in Node: signed preview links, the RateLimit fields, and APP_LINKS parsing. (What they do through the Worker is in the integration tests; these pin their own contracts for mutation testing.)
describe("pinned for mutation testing: the write side's helpers", () => {
  describe("the RateLimit fields", () => {
    it("names the policy, and on a refusal says none is left until the window ends", () => {
      const policy = { name: "publish", limit: 300, period: 10 } as const;
      expect(policyHeader(policy)).toEqual({ "RateLimit-Policy": '"publish";q=300;w=10' });
      expect(limitedHeaders(policy)).toEqual({ "RateLimit-Policy": '"publish";q=300;w=10', RateLimit: '"publish";r=0;t=10', "Retry-After": "10" });
    });

    it("lets everything through when no binding is configured", async () => {
      expect(await allowed(undefined, "editor:x")).toBe(true);
    });
  });
});
