/**
 * The sitemaps against the sitemap 0.9 XML Schema (node_modules/sitemap/schema/sitemap.xsd), Google's
 * news tags and the protocol's index (tests/support/xsd.ts: xmllint-wasm, in Node). The documents are
 * made by the Worker's own functions from the seed article, at a time when it is news and at a time when
 * it is not; tests/node/served-worker.test.ts checks the Worker's real answers the same way.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { articlePath } from "../../src/shared/model/paths.ts";
import { parseArticleSource } from "../../tools/content/source.ts";
import type { FeedEntry } from "../../src/reader/feeds/entries.ts";
import { newsSitemapXml, sitemapIndexXml, sitemapXml } from "../../src/reader/feeds/sitemap.ts";
import { validateIndex, validateSitemap } from "../support/xsd.ts";

// The seed alone: whatever else content/ holds is the publisher's (issue 23, item 20).
const SEED = "content/articles/2020-02-27-turkish-troops-killed-in-idlib.md";
const entries: FeedEntry[] = [readFileSync(SEED, "utf8")].map((source) => {
  const parsed = parseArticleSource(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const a = parsed.value;
  return { id: a.id, path: articlePath(a), headline: a.headline, section: a.section, published: a.published, modified: a.modified };
});
const ctx = (now: number) => ({ canonicalOrigin: "https://www.presstv.ir", siteName: "Press TV", now });
const validate = validateSitemap;

describe("the Google News sitemap", () => {
  it("is valid with the seed article in its 48 hours", async () => {
    const xml = newsSitemapXml(ctx(Date.UTC(2020, 1, 28, 12)), entries);
    assert.match(xml, /<news:news>/);
    assert.deepEqual(await validate(xml, true), []);
  });

  it("is valid when nothing is new (it lists the front page)", async () => {
    const xml = newsSitemapXml(ctx(Date.UTC(2026, 0, 1)), entries);
    assert.doesNotMatch(xml, /<news:news>/);
    assert.deepEqual(await validate(xml), []);
    assert.deepEqual(await validate(newsSitemapXml(ctx(Date.UTC(2026, 0, 1)), [])), []);
  });

  it("the check can fail: an empty urlset is refused", async () => {
    const errors = await validate('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Missing child element/);
    // and a news entry missing its title, under the news schema
    const untitled = newsSitemapXml(ctx(Date.UTC(2020, 1, 28, 12)), entries).replace(/<news:title>[^<]*<\/news:title>/, "");
    assert.match((await validate(untitled, true)).join("\n"), /Missing child element/);
  });
});

describe("the sitemap", () => {
  it("is valid", async () => {
    assert.deepEqual(await validate(sitemapXml(ctx(0), entries)), []);
  });
});

describe("the sitemap index", () => {
  it("is valid, with a lastmod or without", async () => {
    const xml = sitemapIndexXml("https://www.presstv.ir", [{ path: "/sitemaps/1.xml", lastmod: Date.UTC(2021, 6, 1, 10) }, { path: "/sitemaps/2.xml" }]);
    assert.match(xml, /<lastmod>2021-07-01T10:00:00Z<\/lastmod>/);
    assert.deepEqual(await validateIndex(xml), []);
  });

  it("the check can fail: a sitemap without loc is refused", async () => {
    const errors = await validateIndex(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><lastmod>2021-01-01</lastmod></sitemap></sitemapindex>\n',
    );
    assert.equal(errors.length, 1);
  });
});

describe("issue 23, item 1: news sitemaps in other languages", () => {
  it("are valid with each article's language (fa, zh-cn) under the news schema", async () => {
    const now = Date.UTC(2021, 5, 1, 12);
    const base = entries[0];
    const xml = newsSitemapXml(ctx(now), [
      { ...base, id: "923401", published: "2021-06-01T08:00:00Z", modified: "2021-06-01T08:00:00Z", language: "fa" },
      { ...base, id: "923402", published: "2021-06-01T09:00:00Z", modified: "2021-06-01T09:00:00Z", language: "zh-Hans" },
    ]);
    assert.match(xml, /<news:language>fa<\/news:language>/);
    assert.match(xml, /<news:language>zh-cn<\/news:language>/);
    assert.deepEqual(await validate(xml, true), []);
  });
});
