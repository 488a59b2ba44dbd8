// Hostile requests through the real Worker: oversized and malformed input, odd hosts and methods.
// Each gets a deliberate 4xx or a correct answer; never a 5xx, a stack trace, or the request's
// input reflected unescaped in a header or the body.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { validateArticle } from "../../../src/shared/model/schema.ts";
import {
  CANONICAL,
  CANONICAL_HOST,
  get,
  literal,
  loadSeedContent,
  mixedCase,
  REDIRECT,
  REDIRECT_WWW,
  sampleArticle,
  SEED_PATH,
  TOKEN,
  WAIT,
} from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const MARKER = "<script>x</script>";
const ENCODED_MARKER = encodeURIComponent(MARKER);
const ALLOW = "GET, HEAD, OPTIONS";

interface Probe {
  status: number;
  headers: Headers;
  body: string;
}

/** Sends a request and applies the checks every hostile request must pass. */
async function probe(url: string, init: RequestInit & { headers?: HeadersInit } = {}): Promise<Probe> {
  const headers = new Headers(init.headers);
  const res = await get(url, {}, { ...init, headers });
  const body = await res.text();
  const what = `${init.method ?? "GET"} ${url.slice(0, 120)}`;
  expect(res.status, what).toBeLessThan(500);
  // No stack trace: neither "Error:" nor V8 "    at f (file:1:2)" frames.
  expect(body, what).not.toMatch(/\bError:|^\s+at .+[(:]\d+/m);
  // The marker never comes back raw. (The article page has its own JSON-LD <script>, so look for ours.)
  // JSON may carry stored text as data; it must then be JSON, served as JSON with nosniff.
  for (const [name, value] of res.headers) expect(`${name}: ${value}`, what).not.toMatch(/<script|<\/script/i);
  const type = res.headers.get("content-type") ?? "";
  if (/json/.test(type) && body) {
    expect(() => JSON.parse(body), what).not.toThrow();
    expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  } else expect(body, what).not.toMatch(/<script>x|x<\/script>/i);
  const location = res.headers.get("location");
  if (location !== null) {
    expect(location, what).toMatch(new RegExp(`^(/(?![/\\\\])|${literal(CANONICAL)}/)`));
    expect(location, what).not.toMatch(/[\u0000-\u0020<>"]/);
  }
  if (res.status >= 400) expect(res.headers.get("cache-control") ?? "", what).not.toMatch(/immutable/);
  return { status: res.status, headers: res.headers, body };
}

describe("oversized input", () => {
  it("answers a 16 KiB path with 404 (or 414), on every host policy", async () => {
    const long = `/${"a".repeat(16 * 1024)}`;
    for (const host of [CANONICAL_HOST, "localhost"]) expect([404, 414]).toContain((await probe(`https://${host}${long}`)).status);
    const r = await probe(`${REDIRECT}${long}`);
    expect([301, 414]).toContain(r.status);
  });

  it("canonicalises an article address with a 16 KiB slug", async () => {
    const r = await probe(`${CANONICAL}/Detail/2020/02/27/100001/${"x".repeat(16 * 1024)}`);
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe(CANONICAL + SEED_PATH);
  });

  it("keeps a 16 KiB query string out of the body and carries it, encoded, only in Location", async () => {
    const q = `?q=${"%3C".repeat(4096)}${ENCODED_MARKER}`;
    const r = await probe(`${REDIRECT_WWW}${SEED_PATH}${q}`);
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe(CANONICAL + SEED_PATH + q);
    expect((await probe(`${CANONICAL}/${q}`)).status).toBe(200);
  });

  it("negotiates an 8 KiB Accept", async () => {
    const json = Array.from({ length: 512 }, (_, i) => `application/x-${i}`).join(",") + ",application/json";
    expect(json.length).toBeGreaterThan(8 * 1024);
    const r = await probe(CANONICAL + SEED_PATH, { headers: { Accept: json } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");

    const junk = ";,=/*q".repeat(1400);
    expect([200, 406]).toContain((await probe(CANONICAL + SEED_PATH, { headers: { Accept: junk } })).status);

    const refuse = "image/png;q=0.5,".repeat(600) + "text/html;q=0,application/json;q=0";
    const r406 = await probe(CANONICAL + SEED_PATH, { headers: { Accept: refuse } });
    expect(r406.status).toBe(406);
  });

  it("ignores 8 KiB validators it cannot match", async () => {
    const r = await probe(CANONICAL + SEED_PATH, { headers: { "If-None-Match": `"${"a".repeat(8192)}"`, "If-Modified-Since": "x".repeat(8192) } });
    expect(r.status).toBe(200);
  });
});

describe("malformed paths", () => {
  const cases: [string, number[]][] = [
    ["/Detail/%E0%A4%A", [404]],
    ["/%ZZ", [404]],
    ["/%", [404]],
    ["/%%32%65", [404]],
    ["/Detail/2020/02/27/100001/%E0%A4%A", [301]],
    ["/Detail/2020/02/27/100001/%ZZ", [301]],
    ["/%00", [404]],
    ["/Detail/2020/02/27/100001/%00", [301]],
    ["/Detail/2020/02/27/100001%00", [404]],
    ["/%0d%0aSet-Cookie:%20a=b", [404]],
    ["/Detail/2020/02/27/100001/x%0d%0aSet-Cookie:%20a=b", [301]],
    ["/%09/%1b[31m/%7f", [404]],
    ["/Detail/2020/02/27/100001/../../../../../etc/passwd", [404]],
    ["/%2e%2e/%2e%2e/etc/passwd", [404]],
    ["/..%2F..%2Fetc%2Fpasswd", [404]],
    ["/Detail/2020/02/27/100001/..%2F..", [301]],
    ["//evil.example/", [404]],
    ["/\\evil.example/", [404]],
    ["/\\/evil.example/", [404]],
    ["/%2F%2Fevil.example", [404]],
    ["/%5C%5Cevil.example", [404]],
    ["//evil.example/Detail/2020/02/27/100001", [404]],
    ["/http://evil.example/", [404]],
    ["/https:/evil.example", [404]],
    [`/${MARKER}`, [404]],
    [`/Detail/2020/02/27/100001/${MARKER}`, [404]], // the marker's "/" adds a segment
    [`/Detail/2020/02/27/100001/${ENCODED_MARKER}?${MARKER}`, [301]],
    ["/Ω/💥/é", [404]],
    ["/%F0%9F%92%A5", [404]],
    ["/%C0%AE%C0%AE/", [404]],
  ];

  for (const host of [CANONICAL_HOST, "localhost"])
    it(`answers each deliberately on ${host}`, async () => {
      for (const [path, statuses] of cases) {
        const r = await probe(`https://${host}${path}`);
        expect(statuses, `${host} ${path} → ${r.status}`).toContain(r.status);
        expect(r.headers.get("set-cookie"), path).toBeNull();
        if (r.status === 301) expect(r.headers.get("location"), path).toMatch(new RegExp(`^(${literal(CANONICAL)})?/Detail/2020/02/27/100001/34-Turkish`));
      }
    });

  it("redirects each from a redirect host to a path on the canonical origin", async () => {
    for (const [path] of cases) {
      const r = await probe(`${REDIRECT}${path}`);
      expect(r.status, path).toBe(301);
      const location = r.headers.get("location") as string;
      expect(new URL(location).origin, path).toBe(CANONICAL);
      expect(r.headers.get("set-cookie"), path).toBeNull();
    }
  });
});

describe("host names", () => {
  it("serves the canonical host whatever its case, port or trailing dot", async () => {
    for (const url of [
      `http://${CANONICAL_HOST.toUpperCase()}/`,
      `https://${mixedCase(CANONICAL_HOST)}/`,
      `https://${CANONICAL_HOST}:8443/`,
      `http://${CANONICAL_HOST}:80/`,
      `https://${CANONICAL_HOST}./`,
      `https://${CANONICAL_HOST.toUpperCase()}.:444/`,
    ]) {
      const r = await probe(url);
      expect(r.status, url).toBe(200);
    }
  });

  it("redirects alternate hosts whatever their case, port or trailing dot, to the canonical origin without the port", async () => {
    for (const url of [
      "https://REDIRECT.TEST/x?y=1",
      "http://redirect.test:8080/x?y=1",
      "https://www.redirect.test./x?y=1",
      "https://WWW.REDIRECT.TEST:443/x?y=1",
    ]) {
      const r = await probe(url);
      expect(r.status, url).toBe(301);
      expect(r.headers.get("location"), url).toBe(`${CANONICAL}/x?y=1`);
    }
  });

  it("answers 421 to hosts that are not configured, including IPv6 literals and look-alikes", async () => {
    for (const url of [
      "http://[::1]/",
      "http://[::1]:8080/Detail/2020/02/27/100001",
      "http://[2001:db8::1]/",
      "https://evil.example/",
      `https://${CANONICAL_HOST}.evil.example/`,
      "https://evilredirect.test/",
      "https://redirect.test.evil.example/",
      "https://workers.dev/",
      "http://0.0.0.0/",
      "http://2130706433/", // 127.0.0.1 as one number: the URL parser makes it 127.0.0.1, a mirror
    ]) {
      const r = await probe(url);
      if (url === "http://2130706433/") expect(r.status, url).toBe(200);
      else expect(r.status, url).toBe(421);
    }
  });

  it("trusts the URL, not a Host or forwarding header", async () => {
    const r = await probe(`${CANONICAL}/`, {
      headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example", Forwarded: "host=evil.example;proto=http", "X-Forwarded-Proto": "http" },
    });
    expect(r.status).toBe(200);
    expect(r.body).not.toContain("evil.example");
    const mirror = await probe("https://localhost/Detail/2020/02/27/100001", { headers: { "X-Forwarded-Host": "evil.example" } });
    expect(mirror.status).toBe(301);
    expect(mirror.headers.get("location")).toBe(SEED_PATH);
  });
});

describe("headers", () => {
  it("reads duplicate Accept fields as one list", async () => {
    const both = new Headers();
    both.append("Accept", "application/json");
    both.append("Accept", "text/html;q=0.5");
    const r = await probe(CANONICAL + SEED_PATH, { headers: both });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");

    const refuse = new Headers();
    refuse.append("Accept", "application/json;q=0");
    refuse.append("Accept", "text/html;q=0");
    expect((await probe(CANONICAL + SEED_PATH, { headers: refuse })).status).toBe(406);
  });

  it("never reflects a marker sent in any header", async () => {
    const h = new Headers({
      Accept: MARKER,
      "Accept-Language": MARKER,
      "User-Agent": MARKER,
      Referer: `https://evil.example/${MARKER}`,
      Cookie: `a=${MARKER}`,
      Origin: MARKER,
      "If-None-Match": MARKER,
      "If-Modified-Since": MARKER,
      "X-Forwarded-For": MARKER,
      "X-Requested-With": MARKER,
    });
    h.append("Accept", `application/json;${MARKER}`);
    for (const url of [`${CANONICAL}/`, CANONICAL + SEED_PATH, `${CANONICAL}/nope`, "https://localhost/", `${REDIRECT}/x`, "http://[::1]/"])
      for (const method of ["GET", "POST", "OPTIONS"]) await probe(url, { method, headers: h });
  });

  it("answers problem+json for API callers without echoing the request", async () => {
    const r = await probe(`${CANONICAL}/${ENCODED_MARKER}?x=${ENCODED_MARKER}`, { headers: { Accept: "application/json" } });
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(r.body)).toMatchObject({ status: 404 });
    expect(r.body).not.toContain("script");
  });
});

describe("methods", () => {
  const unsupported = ["POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "PURGE", "MKCOL", "LOCK", "QUERY", "SEARCH", "patch"];

  it("answers 405 with Allow on the canonical and mirror hosts", async () => {
    for (const host of [CANONICAL_HOST, "localhost"])
      for (const path of ["/", SEED_PATH, "/nope"])
        for (const method of unsupported) {
          const body = method === "POST" || method === "PUT" || method === "PATCH" ? `{"a":"${MARKER}"}` : undefined;
          const r = await probe(`https://${host}${path}`, { method, body, headers: { "Content-Type": "application/json" } });
          expect(r.status, `${method} ${host}${path}`).toBe(405);
          expect(r.headers.get("allow")).toBe(ALLOW);
        }
  });

  it("answers OPTIONS with 204 and Allow", async () => {
    const r = await probe(CANONICAL + SEED_PATH, { method: "OPTIONS" });
    expect(r.status).toBe(204);
    expect(r.headers.get("allow")).toBe(ALLOW);
    expect(r.body).toBe("");
  });

  it("keeps the method on redirect hosts with 308", async () => {
    for (const method of unsupported) {
      const r = await probe(`${REDIRECT}${SEED_PATH}`, { method });
      expect(r.status, method).toBe(308);
      expect(r.headers.get("location")).toBe(CANONICAL + SEED_PATH);
    }
  });

  it("cannot even be asked CONNECT or TRACK, or an invented method, by the runtime", () => {
    // workerd refuses these in the Request constructor, so they never reach the Worker.
    for (const method of ["CONNECT", "TRACK", "FOO", "X-EVIL"]) expect(() => new Request(CANONICAL, { method }), method).toThrow(TypeError);
  });

  it("answers HEAD like GET without a body", async () => {
    for (const url of [CANONICAL + SEED_PATH, `${CANONICAL}/nope`, `${CANONICAL}/`]) {
      const [g, h] = [await probe(url), await probe(url, { method: "HEAD" })];
      expect(h.status, url).toBe(g.status);
      expect(h.body, url).toBe("");
      expect(h.headers.get("content-type"), url).toBe(g.headers.get("content-type"));
    }
  });
});

/** `on…=` attributes in any tag, once quoted attribute values are set aside. */
function eventHandlers(html: string): string[] {
  return (html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"|'[^']*'/g, '""')).filter((tag) => /\son[a-z]+\s*=/i.test(tag));
}

describe("the API and feeds", () => {
  const API = `${CANONICAL}/api/v1/articles`;

  it("answers bad paging, section and field parameters with 400 or an empty answer, never echoing them", async () => {
    for (const q of [
      "page=0",
      "page=-1",
      "page=1.5",
      "page=1e3",
      "page=99999999999999999999",
      "page=%00",
      "per_page=0",
      "per_page=1000000000",
      `fields=id,${ENCODED_MARKER}`,
      "fields=,,,",
      `section=${ENCODED_MARKER}`,
      "section=../..",
      "section=%2F%2Fevil.example",
      `page=2&page=${ENCODED_MARKER}`,
      `${ENCODED_MARKER}=${ENCODED_MARKER}`,
    ]) {
      const r = await probe(`${API}?${q}`, { headers: { Accept: "application/json" } });
      expect([200, 400], q).toContain(r.status);
      expect(r.body, q).not.toContain("script");
    }
    for (const path of [`/${ENCODED_MARKER}`, "/0", "/1234567890123", "/100001%00", "/100001/extra", "/-1", "/%2e%2e"]) {
      const r = await probe(API + path, { headers: { Accept: "application/json" } });
      expect([404, 405], path).toContain(r.status);
    }
    const r = await probe(`${API}/100001?fields=${ENCODED_MARKER}`);
    expect(r.status).toBe(400);
    expect(r.body).not.toContain("script");
  });

  it("refuses hostile writes with a deliberate 4xx and does not echo the token or marker", async () => {
    const article = { section: ["News"], headline: "h", published: "2020-01-01", body: [{ type: "paragraph", text: "p" }] };
    const cases: [Record<string, string>, BodyInit, number][] = [
      [{ "Content-Type": "application/json" }, JSON.stringify(article), 401],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${MARKER}` }, JSON.stringify(article), 401],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${"a".repeat(8192)}` }, JSON.stringify(article), 401],
      [{ "Content-Type": MARKER, Authorization: `Bearer ${TOKEN}` }, JSON.stringify(article), 415],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, `{"headline": "${MARKER}"`, 400],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, "[".repeat(150_000) + "]".repeat(150_000), 413],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, "[".repeat(50_000) + "]".repeat(50_000), 422],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, JSON.stringify({ ...article, id: "900010" }), 422],
      [{ "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` }, JSON.stringify({ ...article, [MARKER]: MARKER, section: [MARKER] }), 422],
    ];
    for (const [headers, body, status] of cases) {
      for (const accept of ["application/json", "text/html"]) {
        const r = await probe(`${API}/900011`, { method: "PUT", headers: { ...headers, Accept: accept }, body });
        expect(r.status, `${JSON.stringify(headers).slice(0, 100)} ${String(body).slice(0, 40)}`).toBe(status);
        expect(r.body).not.toContain(TOKEN);
        for (const [, v] of r.headers) expect(v).not.toContain(TOKEN);
      }
    }
    expect((await probe(`${API}/900011`, { headers: { Accept: "application/json" } })).status).toBe(404);
  });

  it("escapes stored text everywhere it is shown: pages, listings, feeds, sitemaps", async () => {
    const stored = {
      section: ["News", "Hostile"],
      headline: `Headline ${MARKER} & "quotes" ]]> --> <!--`,
      description: `Description ${MARKER} ]]>`,
      published: "2024-01-02",
      body: [
        { type: "paragraph", text: `Paragraph ${MARKER} </p><img src=x onerror=alert(1)> ]]>` },
        { type: "heading", text: `Heading ${MARKER}` },
        { type: "figure", caption: `Caption ${MARKER}`, credit: `Credit ${MARKER}`, alt: `Alt ${MARKER}" onload="x`, src: "https://example.com/a.jpg" },
      ],
    };
    const put = await get(
      `${API}/900012`,
      { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT },
      { method: "PUT", body: JSON.stringify(stored) },
    );
    expect(put.status).toBe(201);
    const location = put.headers.get("content-location") as string;
    const path = new URL(location).pathname;
    const html = await probe(CANONICAL + path, { headers: { Accept: "text/html" } });
    expect(html.status).toBe(200);
    expect(html.body).toContain("Headline &lt;script&gt;x&lt;/script&gt;");
    expect(html.body).not.toContain("<img src=x");
    expect(eventHandlers(html.body)).toEqual([]);
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html.body);
    expect(ld, "JSON-LD block").not.toBeNull();
    expect(JSON.parse((ld as RegExpExecArray)[1]).headline).toBe(stored.headline);

    const json = await probe(CANONICAL + path, { headers: { Accept: "application/json" } });
    expect(JSON.parse(json.body).headline).toBe(stored.headline);

    for (const url of [
      `${CANONICAL}/`,
      `${CANONICAL}/News/Hostile`,
      `https://localhost${path}`,
      `https://localhost/`,
      `${CANONICAL}/rss.xml`,
      `${CANONICAL}/atom.xml`,
      `${CANONICAL}/News/Hostile/rss.xml`,
      `${CANONICAL}/News/Hostile/atom.xml`,
      `${CANONICAL}/sitemap.xml`,
      `${CANONICAL}/sitemaps/1.xml`,
      `${CANONICAL}/news-sitemap.xml`,
      `${API}?section=News/Hostile`,
      `${API}/900012`,
    ]) {
      const r = await probe(url);
      expect(r.status, url).toBe(200);
      if (/xml/.test(r.headers.get("content-type") ?? "")) {
        // Well-formed enough that the marker is text: no raw element, and any CDATA is not broken out of.
        expect(r.body, url).not.toMatch(/<img|<\/p>/);
        expect(r.body.split("<![CDATA[").length, url).toBe(r.body.split("]]>").length);
      }
    }
  });
});

// From regressions-integration.test.ts: Defects found in review, each shown by the request that exposed it.
describe("defects found in review", () => {
  beforeAll(loadSeedContent);
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  describe("no request costs seconds of CPU", () => {
    it.each([
      ["a long almost-section path", `/${"a".repeat(5000)}!`],
      ["a long almost-section feed path", `/${"a".repeat(5000)}!/rss.xml`],
      ["a long almost-section query", `/api/v1/articles?section=${"a".repeat(5000)}!`],
      ["many short segments", `/${"a/".repeat(2000)}!`],
    ])("%s answers 4xx at once", async (_, path) => {
      const started = performance.now();
      const res = await get(CANONICAL + path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it("validates a body of 250,000 spaces between two words at once", () => {
      const started = performance.now();
      const r = validateArticle({ ...sampleArticle(7), headline: `x${" ".repeat(250_000)}x` });
      expect(r.ok).toBe(false);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });
});
