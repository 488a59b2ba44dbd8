/**
 * The sitemaps against the sitemap 0.9 XML Schema (node_modules/sitemap/schema/sitemap.xsd), checked
 * by libxml2's xmllint compiled to WebAssembly (xmllint-wasm). Runs in Node (`npm run test:node`):
 * xmllint-wasm needs worker threads, which workerd has not. The documents are made by the Worker's
 * own functions from the seed article, at a time when it is news and at a time when it is not.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { validateXML } from "xmllint-wasm";
import { articlePath } from "../src/content/paths.ts";
import { parseArticleSource } from "../src/content/source.ts";
import type { FeedEntry } from "../src/feeds/entries.ts";
import { newsSitemapXml, sitemapXml } from "../src/feeds/sitemap.ts";

const SITEMAP_XSD = readFileSync("node_modules/sitemap/schema/sitemap.xsd", "utf8");
const NEWS_XSD = readFileSync("node-tests/fixtures/sitemap-news.xsd", "utf8");

// The seed alone: whatever else content/ holds is the publisher's (issue 23, item 20).
const SEED = "content/articles/2020-02-27-turkish-troops-killed-in-idlib.md";
const entries: FeedEntry[] = [readFileSync(SEED, "utf8")].map((source) => {
  const parsed = parseArticleSource(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const a = parsed.value;
  return { id: a.id, path: articlePath(a), headline: a.headline, section: a.section, published: a.published, modified: a.modified };
});
const ctx = (now: number) => ({ canonicalOrigin: "https://www.presstv.ir", siteName: "Press TV", now });

// xmllint takes one schema; this one imports both namespaces from the files preloaded beside it.
const BOTH = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>`;

/** xmllint's error messages for `xml` under the sitemap schema, with the news schema too when `news`. */
async function validate(xml: string, news = false) {
  const result = await validateXML({
    xml: [{ fileName: "doc.xml", contents: xml }],
    schema: [news ? { fileName: "both.xsd", contents: BOTH } : { fileName: "sitemap.xsd", contents: SITEMAP_XSD }],
    preload: news ? [{ fileName: "sitemap.xsd", contents: SITEMAP_XSD }, { fileName: "sitemap-news.xsd", contents: NEWS_XSD }] : [],
  });
  return result.errors.map((e) => e.message);
}

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
