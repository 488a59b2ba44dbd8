// Per-host policy × representation, with a mirror host added to the real configuration.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { CANONICAL, CANONICAL_HOST, get, loadSeedContent, REDIRECT_WWW, SEED_PATH } from "../../support/helpers.ts";
import { type Media, PHOTO, storeQuayStories } from "../../support/quay-stories.ts";
import { kids, one, parseXml, textOf } from "../../support/xml.ts";

beforeAll(loadSeedContent);

const MIRROR = "https://news-mirror.example";
const testEnv = { ...env, HOSTS: { ...(env.HOSTS as Record<string, string>), "news-mirror.example": "mirror" } };
const app = createApp();
const send = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  app.fetch(new Request(url, { headers, method, redirect: "manual" }), testEnv);

describe("a mirror host", () => {
  it("serves the article HTML with navigation on the mirror and canonical signals on the canonical origin", async () => {
    const res = await send(MIRROR + SEED_PATH, { Accept: "text/html" });
    expect(res.status).toBe(200);
    expect(res.headers.get("link")).toBe(`<${CANONICAL}${SEED_PATH}>; rel="canonical"`);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const html = await res.text();
    expect(html).toContain(`<link rel="canonical" href="${CANONICAL}${SEED_PATH}"/>`);
    expect(html).toContain(`<link rel="alternate" type="application/json" href="${MIRROR}${SEED_PATH}"/>`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);
    expect(ld.url).toBe(CANONICAL + SEED_PATH);
    expect(ld.mainEntityOfPage).toBe(CANONICAL + SEED_PATH);
    // No navigation link leads to the canonical host; only rel=canonical names it.
    const hrefs = [...html.matchAll(/<(a|link)\b[^>]*href="([^"]*)"[^>]*>/g)].map((m) => m[0]);
    const toCanonical = hrefs.filter((tag) => tag.includes(`href="${CANONICAL}`));
    expect(toCanonical).toEqual([`<link rel="canonical" href="${CANONICAL}${SEED_PATH}"/>`]);
  });

  it("serves the front page with article links on the mirror", async () => {
    const html = await (await send(MIRROR + "/", { Accept: "text/html" })).text();
    expect(html).toContain(`<a href="${SEED_PATH}" dir="auto">`); // root-relative: it stays on the mirror
    expect(html).not.toContain(`<a href="${CANONICAL}`);
  });

  it("serves JSON with url on the mirror and canonicalUrl on the canonical origin", async () => {
    const res = await send(MIRROR + SEED_PATH, { Accept: "application/json" });
    const a = await res.json<{ url: string; canonicalUrl: string }>();
    expect(a).toMatchObject({ url: MIRROR + SEED_PATH, canonicalUrl: CANONICAL + SEED_PATH });
    const list = await (await send(MIRROR + "/api/v1/articles")).json<{ articles: { url: string; canonicalUrl: string }[] }>();
    expect(list.articles[0]).toMatchObject({ url: MIRROR + SEED_PATH, canonicalUrl: CANONICAL + SEED_PATH });
  });

  it("serves feeds and sitemaps with links on the mirror, ids unchanged", async () => {
    const rss = await send(MIRROR + "/rss.xml");
    expect(rss.headers.get("link")).toBe(`<${CANONICAL}/rss.xml>; rel="canonical"`);
    const item = one(one(parseXml(await rss.text()), "channel"), "item");
    expect(textOf(item, "link")).toBe(MIRROR + SEED_PATH);
    expect(textOf(item, "guid")).toBe(`tag:${CANONICAL_HOST},2020:article:100001`);
    const sitemap = parseXml(await (await send(MIRROR + "/sitemaps/1.xml")).text());
    expect(kids(sitemap, "url").map((u) => textOf(u, "loc"))).toContain(MIRROR + SEED_PATH);
    expect(await (await send(MIRROR + "/robots.txt")).text()).toContain(`Sitemap: ${MIRROR}/sitemap.xml`);
  });

  it("redirects a non-canonical path to the canonical path on the same mirror", async () => {
    const res = await send(MIRROR + "/DETAIL/2020/02/27/100001/old?x=1");
    expect(res.status).toBe(301);
    const location = res.headers.get("location")!;
    expect(location).toBe(`${SEED_PATH}?x=1`);
    expect(new URL(location, MIRROR).origin).toBe(MIRROR);
  });

  it("matches its name case-insensitively with a trailing dot, and builds links from the configured name", async () => {
    const a = await (await send("https://NEWS-MIRROR.EXAMPLE./" + SEED_PATH.slice(1), { Accept: "application/json" })).json<{ url: string }>();
    expect(a.url).toBe(MIRROR + SEED_PATH);
  });
});

describe("hosts never share a cache entry when their bodies differ", () => {
  it("keeps canonical, mirror and development copies apart", async () => {
    const urls = [CANONICAL, MIRROR, "http://localhost:8787", CANONICAL, MIRROR].map((o) => o + SEED_PATH);
    for (const url of urls) {
      const a = await (await send(url, { Accept: "application/json" })).json<{ url: string }>();
      expect(a.url).toBe(url);
    }
  });
});

describe("policy × representation", () => {
  const cases: [string, string, Record<string, string>][] = [
    ["article HTML", SEED_PATH, { Accept: "text/html" }],
    ["article JSON", SEED_PATH, { Accept: "application/json" }],
    ["RSS feed", "/rss.xml", {}],
    ["API", "/api/v1/articles/100001", {}],
  ];
  it.each(cases)("canonical serves %s", async (_, path, headers) => {
    expect((await send(CANONICAL + path, headers)).status).toBe(200);
  });
  it.each(cases)("mirror serves %s in place", async (_, path, headers) => {
    expect((await send(MIRROR + path, headers)).status).toBe(200);
  });
  it.each(cases)("redirect sends %s to the canonical origin", async (_, path, headers) => {
    const res = await send(REDIRECT_WWW + path, headers);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(CANONICAL + path);
  });
  it.each(cases)("an unknown host gets 421 for %s", async (_, path, headers) => {
    const res = await send("https://news-mirror.example.evil" + path, headers);
    expect(res.status).toBe(421);
    expect(res.headers.get("location")).toBeNull();
  });
});

// From findings-api-integration.test.ts: Issue 23, through the Worker: structured data (item 4), one rule for photos on a mirror (6), a Persian headline (7), fields and the change feed (8, 9), refused writes (10, 11) and search (15, 16), each test named after the defect. Its stories: tests/support/quay-stories.ts.
describe("issue 23's findings, through the Worker", () => {
  let media: Media;
  const JSON_ = { Accept: "application/json" };
  const MIRROR = "https://findings.workers.dev";

  beforeAll(async () => {
    media = await storeQuayStories();
  });

  describe("photos on a mirror host (issue 23, item 6)", () => {
    it("JSON src, image.src, renditions and the Markdown image are on the serving host, as the page's are", async () => {
      const path = `/Detail/2021/05/01/${PHOTO}/Quay-reopens`;
      const json = await (
        await get(MIRROR + path, JSON_)
      ).json<{ image: { src: string; renditions: { url: string }[] }; body: { src?: string }[]; canonicalUrl: string }>();
      expect(json.image.src).toBe(`${MIRROR}/media/${media.id}`);
      expect(json.body[0].src).toBe(`${MIRROR}/media/${media.id}`);
      expect(json.image.renditions.every((r) => r.url.startsWith(`${MIRROR}/media/`))).toBe(true);
      expect(json.canonicalUrl).toBe(CANONICAL + path);
      const markdown = await (await get(MIRROR + path, { Accept: "text/markdown" })).text();
      expect(markdown).toContain(`](<${MIRROR}/media/${media.id}>)`);
      expect(markdown).not.toContain(`${CANONICAL}/media/`);
      const html = await (await get(MIRROR + path, { Accept: "text/html" })).text();
      expect(html).toContain(`src="${MIRROR}/media/${media.id}/960"`);
      // On the canonical host nothing changes: the upload's own URL.
      expect((await (await get(CANONICAL + path, JSON_)).json<{ image: { src: string } }>()).image.src).toBe(media.url);
    });
  });
});
