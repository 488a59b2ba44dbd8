// Issue 23, through the Worker: structured data (item 4), one rule for photos on a mirror (6), a
// Persian headline (7), fields and the change feed (8, 9), refused writes (10, 11) and search (15,
// 16), each test named after the defect. Ids 923201–923299 belong to this file; its sections are
// "Findapi…".
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import jpegUrl from "./fixtures/media/photo-1600x900.jpg?inline";
import { CANONICAL, get, loadSeedContent, SITE_NAME, TOKEN, WAIT } from "./helpers.ts";

const API = `${CANONICAL}/api/v1`;
const auth = { Authorization: `Bearer ${TOKEN}` };
const JSON_ = { Accept: "application/json" };
/** A client of its own, so the search rate limit counts this file's searches only. */
const CLIENT = { ...JSON_, "cf-connecting-ip": "192.0.2.23" };
const MIRROR = "https://findings.workers.dev";
const PHOTO = "923201";
const PERSIAN = "923202";
const WORDS = "923203";
let media: { id: string; url: string; width: number; height: number };

function put(id: string, body: unknown) {
  return get(`${API}/articles/${id}`, { ...auth, "Content-Type": "application/json", ...WAIT }, { method: "PUT", body: JSON.stringify(body) });
}
const ldOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]);

beforeAll(async () => {
  await loadSeedContent();
  const bytes = Uint8Array.from(atob(jpegUrl.slice(jpegUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
  media = await (await get(`${API}/media`, auth, { method: "POST", body: bytes })).json();
  const figure = { type: "figure", caption: "The quay.", credit: "Photo by Test", alt: "Ships", src: media.url, width: media.width, height: media.height };
  expect(
    (
      await put(PHOTO, {
        section: ["Findapi"],
        headline: "Quay reopens",
        published: "2021-05-01T08:00:00Z",
        body: [figure, { type: "paragraph", text: "The quay reopened." }],
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await put(WORDS, {
        section: ["Findapi", "Words"],
        headline: "Quokkafind meets wombatfind",
        published: "2021-05-02T08:00:00Z",
        body: [{ type: "paragraph", text: "A quokkafind met a wombatfind." }],
      })
    ).status,
  ).toBe(201);
});

describe("item 7: a Persian headline without a slug", () => {
  it("is published (201) with the id as its slug, and its page answers", async () => {
    const res = await put(PERSIAN, {
      section: ["Findapi"],
      headline: "تهران میزبان نشست منطقه‌ای شد",
      language: "fa",
      published: "2021-05-03",
      body: [{ type: "paragraph", text: "نشست در تهران برگزار شد." }],
    });
    expect(res.status).toBe(201);
    const path = `/Detail/2021/05/03/${PERSIAN}/${PERSIAN}`;
    expect((await res.json<{ url: string }>()).url).toBe(CANONICAL + path);
    const page = await get(CANONICAL + path, { Accept: "text/html" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<meta property="og:locale" content="fa_IR"/>');
  });
});

describe("items 10 and 11: refused writes", () => {
  it.each(["https://[", "https://a:99999/"])("an embed url %j is a 422 naming body[0].url, never a 500", async (url) => {
    const res = await put("923210", {
      section: ["Findapi"],
      headline: "Embed",
      published: "2021-05-04",
      body: [
        { type: "embed", url },
        { type: "paragraph", text: "Text." },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json<{ errors: { field: string }[] }>()).errors).toEqual([{ field: "body[0].url", message: "must be an https URL" }]);
  });

  it("a figure with an unknown member is a 422 naming it, not accepted with the member dropped", async () => {
    const res = await put("923211", {
      section: ["Findapi"],
      headline: "Figure",
      published: "2021-05-04",
      body: [
        { type: "figure", caption: "C", credit: "D", foo: 1 },
        { type: "paragraph", text: "Text." },
      ],
    });
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "body[0].foo", message: "is not a known field" }]);
    expect((await get(`${API}/articles/923211`, JSON_)).status).toBe(404);
  });
});

describe("item 4: the article page's structured data", () => {
  it("lists the 1280×720 image once, names the publisher as author and its mark as logo, and has og:locale", async () => {
    const html = await (await get(`${CANONICAL}/Detail/2021/05/01/${PHOTO}/Quay-reopens`, { Accept: "text/html" })).text();
    const ld = ldOf(html);
    const sizes = ld.image.map((i: { width: number; height: number }) => `${i.width}x${i.height}`);
    expect(sizes).toEqual(["1280x720", "960x720", "720x720"]);
    expect(ld.author).toEqual([{ "@type": "Organization", name: SITE_NAME, url: `${CANONICAL}/` }]);
    if (env.SITE_LOGO) expect(ld.publisher.logo).toMatchObject({ "@type": "ImageObject", url: env.SITE_LOGO });
    else expect(ld.publisher.logo).toEqual({ "@type": "ImageObject", url: `${CANONICAL}/icon-512.png`, width: 512, height: 512 });
    expect((await get(`${CANONICAL}/icon-512.png`)).status).toBe(200);
    expect(html).toContain('<meta property="og:locale" content="en_US"/>');
    // site.toml's social.twitter, or none.
    if (env.SITE_TWITTER) expect(html).toContain(`<meta name="twitter:site" content="${env.SITE_TWITTER}"/>`);
    else expect(html).not.toContain("twitter:site");
  });

  it("names twitter:site when SITE_TWITTER is configured", async () => {
    const { createApp } = await import("../src/app.ts");
    // A host no other request of this file uses, so no copy built without the handle answers.
    const res = await createApp().fetch(new Request(`https://twitter-site.workers.dev/Detail/2021/05/01/${PHOTO}/Quay-reopens`), {
      ...env,
      SITE_TWITTER: "@PressTV",
    });
    expect(await res.text()).toContain('<meta name="twitter:site" content="@PressTV"/>');
  });
});

describe("item 6: photos on a mirror host", () => {
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

describe("item 8: fields and the change feed", () => {
  it("fields= without url still gives url (an app always needs the link)", async () => {
    const list = await (await get(`${API}/articles?section=Findapi&fields=headline`, JSON_)).json<{ articles: object[] }>();
    for (const a of list.articles) expect(Object.keys(a)).toEqual(["id", "url", "headline"]);
    const one = await (await get(`${API}/articles/${PHOTO}?fields=headline`, JSON_)).json();
    expect(one).toEqual({ id: PHOTO, url: `${CANONICAL}/Detail/2021/05/01/${PHOTO}/Quay-reopens`, headline: "Quay reopens" });
  });

  it("an upsert in the change feed carries description and image, as a loaded list does", async () => {
    const changes = await (await get(`${API}/changes?since=0`, JSON_)).json<{ changes: { type: string; id: string }[] }>();
    const upsert = changes.changes.filter((c) => c.type === "upsert" && c.id === PHOTO).at(-1);
    const listed = (
      await (
        await get(`${API}/articles?section=Findapi&fields=id,url,canonicalUrl,section,headline,datePublished,dateModified,description,image`, JSON_)
      ).json<{ articles: { id: string }[] }>()
    ).articles.find((a) => a.id === PHOTO);
    expect(upsert).toEqual({ type: "upsert", time: expect.any(String), ...listed });
    expect(upsert).toMatchObject({ description: "The quay reopened.", image: { src: media.url, alt: "Ships" } });
  });

  it("/api/v1/changes has a description in the OpenAPI document", async () => {
    const doc = await (await get(`${CANONICAL}/openapi.json`)).json<{ paths: Record<string, { get: { description?: string } }> }>();
    expect(doc.paths["/api/v1/changes"].get.description).toMatch(/\?latest.*then load the lists/);
  });
});

describe("item 9: cursors ahead of the log, and the current cursor", () => {
  it("a cursor beyond the newest change is a 410 with resync, not a 200 that never syncs again", async () => {
    const res = await get(`${API}/changes?since=99999`, JSON_);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ status: 410, resync: `${CANONICAL}/api/v1/articles` });
  });

  it("?latest gives the current cursor without replaying the log; syncing from it finds later changes only", async () => {
    let all = await (await get(`${API}/changes?since=0`, JSON_)).json<{ next: string; more: boolean }>();
    while (all.more) all = await (await get(`${API}/changes?since=${all.next}`, JSON_)).json();
    const latest = await (await get(`${API}/changes?latest`, JSON_)).json<{ changes: unknown[]; next: string; more: boolean }>();
    expect(latest).toEqual({ changes: [], next: all.next, more: false });
    expect(await (await get(`${API}/changes?since=${latest.next}`, JSON_)).json()).toEqual({ changes: [], next: latest.next, more: false });
    const both = await get(`${API}/changes?latest&since=1`, JSON_);
    expect(both.status).toBe(400);
    expect((await both.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "latest", message: "cannot be combined with `since`" }]);
  });
});

describe("items 15 and 16: search words", () => {
  const search = (q: string) => get(`${API}/search?q=${encodeURIComponent(q)}`, CLIENT);
  const ids = async (q: string) => (await (await search(q)).json<{ results: { id: string }[] }>()).results.map((r) => r.id);

  it("a word after the 12th is not dropped: a 13-word query is a 400 naming the limit", async () => {
    const twelve = "quokkafind one two three four five six seven eight nine ten eleven";
    expect(await ids(twelve)).toEqual([]);
    const res = await search(`quokkafind ${"w ".repeat(11)}zzqqnotthere`);
    expect(res.status).toBe(400);
    expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "q", message: "must have at most 12 words" }]);
  });

  it.each(["NEAR", "OR", "AND", "NOT"])("%s between two words is a separator, not a required word", async (operator) => {
    expect(await ids("quokkafind wombatfind")).toEqual([WORDS]);
    expect(await ids(`quokkafind ${operator} wombatfind`)).toEqual([WORDS]);
  });
});
