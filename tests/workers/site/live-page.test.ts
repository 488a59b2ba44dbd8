// A live story's page (issue 38, the read side): the Live label by the headline (Coverage ended once closed),
// Key points on top, the updates newest first each with its anchor, time and link, titles escaped, at most 50
// shown with the rest in the JSON, within the page budget; its JSON-LD a valid LiveBlogPosting (tests/support/live-blog-posting.schema.json). Stories 388301–388309, section "Lively".
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ArticlePage } from "../../../src/reader/render/article.tsx";
import { renderPage } from "../../../src/reader/render/layout.tsx";
import { siteFor } from "../../../src/reader/site/config.ts";
import { articleView } from "../../../src/reader/views/views.ts";
import { Validator } from "@cfworker/json-schema";
import schemaText from "../../support/live-blog-posting.schema.json?raw";
import { CANONICAL, get, store } from "../../support/helpers.ts";

const START = "2026-11-20T08:00:00Z";
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString().replace(/\.000Z$/, "Z");
const update = (n: number, extra: Record<string, unknown> = {}) => ({
  n,
  seq: n,
  time: at(n * 5),
  body: [{ type: "paragraph", text: `Update number ${n} of the flood: rescuers and officials said more about the situation in the valley.` }],
  ...extra,
});
const story = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  section: ["Lively"],
  headline: `Live: flood story ${id}`,
  slug: "flood",
  published: START,
  body: [{ type: "paragraph", text: `The floods of ${id}.` }],
  live: { start: START, end: null },
  ...extra,
});

const OPEN = story("388301", {
  updates: [
    update(1, { title: "Rescuers reach the <valley> & the dam", pinned: true, authors: [{ name: "Leila Karimi" }] }),
    update(2),
    update(3, { title: "Bridge closed" }),
  ],
  removed: [{ n: 4, seq: 4 }],
});
const CLOSED = story("388302", { live: { start: START, end: at(60) }, updates: [update(1, { pinned: true }), update(2)] });
const MANY = story("388303", { updates: Array.from({ length: 60 }, (_, i) => update(i + 1)) });
const THIRTY = story("388304", { updates: Array.from({ length: 30 }, (_, i) => update(i + 1, { title: `Update title ${i + 1}` })) });
const path = (id: string) => `/Detail/2026/11/20/${id}/flood`;
const page = async (id: string) => {
  const res = await get(CANONICAL + path(id), { Accept: "text/html" });
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  await store(OPEN, CLOSED, MANY, THIRTY);
});

describe("a live story's page", () => {
  it("shows the Live label by the headline, Key points on top, then the updates newest first, each with its anchor", async () => {
    const html = await page("388301");
    expect(html).toMatch(/<p class="live-label"><span class="live-dot" aria-hidden="true"><\/span>Live<\/p><h1>/);
    const keyPoints = html.indexOf('class="key-points"');
    const body = html.indexOf("The floods of 388301.", html.indexOf("<h1>"));
    expect(keyPoints).toBeGreaterThan(0);
    expect(keyPoints).toBeLessThan(body);
    expect(html.slice(keyPoints, body)).toContain('<a href="#update-1">');
    const order = [3, 2, 1].map((n) => html.indexOf(`<article class="update" id="update-${n}"`));
    expect(order.every((i) => i > body)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toContain('id="update-4"');
    expect(html).toContain(`<a href="#update-2" class="update-link" title="Link to this update"><time datetime="${at(10)}">08:10 GMT</time></a>`);
    expect(html).toContain("<h3>Bridge closed</h3>");
    expect(html).toContain("By Leila Karimi");
    expect(html).toContain('data-cursor="4"');
  });

  it("escapes an update's title and text", async () => {
    const html = await page("388301");
    expect(html).toContain("<h3>Rescuers reach the &lt;valley&gt; &amp; the dam</h3>");
    expect(html).not.toContain("<valley>");
  });

  it("says Coverage ended once closed, and keeps the updates without a Key points box", async () => {
    const html = await page("388302");
    expect(html).toContain('<p class="live-label ended">Coverage ended</p><h1>');
    expect(html).not.toContain('class="live-dot"');
    expect(html).not.toContain('class="key-points"');
    expect(html).toContain('id="update-2"');
    expect(html).toContain('id="update-1"');
  });

  it("shows the newest 50 of 60 updates and says how many older ones the JSON has", async () => {
    const html = await page("388303");
    expect(html).toContain('id="update-60"');
    expect(html).toContain('id="update-11"');
    expect(html).not.toContain('id="update-10"');
    expect(html).toContain(`<a href="${CANONICAL}/api/v1/articles/388303/updates" type="application/json">10 older updates are not shown here`);
  });

  it("keeps a page of 30 updates within 40 KiB, its JSON-LD naming the newest 10", async () => {
    const html = await page("388304");
    expect(new TextEncoder().encode(html).byteLength).toBeLessThan(40 * 1024);
    expect(html.match(/"@type":"BlogPosting"/g)).toHaveLength(10);
  });

  it("a story that is not live has none of it", async () => {
    const site = siteFor(env, CANONICAL, CANONICAL);
    const { live: _, ...plain } = story("388305");
    const view = articleView({ ...plain, modified: START, description: "" } as never, site);
    const html = await renderPage(ArticlePage({ article: view, site, extras: { nav: { sections: [] }, latest: [] } }), "");
    expect(html).not.toContain("live-label");
    expect(html).not.toContain("live-updates");
  });
});

describe("a live story's JSON-LD", () => {
  const validator = new Validator(JSON.parse(schemaText) as object, "2020-12", false);
  const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]) as Record<string, unknown>;

  it("is a LiveBlogPosting with its coverage start and each update a BlogPosting with its anchor, valid against the schema", async () => {
    const ld = jsonLd(await page("388301"));
    expect(validator.validate(ld).errors).toEqual([]);
    expect(ld["@type"]).toBe("LiveBlogPosting");
    expect(ld.coverageStartTime).toBe(START);
    expect(ld).not.toHaveProperty("coverageEndTime");
    const updates = ld.liveBlogUpdate as Record<string, unknown>[];
    expect(updates.map((u) => u.url)).toEqual([3, 2, 1].map((n) => `${CANONICAL}${path("388301")}#update-${n}`));
    expect(updates[0]).toMatchObject({ "@type": "BlogPosting", headline: "Bridge closed", datePublished: at(15), dateModified: at(15) });
    expect(updates[1].headline).toBe("Update number 2 of the flood: rescuers and officials said more about…");
    expect(updates[2].articleBody).toContain("Update number 1 of the flood");
  });

  it("names its coverage end once closed, and stays valid", async () => {
    const ld = jsonLd(await page("388302"));
    expect(validator.validate(ld).errors).toEqual([]);
    expect(ld.coverageEndTime).toBe(at(60));
  });

  it("the schema itself refuses what Google would: a NewsArticle, an update without a body, a date without a zone", async () => {
    const ld = jsonLd(await page("388301"));
    expect(validator.validate({ ...ld, "@type": "NewsArticle" }).valid).toBe(false);
    const updates = ld.liveBlogUpdate as Record<string, unknown>[];
    expect(validator.validate({ ...ld, liveBlogUpdate: [{ ...updates[0], articleBody: "" }] }).valid).toBe(false);
    expect(validator.validate({ ...ld, coverageStartTime: "2026-11-20T08:00:00" }).valid).toBe(false);
  });

  it("a story that is not live stays a NewsArticle", async () => {
    const res = await get(`${CANONICAL}/api/v1/articles/100001`, { Accept: "application/json" });
    expect(res.status === 200 || res.status === 404).toBe(true);
    const site = siteFor(env, CANONICAL, CANONICAL);
    const { live: _, ...plain } = story("388306");
    const view = articleView({ ...plain, modified: START, description: "" } as never, site);
    const html = await renderPage(ArticlePage({ article: view, site, extras: { nav: { sections: [] }, latest: [] } }), "");
    expect(jsonLd(html)["@type"]).toBe("NewsArticle");
  });
});

describe("a live story as JSON and Markdown", () => {
  it("JSON carries live, the updates newest first with their anchors, and the cursor (v1: added members only)", async () => {
    for (const url of [CANONICAL + path("388301"), `${CANONICAL}/api/v1/articles/388301`]) {
      const res = await get(url, { Accept: "application/json" });
      const json = await res.json<{ headline: string; live: unknown; cursor: number; updates: { n: number; url: string }[] }>();
      expect(json.headline).toBe("Live: flood story 388301");
      expect(json.live).toEqual({ start: START, end: null });
      expect(json.cursor).toBe(4);
      expect(json.updates.map((u) => u.n)).toEqual([3, 2, 1]);
      expect(json.updates[0].url).toBe(`${CANONICAL}${path("388301")}#update-3`);
    }
  });

  it("Markdown lists the updates newest first with their times and anchors", async () => {
    const md = await (await get(CANONICAL + path("388301"), { Accept: "text/markdown" })).text();
    expect(md).toContain("## Live updates");
    const order = [3, 2, 1].map((n) => md.indexOf(`[Update ${n}](<${CANONICAL}${path("388301")}#update-${n}>)`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md).toContain(`### ${at(15)} · Bridge closed`);
    expect(md).toContain(`### ${at(5)} · Key point · Rescuers reach the`);
  });
});

describe("the live page's script", () => {
  const csp = async (id: string) => (await get(CANONICAL + path(id), { Accept: "text/html" })).headers.get("content-security-policy")!;

  it("an open live page names the script's hash in its CSP and runs it deferred with that integrity; the page still has every update", async () => {
    const script = await get(`${CANONICAL}/assets/live.js`);
    expect(script.status).toBe(200);
    const text = await script.text();
    expect(new TextEncoder().encode(text).byteLength).toBeLessThan(3 * 1024);
    const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))));
    expect(await csp("388301")).toContain(`script-src 'sha256-${digest}';`);
    const html = await page("388301");
    expect(html).toMatch(
      new RegExp(`<script src="/assets/live\\.js\\?h=[A-Za-z0-9]{12}" integrity="sha256-${digest.replace(/[+/]/g, "\\$&")}" defer=""></script>`),
    );
    expect(html).toContain('<div class="live-news" aria-live="polite"><button type="button" class="new-updates" hidden=""></button></div>');
    expect(html).toContain('data-new="{0} new update|{0} new updates"');
  });

  it("a closed live page and any other page keep a CSP without any script", async () => {
    for (const id of ["388302"]) {
      expect(await csp(id)).not.toContain("script-src");
      expect(await page(id)).not.toContain("<script src");
    }
    await store(story("388307", { live: undefined }));
    expect(await csp("388307")).not.toContain("script-src");
    const front = await get(`${CANONICAL}/`, { Accept: "text/html" });
    expect(front.headers.get("content-security-policy")).not.toContain("script-src");
  });
});
