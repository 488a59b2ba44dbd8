/**
 * @module
 * The sitemaps' schemas, checked by libxml2's xmllint compiled to WebAssembly (xmllint-wasm; it needs
 * worker threads, which workerd has not, so this runs in Node): the sitemap 0.9 XSD the `sitemap`
 * package ships, Google's news tags (fixtures/sitemap-news.xsd) and the protocol's index
 * (fixtures/siteindex.xsd). Each function returns xmllint's error messages, none for a valid document.
 */
import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";

const SITEMAP_XSD = readFileSync("node_modules/sitemap/schema/sitemap.xsd", "utf8");
const NEWS_XSD = readFileSync("tests/support/fixtures/xsd/sitemap-news.xsd", "utf8");
const INDEX_XSD = readFileSync("tests/support/fixtures/xsd/siteindex.xsd", "utf8");

// xmllint takes one schema; this one imports both namespaces from the files preloaded beside it.
const BOTH = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>`;

/** `xml` under the sitemap schema, with the news schema too when `news`. */
export async function validateSitemap(xml: string, news = false): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "doc.xml", contents: xml }],
    schema: [news ? { fileName: "both.xsd", contents: BOTH } : { fileName: "sitemap.xsd", contents: SITEMAP_XSD }],
    preload: news
      ? [
          { fileName: "sitemap.xsd", contents: SITEMAP_XSD },
          { fileName: "sitemap-news.xsd", contents: NEWS_XSD },
        ]
      : [],
  });
  return result.errors.map((e) => e.message);
}

/** A sitemap index under the protocol's index schema. */
export async function validateIndex(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "index.xml", contents: xml }],
    schema: [{ fileName: "siteindex.xsd", contents: INDEX_XSD }],
    preload: [{ fileName: "sitemap.xsd", contents: SITEMAP_XSD }],
  });
  return result.errors.map((e) => e.message);
}
