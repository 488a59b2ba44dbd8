// An article whose lead figure is an uploaded photo: the page's <img> has srcset, sizes, width and
// height and is fetched first; cards and JSON-LD name the image; the JSON carries the renditions.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import jpegUrl from "../../support/fixtures/media/photo-1600x900.jpg?inline";
import { CANONICAL, get, loadSeedContent, SITE_NAME, TOKEN, WAIT } from "../../support/helpers.ts";

const ID = "711101";
const PATH = `/Detail/2026/11/22/${ID}/Harbour-reopens`;
const auth = { Authorization: `Bearer ${TOKEN}` };
let media: { id: string; url: string; width: number; height: number };

function article(figure: Record<string, unknown>) {
  return {
    section: ["News", "Ports"],
    headline: "Harbour reopens",
    published: "2026-11-22",
    body: [
      figure,
      { type: "paragraph", text: "The harbour reopened on Sunday." },
      { type: "figure", caption: "Second.", credit: "Photo by Test", src: "https://img.example/b.jpg", width: 1200, height: 800 },
    ],
  };
}
function put(body: unknown) {
  return get(`${CANONICAL}/api/v1/articles/${ID}`, { ...auth, "Content-Type": "application/json", ...WAIT }, { method: "PUT", body: JSON.stringify(body) });
}

beforeAll(async () => {
  await loadSeedContent();
  const bytes = Uint8Array.from(atob(jpegUrl.slice(jpegUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
  media = await (await get(`${CANONICAL}/api/v1/media`, auth, { method: "POST", body: bytes })).json();
  const res = await put(
    article({
      type: "figure",
      caption: "Ships at the quay.",
      credit: "Photo by Test",
      alt: "Two ships at a quay",
      src: media.url,
      width: media.width,
      height: media.height,
    }),
  );
  expect(res.status).toBe(201);
});

describe("a figure with an uploaded photo", () => {
  it("must give the photo's width and height", async () => {
    const res = await put(article({ type: "figure", caption: "c", credit: "d", src: media.url }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ field: "body[0].width" }] });
  });

  it("is an <img> with srcset, sizes, width and height, fetched first; later figures are lazy", async () => {
    const html = await (await get(CANONICAL + PATH)).text();
    const base = `${CANONICAL}/media/${media.id}`;
    expect(html).toContain(
      `<img src="${base}/960" srcset="${base}/320 320w, ${base}/640 640w, ${base}/960 960w, ${base}/1280 1280w" sizes="(min-width: 64rem) 49rem, calc(100vw - 2rem)" alt="Two ships at a quay" width="1600" height="900" fetchpriority="high" decoding="async"/>`,
    );
    expect(html).toContain('<img src="https://img.example/b.jpg" alt="" width="1200" height="800" loading="lazy" decoding="async"/>');
  });

  it("is the card image: og:image with size and alt, twitter summary_large_image, JSON-LD image", async () => {
    const html = await (await get(CANONICAL + PATH)).text();
    const url = `${CANONICAL}/media/${media.id}/1280`;
    expect(html).toContain(`<meta property="og:image" content="${url}"/>`);
    expect(html).toContain(
      '<meta property="og:image:width" content="1280"/><meta property="og:image:height" content="720"/><meta property="og:image:alt" content="Two ships at a quay"/>',
    );
    const site = env.SITE_TWITTER ? `<meta name="twitter:site" content="${env.SITE_TWITTER}"/>` : "";
    expect(html).toContain(`<meta name="twitter:card" content="summary_large_image"/>${site}<meta name="twitter:title" content="Harbour reopens"/>`);
    expect(html).toContain(`<meta name="twitter:image" content="${url}"/>`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);
    const crop = (w: number, h: number) => ({ "@type": "ImageObject", url: `${CANONICAL}/media/${media.id}/${w}x${h}`, width: w, height: h });
    // The 16:9 crop is the size of the 1280 rendition already named: listed once (issue 23, item 4).
    expect(ld.image).toEqual([{ "@type": "ImageObject", url, width: 1280, height: 720 }, crop(960, 720), crop(720, 720)]);
    for (const [w, h] of [
      [960, 720],
      [720, 720],
    ]) {
      const res = await get(`${CANONICAL}/media/${media.id}/${w}x${h}`, { Accept: "image/jpeg" });
      expect(res.status).toBe(200);
      expect(await env.IMAGES.info(res.body!)).toMatchObject({ format: "image/jpeg", width: w, height: h });
    }
    // and every rendition it names is served, at its size
    const res = await get(url, { Accept: "image/webp" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
  });

  it("carries width, height and the renditions in the JSON, on the figure and as the image", async () => {
    const a = await (await get(CANONICAL + PATH, { Accept: "application/json" })).json<{ image: Record<string, unknown>; body: Record<string, unknown>[] }>();
    const renditions = [320, 640, 960, 1280].map((w) => ({ width: w, url: `${CANONICAL}/media/${media.id}/${w}` }));
    expect(a.image).toEqual({
      caption: "Ships at the quay.",
      credit: "Photo by Test",
      src: media.url,
      alt: "Two ships at a quay",
      width: 1600,
      height: 900,
      renditions,
    });
    expect(a.body[0]).toEqual({ type: "figure", ...a.image });
    const { Validator } = await import("@cfworker/json-schema");
    const openapi = await (await get(CANONICAL + "/openapi.json")).json<{ components: object }>();
    expect(new Validator({ $ref: "#/components/schemas/Article", components: openapi.components } as object, "2020-12", false).validate(a).errors).toEqual([]);
  });
});

describe("the feed", () => {
  it("names the photo's 1280 rendition as media:content, and the body shows it with srcset", async () => {
    const text = await (await get(`${CANONICAL}/News/Ports/rss.xml`)).text();
    expect(text).toContain(`<media:content url="${CANONICAL}/media/${media.id}/1280" medium="image" width="1280" height="720">`);
    expect(text).toContain(`srcset=&quot;${CANONICAL}/media/${media.id}/320 320w`);
  });
});

describe("the seed's figures, which have no photo", () => {
  it("show caption and credit as a caption, with a summary card naming the publisher's logo", async () => {
    const html = await (await get(`${CANONICAL}/Detail/2020/02/27/100001/34-Turkish-troops-killed-in-Syrias-Idlib-as-govt-forces-continue-gains`)).text();
    expect(html).toContain('<figure class="no-image"><figcaption>Turkish soldiers deploy');
    expect(html).toContain('<meta name="twitter:card" content="summary"/>');
    // Not a figure's caption as an image: the logo (issue 34, item 12; tests/workers/read/article-head.test.ts).
    expect(html).toContain(`<meta property="og:image" content="${CANONICAL}/icon-512.png"/>`);
  });
});

describe("the publisher's logo", () => {
  it("is in the JSON-LD when wrangler.toml names one, else the site's own mark, /icon-512.png", async () => {
    const { createApp } = await import("../../../src/reader/app.ts");
    const path = `/Detail/2026/11/22/${ID}/Harbour-reopens`;
    // On a host no other test uses, so no cached copy of the page (built without a logo) answers.
    const withLogo = await createApp().fetch(new Request("http://localhost:8791" + path), { ...env, SITE_LOGO: `${CANONICAL}/media/logo` });
    const ld = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);
    expect(ld(await withLogo.text()).publisher).toEqual({
      "@type": "Organization",
      name: SITE_NAME,
      url: `${CANONICAL}/`,
      logo: { "@type": "ImageObject", url: `${CANONICAL}/media/logo` },
    });
    expect(env.SITE_LOGO).toBe("");
    expect(ld(await (await get(CANONICAL + path)).text()).publisher.logo).toEqual({
      "@type": "ImageObject",
      url: `${CANONICAL}/icon-512.png`,
      width: 512,
      height: 512,
    });
  });
});
