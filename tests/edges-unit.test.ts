// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { articleIdFromPath, articlePath } from "../src/content/paths.ts";
import { absoluteUrl } from "../src/feeds/entries.ts";
import { atomFeed, type FeedContext, type FeedEntry, newsSitemapXml, rssFeed } from "../src/feeds/index.ts";
import { sitemapIndexXml } from "../src/feeds/sitemap.ts";
import { el } from "../src/feeds/xml.ts";
import { negotiate, type Offer, parseAccept } from "../src/http/accept.ts";
import { noneMatchHits } from "../src/http/conditional.ts";
import { ConfigError, matchHost, parseHostTable, safePath, unroutedHosts } from "../src/http/hosts.ts";
import { LruCache } from "../src/http/lru.ts";
import { kids, one, parseXml, textOf } from "./xml.ts";

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
    expect(parseAccept('a/b;x="', )[0].params).toEqual([["x", '"']]);
    expect(parseAccept('a/b;x="q"')[0].params).toEqual([["x", "q"]]);
    expect(parseAccept('a/b;x=q"')[0].params).toEqual([["x", 'q"']]);
    expect(parseAccept('a/b;x="q')[0].params).toEqual([["x", '"q']]);
  });
});

describe("http/conditional", () => {
  it("compares entity tags weakly, W/ only as a prefix", () => {
    expect(noneMatchHits('"a"', 'W/"a"')).toBe(true);
    expect(noneMatchHits('W/"a"', '"a"')).toBe(true);
    expect(noneMatchHits('"xW/y"', '"xy"')).toBe(false);
    expect(noneMatchHits('"xy"', '"xW/y"')).toBe(false);
  });
});

describe("http/hosts", () => {
  const ORIGIN = "https://www.presstv.ir";
  const base = { "www.presstv.ir": "canonical" };

  it("names its error class", () => {
    expect(new ConfigError("x").name).toBe("ConfigError");
  });

  it("says which setting is wrong, in one message", () => {
    expect(() => parseHostTable("not a url", base)).toThrow(
      'Invalid host configuration in wrangler.toml:\n- CANONICAL_ORIGIN "not a url" is not a URL\n- HOSTS: "www.presstv.ir" is "canonical" but CANONICAL_ORIGIN names no host',
    );
  });

  it.each(["http://www.presstv.ir", "https://www.presstv.ir/news", "https://www.presstv.ir/", "https://WWW.presstv.ir"])("rejects CANONICAL_ORIGIN %j as not an https origin", (origin) => {
    expect(() => parseHostTable(origin, base)).toThrow(`CANONICAL_ORIGIN ${JSON.stringify(origin)} must be an https origin with no path`);
  });

  it.each([["x"], [null], [42], [["www.presstv.ir"]]])("rejects HOSTS %j as not a table", (hosts) => {
    expect(() => parseHostTable(ORIGIN, hosts)).toThrow(ConfigError);
    expect(() => parseHostTable(ORIGIN, hosts)).toThrow("HOSTS must be a table of host = policy");
  });

  it.each(["news.x", "[::1]", "[2001:db8::1]", "*.a.example", "a-b.example", `${"a".repeat(63)}.example`])("accepts host name %j", (host) => {
    expect(() => parseHostTable(ORIGIN, { ...base, [host]: "mirror" })).not.toThrow();
  });

  it.each(["a[::1]", "[::1]x", "[zz]", "[]", "-a.example", "a-.example", "a..example", "a.*.example", "a_b.example", `${"a".repeat(64)}.example`])(
    "rejects host name %j",
    (host) => {
      expect(() => parseHostTable(ORIGIN, { ...base, [host]: "mirror" })).toThrow(`"${host}" is not a lower-case host name`);
    },
  );

  const table = parseHostTable(ORIGIN, { ...base, "presstv.co.uk": "redirect", "*.workers.dev": "mirror", "m.example": "mirror" });

  it("matches hosts exactly or by a written wildcard, ignoring any number of trailing dots", () => {
    expect(matchHost(new URL("https://www.presstv.ir../"), table)?.policy).toBe("canonical");
    expect(matchHost(new URL("https://evil.example/"), table)).toBeUndefined();
    expect(matchHost(new URL("https://workers.dev/"), table)).toBeUndefined();
    expect(matchHost(new URL("https://a.workers.dev/"), table)).toEqual({ policy: "mirror", origin: "https://a.workers.dev" });
    expect(matchHost(new URL("http://m.example:8080/"), table)).toEqual({ policy: "mirror", origin: "http://m.example:8080" });
  });

  it("sends redirect hosts to the configured origin whatever the request's scheme and port", () => {
    expect(matchHost(new URL("http://presstv.co.uk:8443/x"), table)).toEqual({ policy: "redirect", origin: ORIGIN });
  });

  it("folds only leading slashes and backslashes", () => {
    expect(safePath("/a//b")).toBe("/a//b");
    expect(safePath("/\\/a\\b")).toBe("/a\\b");
  });

  it("needs a route for every public host: a trailing / or /* on a route pattern is ignored", () => {
    expect(unroutedHosts({ "a.example": "redirect", "b.example": "redirect" }, ["a.example/", { pattern: "b.example/*" }])).toEqual([]);
    expect(unroutedHosts({ "a.example": "redirect" }, ["a.example/x"])).toHaveLength(1);
  });

  it.each(["xlocalhost", "localhost.evil", "127.0.0.1.evil", "x*.workers.dev", "*.workers.dev.evil"])("needs a route for %j, which only looks local", (host) => {
    expect(unroutedHosts({ [host]: "mirror" }, [])).toEqual([`HOSTS: "${host}" has no route in wrangler.toml (add { pattern = "${host}", custom_domain = true })`]);
  });

  it.each([[null], ["ab"], [undefined]])("finds no hosts in HOSTS %j", (hosts) => {
    expect(unroutedHosts(hosts, [])).toEqual([]);
  });
});

describe("http/lru", () => {
  it("does not grow on a miss", () => {
    const lru = new LruCache<{ freshUntil: number }>(2);
    expect(lru.get("missing")).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it("makes a replaced entry the most recently used", () => {
    const lru = new LruCache<{ freshUntil: number }>(2);
    lru.set("a", { freshUntil: 1 });
    lru.set("b", { freshUntil: 1 });
    lru.set("a", { freshUntil: 2 });
    lru.set("c", { freshUntil: 1 });
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")?.freshUntil).toBe(2);
  });

  it("clears everything", () => {
    const lru = new LruCache<{ freshUntil: number }>(2);
    lru.set("a", { freshUntil: 1 });
    lru.clear();
    expect(lru.size).toBe(0);
  });
});

describe("content/paths", () => {
  it("dates the path by the calendar day of a date-time as written", () => {
    expect(articlePath({ id: "5", slug: "s", published: "2020-02-27T23:30:00-05:00" })).toBe("/Detail/2020/02/27/5/s");
  });

  it("finds an id only at the start of the path", () => {
    expect(articleIdFromPath("/x/detail/2020/02/27/1/s")).toBeUndefined();
    expect(articleIdFromPath("/detail/2020/02/27/1/s")).toBe("1");
  });
});

const CANONICAL = "https://www.presstv.ir";
function entry(n: number, published: string, extra: Partial<FeedEntry> = {}): FeedEntry {
  return { id: String(n), path: `/Detail/x/${n}/S`, headline: `Story ${n}`, section: ["News"], published, modified: published, ...extra };
}
const ctx = (over: Partial<FeedContext> = {}): FeedContext => ({
  siteName: "Press TV",
  canonicalOrigin: CANONICAL,
  linkOrigin: CANONICAL,
  selfUrl: `${CANONICAL}/rss.xml`,
  title: "Press TV",
  now: Date.parse("2024-05-12T12:00:00Z"),
  ...over,
});

describe("feeds", () => {
  it("absoluteUrl joins an origin with trailing slashes and a path with or without its leading one", () => {
    expect(absoluteUrl("https://x.example//", "/a")).toBe("https://x.example/a");
    expect(absoluteUrl("https://x.example", "a")).toBe("https://x.example/a");
  });

  it("el() joins several text parts with nothing between them", () => {
    expect(el("a", {}, "x", "y").xml).toBe("<a>xy</a>");
  });

  it("RSS defaults its link to the front page and its description to the site's", () => {
    const channel = one(parseXml(rssFeed(ctx(), [entry(1, "2024-01-01")])), "channel");
    expect(textOf(channel, "link")).toBe(`${CANONICAL}/`);
    expect(textOf(channel, "description")).toBe("Latest news from Press TV");
  });

  it("Atom keeps the limit, links the front page by default, and has no summary without a description", () => {
    const feed = parseXml(atomFeed(ctx(), [entry(1, "2024-01-03"), entry(2, "2024-01-02"), entry(3, "2024-01-01")], 2));
    expect(kids(feed, "entry")).toHaveLength(2);
    expect(kids(feed, "link").find((l) => l.attrs.rel === "alternate")?.attrs.href).toBe(`${CANONICAL}/`);
    expect(kids(kids(feed, "entry")[0], "summary")).toHaveLength(0);
  });

  it("the news sitemap names the publication's language, en unless told", () => {
    const lang = (c: FeedContext) => {
      const url = one(parseXml(newsSitemapXml(c, [entry(1, "2024-05-12T11:00:00Z")])), "url");
      return textOf(one(one(url, "news:news"), "news:publication"), "news:language");
    };
    expect(lang(ctx())).toBe("en");
    expect(lang(ctx({ language: "fa" }))).toBe("fa");
  });

  it("a sitemap index names each sitemap, with lastmod where known", () => {
    const index = parseXml(sitemapIndexXml(CANONICAL, [{ path: "/sitemaps/1.xml", lastmod: Date.parse("2024-01-01T00:00:00Z") }, { path: "/sitemaps/2.xml" }]));
    expect(index.name).toBe("sitemapindex");
    expect(index.attrs).toEqual({ xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" });
    expect(kids(index, "sitemap").map((s) => [textOf(s, "loc"), kids(s, "lastmod").length ? textOf(s, "lastmod") : null])).toEqual([
      [`${CANONICAL}/sitemaps/1.xml`, "2024-01-01T00:00:00Z"],
      [`${CANONICAL}/sitemaps/2.xml`, null],
    ]);
  });
});
