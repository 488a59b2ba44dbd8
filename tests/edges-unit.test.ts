// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { articleIdFromPath, articlePath } from "../src/model/paths.ts";
import { dateValue, slugify, validateArticle } from "../src/model/schema.ts";
import { parseArticleSource } from "../tools/content/source.ts";
import { absoluteUrl } from "../src/feeds/entries.ts";
import { atomFeed, type FeedContext, type FeedEntry, newsSitemapXml, rssFeed } from "../src/feeds/formats.ts";
import { sitemapIndexXml } from "../src/feeds/sitemap.ts";
import { el } from "../src/feeds/xml.ts";
import { negotiate, negotiateCached, type Offer, parseAccept } from "../src/http/accept.ts";
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
    expect(parseAccept('a/b;x="')[0].params).toEqual([["x", '"']]);
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

  it.each(["http://www.presstv.ir", "https://www.presstv.ir/news", "https://www.presstv.ir/", "https://WWW.presstv.ir"])(
    "rejects CANONICAL_ORIGIN %j as not an https origin",
    (origin) => {
      expect(() => parseHostTable(origin, base)).toThrow(`CANONICAL_ORIGIN ${JSON.stringify(origin)} must be an https origin with no path`);
    },
  );

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

  // Built inside each test, so Stryker's per-test coverage sees the construction.
  const table = () => parseHostTable(ORIGIN, { ...base, "presstv.co.uk": "redirect", "*.workers.dev": "mirror", "m.example": "mirror" });

  it("matches hosts exactly or by a written wildcard, ignoring any number of trailing dots", () => {
    expect(matchHost(new URL("https://www.presstv.ir../"), table())?.policy).toBe("canonical");
    expect(matchHost(new URL("https://evil.example/"), table())).toBeUndefined();
    expect(matchHost(new URL("https://workers.dev/"), table())).toBeUndefined();
    expect(matchHost(new URL("https://a.workers.dev/"), table())).toEqual({ policy: "mirror", origin: "https://a.workers.dev" });
    expect(matchHost(new URL("http://m.example:8080/"), table())).toEqual({ policy: "mirror", origin: "http://m.example:8080" });
  });

  it("sends redirect hosts to the configured origin whatever the request's scheme and port", () => {
    expect(matchHost(new URL("http://presstv.co.uk:8443/x"), table())).toEqual({ policy: "redirect", origin: ORIGIN });
  });

  it("folds only leading slashes and backslashes", () => {
    expect(safePath("/a//b")).toBe("/a//b");
    expect(safePath("/\\/a\\b")).toBe("/a\\b");
  });

  it("needs a route for every public host: a trailing / or /* on a route pattern is ignored", () => {
    expect(unroutedHosts({ "a.example": "redirect", "b.example": "redirect" }, ["a.example/", { pattern: "b.example/*" }])).toEqual([]);
    expect(unroutedHosts({ "a.example": "redirect" }, ["a.example/x"])).toHaveLength(1);
  });

  it.each(["xlocalhost", "localhost.evil", "127.0.0.1.evil", "x*.workers.dev", "*.workers.dev.evil"])(
    "needs a route for %j, which only looks local",
    (host) => {
      expect(unroutedHosts({ [host]: "mirror" }, [])).toEqual([
        `HOSTS: "${host}" has no route in wrangler.toml (add { pattern = "${host}", custom_domain = true })`,
      ]);
    },
  );

  it.each([[null], ["ab"], [undefined]])("finds no hosts in HOSTS %j", (hosts) => {
    expect(unroutedHosts(hosts, [])).toEqual([]);
  });
});

// Each value counts as 10,000 bytes here, so a 25,000-byte budget holds two entries and not three.
describe("http/lru", () => {
  it("does not grow on a miss", () => {
    const lru = new LruCache<{ freshUntil: number }>(25_000, () => 10_000);
    expect(lru.get("missing")).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it("makes a replaced entry the most recently used", () => {
    const lru = new LruCache<{ freshUntil: number }>(25_000, () => 10_000);
    lru.set("a", { freshUntil: 1 });
    lru.set("b", { freshUntil: 1 });
    lru.set("a", { freshUntil: 2 });
    lru.set("c", { freshUntil: 1 });
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")?.freshUntil).toBe(2);
  });

  it("clears everything", () => {
    const lru = new LruCache<{ freshUntil: number }>(25_000, () => 10_000);
    lru.set("a", { freshUntil: 1 });
    lru.clear();
    expect(lru.size).toBe(0);
  });
});

describe("model/paths", () => {
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

describe("http/accept negotiateCached", () => {
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

describe("tools/content/source: every syntax error names its line and says what is wrong", () => {
  const front = "id: 9\nsection: News / Iran\nheadline: H\npublished: 2020-01-01";
  const errorsOf = (source: string) => {
    const r = parseArticleSource(source);
    return r.ok ? [] : r.errors;
  };

  it.each([
    ["no opening ---", "id: 9\n", [{ field: "line 1", message: "must be `---`, opening the front matter" }]],
    ["an unclosed front matter", `---\n${front}\n`, [{ field: "front matter", message: "is not closed by `---`" }]],
    ["a line without key: value", `---\n${front}\nnot a pair\n---\n\nText.\n`, [{ field: "line 6", message: "must be `key: value`" }]],
    ["an unknown key", `---\n${front}\ncolour: red\n---\n\nText.\n`, [{ field: "line 6", message: "`colour` is not a known front matter key" }]],
    ["a key given twice", `---\n${front}\nheadline: Again\n---\n\nText.\n`, [{ field: "line 6", message: "`headline` is given twice" }]],
    [
      "a bad figure line",
      `---\n${front}\n---\n\n::: figure\ncaption: C\ncredit: D\nphoto: x\n:::\n\nText.\n`,
      [{ field: "line 11", message: "must be `caption:`, `credit:`, `src:`, `alt:`, `width:`, `height:` inside a figure" }],
    ],
    [
      "an unclosed figure",
      `---\n${front}\n---\n\n::: figure\ncaption: C\ncredit: D\n`,
      [
        { field: "line 8", message: "figure is not closed by `:::`" },
        { field: "body", message: "must contain a paragraph" },
      ],
    ],
    [
      "a level-1 heading",
      `---\n${front}\n---\n\n# Big\n\nText.\n`,
      [{ field: "line 8", message: "`#` is the headline, given in the front matter; use `##` or `###`" }],
    ],
  ])("%s", (_, source, expected) => {
    expect(errorsOf(source)).toEqual(expected);
  });

  it("reports syntax and schema errors together", () => {
    expect(errorsOf(`---\nid: x\nsection: News\nheadline: H\npublished: 2020-01-01\ncolour: red\n---\n\nText.\n`).map((e) => e.field)).toEqual([
      "line 6",
      "line 2: id",
    ]);
  });

  it("reads keys with any spacing after the colon, values without trailing spaces, a BOM, CRLF and blank lines", () => {
    const r = parseArticleSource(
      `\uFEFF---\r\nid:9\r\n\r\nsection:  News /  Iran  \r\n  \r\nheadline:\tH  \t\r\npublished: 2020-01-01\r\n---\r\n\r\n::: figure \r\n\r\ncaption: C \r\ncredit: D\r\n ::: \r\n  \r\nA\r\nB\r\n`,
    );
    expect(r.ok && r.value).toMatchObject({
      id: "9",
      section: ["News", "Iran"],
      headline: "H",
      body: [
        { type: "figure", caption: "C", credit: "D" },
        { type: "paragraph", text: "A B" },
      ],
    });
  });

  it("keeps a key whose value starts after several spaces, and does not take a key from the middle of a line", () => {
    const r = parseArticleSource(`---\nid:    9\nsection: News\nheadline: H\npublished: 2020-01-01\nx id: 4\n---\n\nText.\n`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([{ field: "line 6", message: "must be `key: value`" }]);
  });

  it("ends a paragraph at a heading and at a figure", () => {
    const r = parseArticleSource(`---\n${front}\n---\n\nOne\n## Two\nThree\n::: figure\ncaption: C\ncredit: D\n:::\nFour\n`);
    expect(r.ok && r.value.body).toEqual([
      { type: "paragraph", text: "One" },
      { type: "heading", text: "Two" },
      { type: "paragraph", text: "Three" },
      { type: "figure", caption: "C", credit: "D" },
      { type: "paragraph", text: "Four" },
    ]);
  });
});

describe("model/schema", () => {
  const base = { id: "7", section: ["News"], headline: "A headline", published: "2021-03-04", body: [{ type: "paragraph", text: "Text." }] };
  const errors = (input: unknown) => {
    const r = validateArticle(input);
    return r.ok ? [] : r.errors;
  };
  const value = (input: Record<string, unknown>) => {
    const r = validateArticle({ ...base, ...input });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  const descriptionOf = (text: string) => value({ body: [{ type: "paragraph", text }] }).description;

  it("takes a first paragraph of up to 500 characters whole as the description", () => {
    expect(descriptionOf("x".repeat(500))).toBe("x".repeat(500));
  });

  it.each([
    ["no space: cut at 499, then …", "a".repeat(600), "a".repeat(499) + "…"],
    ["a space past the middle: cut there", `${"x".repeat(300)} ${"y".repeat(300)}`, "x".repeat(300) + "…"],
    ["a space exactly at the middle: not a word cut", `${"x".repeat(250)} ${"y".repeat(300)}`, `${"x".repeat(250)} ${"y".repeat(248)}…`],
    ["a space before the middle: cut at 499", `${"x".repeat(200)} ${"y".repeat(400)}`, `${"x".repeat(200)} ${"y".repeat(298)}…`],
    ["punctuation before the cut dropped", `${"x".repeat(300)}.,; ${"y".repeat(300)}`, "x".repeat(300) + "…"],
  ])("cuts a longer one to whole words and an ellipsis (%s)", (_, text, expected) => {
    expect(descriptionOf(text)).toBe(expected);
  });

  it("refuses anything but an object, saying so", () => {
    for (const input of [null, "x", 5, [base]]) expect(validateArticle(input)).toEqual({ ok: false, errors: [{ field: "", message: "must be an object" }] });
  });

  it("limits a headline to 300 characters and a heading to 300, a paragraph to 20,000", () => {
    expect(errors({ ...base, headline: "h".repeat(300) })).toEqual([]);
    expect(errors({ ...base, headline: "h".repeat(301) })).toEqual([{ field: "headline", message: "must be at most 300 characters" }]);
    expect(errors({ ...base, body: [...base.body, { type: "heading", text: "h".repeat(301) }] })).toEqual([
      { field: "body[1].text", message: "must be at most 300 characters" },
    ]);
    expect(errors({ ...base, body: [{ type: "paragraph", text: "p".repeat(20_000) }] })).toEqual([]);
  });

  it("names control characters", () => {
    expect(errors({ ...base, headline: "a\u0007b" })).toEqual([{ field: "headline", message: "must not contain control characters" }]);
  });

  it("says a block that is not an object must be one, and a body that is not a list must be one", () => {
    for (const b of [null, "x", [1]]) expect(errors({ ...base, body: [...base.body, b] })).toEqual([{ field: "body[1]", message: "must be an object" }]);
    expect(errors({ ...base, body: "Text." })).toEqual([{ field: "body", message: "must be a list of 1 to 1000 blocks" }]);
  });

  it("takes at most 1000 blocks", () => {
    expect(errors({ ...base, body: Array(1000).fill(base.body[0]) })).toEqual([]);
    expect(errors({ ...base, body: Array(1001).fill(base.body[0]) })).toEqual([{ field: "body", message: "must be a list of 1 to 1000 blocks" }]);
  });

  it("needs a paragraph, and does not fail without one", () => {
    expect(errors({ ...base, body: [{ type: "heading", text: "H" }] })).toEqual([{ field: "body", message: "must contain a paragraph" }]);
  });

  it("checks a figure's src and alt by their own field names", () => {
    const fig = (extra: object) => ({ ...base, body: [{ type: "figure", caption: "C", credit: "D", ...extra }, ...base.body] });
    expect(value(fig({ src: "https://img.example/a.jpg", alt: "An image" })).body[0]).toEqual({
      type: "figure",
      caption: "C",
      credit: "D",
      src: "https://img.example/a.jpg",
      alt: "An image",
    });
    expect(errors(fig({ src: "xhttps://img.example/a.jpg" }))).toEqual([{ field: "body[0].src", message: "must be an https URL" }]);
    expect(errors(fig({ src: "s".repeat(2001) }))).toContainEqual({ field: "body[0].src", message: "must be at most 2000 characters" });
    expect(errors(fig({ alt: " " }))).toEqual([{ field: "body[0].alt", message: "must not be empty" }]);
  });

  it("takes a slug of up to 100 characters, and uses the id when the headline gives none", () => {
    expect(value({ slug: "s".repeat(100) }).slug).toBe("s".repeat(100));
    expect(errors({ ...base, slug: "s".repeat(101) })).toEqual([
      { field: "slug", message: "must be letters and digits joined by single hyphens, at most 100 characters" },
    ]);
    expect(value({ headline: "!!!" }).slug).toBe(value({}).id);
  });

  it("explains a bad section name", () => {
    expect(errors({ ...base, section: ["News_Desk"] })).toEqual([{ field: "section[0]", message: "must be letters, digits, spaces, & ' or -" }]);
    expect(errors({ ...base, section: ["中文"] })).toEqual([{ field: "section[0]", message: "must contain Latin letters or digits (section URLs use them)" }]);
  });

  it("refuses a modified that is not a string", () => {
    expect(errors({ ...base, modified: 20210305 })).toEqual([{ field: "modified", message: "must be an RFC 3339 date or date-time with offset" }]);
  });

  it.each(["2021-02-29", "2021-13-01", "2021-00-10", "0050-01-01", "2021-01-01T24:00:00Z", "2021-01-01T10:00:00", "x2021-01-01"])(
    "dateValue(%j) is NaN",
    (d) => {
      expect(dateValue(d)).toBeNaN();
    },
  );

  it("dates a date-time by its offset and a date at UTC midnight", () => {
    expect(dateValue("2020-02-27T10:00:00+02:00")).toBe(Date.UTC(2020, 1, 27, 8));
    expect(dateValue("2020-02-27")).toBe(Date.UTC(2020, 1, 27));
    expect(dateValue("2024-02-29T23:59:59Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
  });

  it("slugs at most 100 characters and never ends one with a hyphen", () => {
    expect(slugify(`${"a".repeat(99)} bc`)).toBe("a".repeat(99));
    expect(slugify("x".repeat(150))).toBe("x".repeat(100));
    expect(slugify("Café à la carte")).toBe("Cafe-a-la-carte");
  });
});

describe("more edges found by mutation testing", () => {
  const front = "---\nid: 9\nsection: News\nheadline: H\npublished: 2020-01-01\n---\n\n";
  const bodyOf = (text: string) => {
    const r = parseArticleSource(front + text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value.body;
  };

  it("a line of spaces and tabs ends a paragraph and is skipped inside a figure", () => {
    expect(bodyOf("One\n \t \nTwo\n")).toEqual([
      { type: "paragraph", text: "One" },
      { type: "paragraph", text: "Two" },
    ]);
    expect(bodyOf("::: figure\ncaption: C\n \t\ncredit: D\n:::\n\nText.\n")[0]).toEqual({ type: "figure", caption: "C", credit: "D" });
  });

  it("keeps the last paragraph of a file without a final newline", () => {
    expect(bodyOf("One\n\nTwo")).toEqual([
      { type: "paragraph", text: "One" },
      { type: "paragraph", text: "Two" },
    ]);
  });

  it("drops only a leading byte order mark", () => {
    expect(bodyOf("a\uFEFFb\n")).toEqual([{ type: "paragraph", text: "a\uFEFFb" }]);
  });

  it("names the block types a block may have", () => {
    const r = validateArticle({
      id: "9",
      section: ["News"],
      headline: "H",
      published: "2020-01-01",
      body: [{ type: "paragraph", text: "T" }, { type: "video" }],
    });
    expect(!r.ok && r.errors).toEqual([{ field: "body[1].type", message: 'must be "paragraph", "heading", "figure", "list", "quote" or "embed"' }]);
  });

  it("unquotes an empty quoted parameter value", () => {
    expect(parseAccept('a/b;x=""')[0].params).toEqual([["x", ""]]);
  });

  it("needs a label before a wildcard's suffix", () => {
    const table = parseHostTable("https://www.presstv.ir", { "www.presstv.ir": "canonical", "*.workers.dev": "mirror" });
    expect(matchHost(new URL("https://.workers.dev/"), table)).toBeUndefined();
  });
});
