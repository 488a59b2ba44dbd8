// What an article page tells machines in its head, for an article without a photo and one dated by
// day alone (the seed is both): link previews (OpenGraph, Twitter) and schema.org NewsArticle JSON-LD
// still name an image — the publisher's logo — and its dates are instants with a zone. Ids 562xxx.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { CANONICAL, get, loadSeedContent, SEED_PATH, SITE_NAME, store } from "../../support/helpers.ts";

/** RFC 3339 / ISO 8601 with a time and a zone, as schema.org's DateTime and Google's Article guidelines ask. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]) as Record<string, unknown>;
const meta = (html: string, property: string) =>
  [...html.matchAll(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"/>`, "g"))].map((m) => m[1]);

let seedHtml = "";
beforeAll(async () => {
  await loadSeedContent();
  await store({
    id: "562001",
    section: ["Heads"],
    headline: "Dated to the minute, in Tehran",
    published: "2026-11-01T08:30:00+03:30",
    body: [{ type: "paragraph", text: "A paragraph." }],
  });
  seedHtml = await (await get(CANONICAL + SEED_PATH)).text();
});

describe("an article without a photo, dated by day alone (issue 34, item 12)", () => {
  it("names the publisher's logo as og:image and in the JSON-LD: the site's own mark when SITE_LOGO names none", () => {
    expect(env.SITE_LOGO).toBe("");
    const logo = `${CANONICAL}/icon-512.png`;
    expect(meta(seedHtml, "og:image")).toEqual([logo]);
    expect(meta(seedHtml, "og:image:width")).toEqual(["512"]);
    expect(meta(seedHtml, "og:image:height")).toEqual(["512"]);
    expect(meta(seedHtml, "og:image:alt")).toEqual([SITE_NAME]);
    // A square logo is a summary card's thumbnail, not a large image to crop.
    expect(meta(seedHtml, "twitter:card")).toEqual(["summary"]);
    expect(meta(seedHtml, "twitter:image")).toEqual([logo]);
    const ld = jsonLd(seedHtml);
    expect(ld.image).toEqual([{ "@type": "ImageObject", url: logo, width: 512, height: 512 }]);
    expect((ld.publisher as { logo: unknown }).logo).toEqual({ "@type": "ImageObject", url: logo, width: 512, height: 512 });
  });

  it("the logo it names is served, a 512 px square PNG (Google asks at least 50,000 pixels, 1:1 among its ratios)", async () => {
    const res = await get(`${CANONICAL}/icon-512.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(await env.IMAGES.info(res.body!)).toMatchObject({ format: "image/png", width: 512, height: 512 });
  });

  it("gives the date-only datePublished and dateModified the start of that day in UTC, as its feeds and sitemaps do", () => {
    const ld = jsonLd(seedHtml);
    expect(ld.datePublished).toBe("2020-02-27T00:00:00Z");
    expect(ld.dateModified).toBe("2020-02-27T00:00:00Z");
    expect(meta(seedHtml, "article:published_time")).toEqual(["2020-02-27T00:00:00Z"]);
    expect(meta(seedHtml, "article:modified_time")).toEqual(["2020-02-27T00:00:00Z"]);
    // The page still shows a date for a date (a person reads the day; machines get the instant).
    expect(seedHtml).toContain('<time datetime="2020-02-27">Thursday 27 February 2020</time>');
  });

  it("keeps a date-time with its own offset as written", async () => {
    const html = await (await get(`${CANONICAL}/Detail/2026/11/01/562001/Dated-to-the-minute-in-Tehran`)).text();
    const ld = jsonLd(html);
    expect(ld.datePublished).toBe("2026-11-01T08:30:00+03:30");
    expect(meta(html, "article:published_time")).toEqual(["2026-11-01T08:30:00+03:30"]);
  });

  it("is valid NewsArticle JSON-LD for what Google reads: absolute image URLs, instants with a zone, an author", () => {
    const ld = jsonLd(seedHtml) as { "@context": string; "@type": string; image: { url: string }[]; author: unknown[]; headline: string } & Record<
      string,
      string
    >;
    expect(ld["@context"]).toBe("https://schema.org");
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.datePublished).toMatch(DATE_TIME);
    expect(ld.dateModified).toMatch(DATE_TIME);
    for (const image of ld.image) expect(new URL(image.url).protocol).toBe("https:");
    expect(ld.author.length).toBeGreaterThan(0);
    expect(ld.headline.length).toBeLessThanOrEqual(110);
  });

  it("names SITE_LOGO when the publisher configured one, without a size it does not know", async () => {
    // Its own host, so no copy built without the logo answers.
    const html = await (await createApp().fetch(new Request("http://localhost:8793" + SEED_PATH), { ...env, SITE_LOGO: `${CANONICAL}/media/logo` })).text();
    expect(meta(html, "og:image")).toEqual([`${CANONICAL}/media/logo`]);
    expect(meta(html, "og:image:width")).toEqual([]);
    expect(jsonLd(html).image).toEqual([{ "@type": "ImageObject", url: `${CANONICAL}/media/logo` }]);
  });
});
