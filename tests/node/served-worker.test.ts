/**
 * The built Worker as `npm run serve` runs it (scripts/lib/runtime.ts), with a photo in content/'s
 * way: issue 23, item 19 (`/media/<id>/960` answered 500 because serve gave the Worker no MEDIA or
 * IMAGES binding; serve now has every binding `wrangler dev` has), and the outside check of the API:
 * about 40 real responses, each validated by ajv (JSON Schema 2020-12, with formats) against the
 * operation and status that /openapi.json documents for it; the real sitemaps by xmllint against their
 * schemas, and the real feeds by a feed parser. 0 findings allowed.
 */
import assert from "node:assert/strict";
import { parseFeed } from "@rowanmanning/feed-parser";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Miniflare } from "miniflare";
import type { ValidateFunction } from "ajv";
import { buildService } from "../../scripts/lib/bundle.ts";
import { readWorkerConfig, startWorker } from "../../scripts/lib/runtime.ts";
import type { MediaFile } from "../../scripts/lib/content-media.ts";
import { parseArticleSource } from "../../tools/content/source.ts";
import { validateIndex, validateSitemap } from "../support/xsd.ts";

const SEED = "content/articles/2020-02-27-turkish-troops-killed-in-idlib.md";
const PHOTO_FILE = "tests/support/fixtures/media/photo-1600x900.jpg";
const SHA = createHash("sha256").update(readFileSync(PHOTO_FILE)).digest("hex");
const PHOTO_ID = "923301";

let mf: Miniflare;
let origin = "";
let token = "";

before(async () => {
  process.env.WRANGLER_SEND_METRICS = "false";
  const config = readWorkerConfig();
  const seed = parseArticleSource(readFileSync(SEED, "utf8"));
  if (!seed.ok) throw new Error(JSON.stringify(seed.errors));
  const photo = {
    id: PHOTO_ID,
    slug: "Harbour-reopens",
    section: ["News", "Ports"],
    headline: "Harbour reopens",
    description: "The harbour reopened.",
    published: "2021-05-01",
    modified: "2021-05-01",
    body: [
      {
        type: "figure" as const,
        caption: "Ships at the quay.",
        credit: "Photo by Test",
        alt: "Two ships",
        src: `https://www.presstv.ir/media/${SHA}`,
        width: 1600,
        height: 900,
      },
      { type: "paragraph" as const, text: "The harbour reopened." },
    ],
  };
  const media: MediaFile[] = [{ key: `media/${SHA}`, file: PHOTO_FILE, type: "image/jpeg", width: 1600, height: 900 }];
  const bundle = await buildService("dist/node-test-served", config.main, readWorkerConfig("newsroom.wrangler.toml").main);
  const running = await startWorker(bundle.main, config, [seed.value, photo], { port: 0, logs: false, media, newsroomScript: bundle.newsroom });
  ({ mf, token } = running);
  origin = running.url.origin;
});
after(() => mf?.dispose());

describe("item 19: npm run serve has every binding wrangler dev has", () => {
  it("serves a rendition of a content photo (R2 and Images), not a 500", async () => {
    const res = await fetch(`${origin}/media/${SHA}/960`, { headers: { Accept: "image/jpeg" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/jpeg");
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xff, 0xd8, 0xff]);
  });

  it("serves the photo article's page, whose image loads", async () => {
    const html = await (await fetch(`${origin}/Detail/2021/05/01/${PHOTO_ID}/Harbour-reopens`, { headers: { Accept: "text/html" } })).text();
    const src = /<img src="([^"]+)"/.exec(html)?.[1];
    assert.equal(src, `${origin}/media/${SHA}/960`);
    assert.equal((await fetch(src!, { headers: { Accept: "image/avif,image/webp,*/*" } })).status, 200);
  });

  it("searches (the rate limit binding is there) and uploads (R2)", async () => {
    assert.equal((await fetch(`${origin}/api/v1/search?q=harbour`, { headers: { Accept: "application/json" } })).status, 200);
    const upload = await fetch(`${origin}/api/v1/media`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: readFileSync(PHOTO_FILE) });
    assert.equal(upload.status, 200); // already there: the same bytes serve put into R2
  });
});

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

/** A validator per documented response schema, compiled by ajv with the document's components as `$defs`. */
function validators(doc: Doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats.default(ajv);
  const local = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  const defs = local(doc.components.schemas);
  const cache = new Map<object, ValidateFunction>();
  return (schema: object) => {
    let v = cache.get(schema);
    if (!v) cache.set(schema, (v = ajv.compile({ $defs: defs, ...local(schema) })));
    return v;
  };
}

function operation(doc: Doc, method: string, pathname: string) {
  for (const [template, item] of Object.entries(doc.paths)) {
    if (new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname) && item[method.toLowerCase()]) return item[method.toLowerCase()];
  }
  return undefined;
}

describe("the API's real responses against /openapi.json, by ajv", () => {
  it("every one has a documented status and a body its schema accepts", async () => {
    const doc = (await (await fetch(`${origin}/openapi.json`)).json()) as Doc;
    const validate = validators(doc);
    const json = { Accept: "application/json" };
    const bearer = { ...json, Authorization: `Bearer ${token}` };
    const putJson = (body: string) => ({ method: "PUT", headers: { ...bearer, "Content-Type": "application/json" }, body });
    const article = { section: ["News", "Checked"], headline: "Checked by ajv", published: "2021-06-01", body: [{ type: "paragraph", text: "Text." }] };
    const first = (await (await fetch(`${origin}/api/v1/articles?per_page=1`, { headers: json })).json()) as { next: string };
    const etag = (await fetch(`${origin}/api/v1/articles/100001`, { headers: json })).headers.get("etag")!;
    const calls: [string, RequestInit?][] = [
      ...[
        "",
        "?per_page=1",
        "?per_page=1&page=2",
        `?after=${first.next}`,
        "?fields=headline",
        "?fields=id,description,image",
        "?section=News",
        "?section=news",
        "?section=News/Ports",
      ].map((q): [string] => [`/api/v1/articles${q}`]),
      ...["?page=0", "?per_page=101", "?fields=nope", "?after=bad"].map((q): [string] => [`/api/v1/articles${q}`]),
      ["/api/v1/articles", { headers: { Accept: "image/png" } }],
      ["/api/v1/articles/100001"],
      ["/api/v1/articles/100001?fields=headline,image"],
      [`/api/v1/articles/${PHOTO_ID}`],
      ["/api/v1/articles/999999999"],
      ["/api/v1/articles/100001", { headers: { ...json, "If-None-Match": etag } }],
      ["/api/v1/articles/100001?preview=1"],
      ["/api/v1/articles/100001?preview=1", { headers: bearer }],
      ["/api/v1/articles/100001/revisions", { headers: bearer }],
      ["/api/v1/articles/100001/revisions/1", { headers: bearer }],
      ["/api/v1/articles/100001/revisions"],
      ["/api/v1/sections"],
      ...["?q=Idlib", "?q=Idlib&section=News", "?q=harbour&per_page=1", "?q=", "?q=Idlib&per_page=51", `?q=${"w ".repeat(13)}`].map((q): [string] => [
        `/api/v1/search${q}`,
      ]),
      ...["", "?since=0&limit=1", "?latest", "?since=99999", "?since=x"].map((q): [string] => [`/api/v1/changes${q}`]),
      ["/api/v1/articles/923310", putJson("{not json")],
      ["/api/v1/articles/923310", putJson(JSON.stringify({ ...article, body: [{ type: "embed", url: "https://[" }] }))],
      ["/api/v1/articles/923310", putJson(JSON.stringify(article))],
      ["/api/v1/articles/923310", putJson(JSON.stringify({ ...article, headline: "Checked again" }))],
      ["/api/v1/articles/923310", { headers: json }],
      ["/api/v1/articles/923310", { method: "DELETE", headers: bearer }],
      ["/api/v1/media", { method: "POST", headers: bearer, body: readFileSync(PHOTO_FILE) }],
      ["/api/v1/media", { method: "POST", headers: bearer, body: "<html>not an image</html>" }],
    ];
    const findings: string[] = [];
    const statuses = new Set<number>();
    for (const [path, init = { headers: json } as RequestInit] of calls) {
      const res = await fetch(origin + path, { redirect: "manual", ...init });
      const text = await res.text();
      statuses.add(res.status);
      const where = `${init.method ?? "GET"} ${path} → ${res.status}`;
      const op = operation(doc, init.method ?? "GET", new URL(origin + path).pathname);
      const response = op?.responses[String(res.status)];
      if (!response) {
        findings.push(`${where}: status not documented`);
        continue;
      }
      const schema = response.content?.[(res.headers.get("content-type") ?? "").split(";")[0].trim()]?.schema;
      if (text && !schema) findings.push(`${where}: a body of ${res.headers.get("content-type")} that the document does not describe`);
      if (!text || !schema) continue;
      const check = validate(schema);
      if (!check(JSON.parse(text))) findings.push(`${where}: ${check.errors!.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
    }
    assert.ok(calls.length >= 40, `${calls.length} calls`);
    assert.deepEqual(findings, []);
    // The check can fail: these statuses were all exercised, and a wrong body is refused.
    for (const s of [200, 201, 204, 301, 304, 400, 401, 404, 406, 410, 415, 422]) assert.ok(statuses.has(s), `no ${s} among the answers`);
    const list = validate(doc.paths["/api/v1/articles"].get.responses["200"].content!["application/json"].schema);
    assert.equal(list({ articles: [{ id: 1 }], total: 0, page: 1, perPage: 20, pages: 1 }), false);
  });
});

describe("the real sitemaps and feeds, by outside checkers", () => {
  it("the sitemap index, a sitemap and the news sitemap are valid under their schemas (xmllint)", async () => {
    const text = async (path: string) => (await fetch(origin + path)).text();
    const index = await text("/sitemap.xml");
    assert.match(index, /<lastmod>/);
    assert.deepEqual(await validateIndex(index), []);
    assert.deepEqual(await validateSitemap(await text("/sitemaps/1.xml")), []);
    assert.deepEqual(await validateSitemap(await text("/news-sitemap.xml"), true), []);
  });

  it("every feed reads in a feed parser, each item with its title, link, id and date", async () => {
    for (const path of ["/rss.xml", "/atom.xml", "/News/rss.xml", "/News/Ports/atom.xml"]) {
      const feed = parseFeed(await (await fetch(origin + path)).text());
      assert.ok(feed.items.length > 0, path);
      for (const item of feed.items) {
        assert.ok(
          item.title && item.url?.startsWith(origin + "/Detail/") && item.id?.startsWith("tag:www.presstv.ir,2020:article:") && item.published,
          `${path}: ${JSON.stringify(item.title)}`,
        );
      }
    }
    const photo = parseFeed(await (await fetch(`${origin}/News/Ports/atom.xml`)).text()).items[0];
    assert.deepEqual(
      photo.media.map((m) => m.url),
      [`${origin}/media/${SHA}/1280`],
    );
  });
});
