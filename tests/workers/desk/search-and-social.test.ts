// Metadata (issue 35, item 5): a story's title and description for search results and its image for
// social cards, additions to v1 (v1.2). The page uses them in `<title>`, the description and the
// OpenGraph and X cards (the headline, the standfirst and the lead photo stand in for any left out);
// the JSON carries them only when set; an image that is not an https URL is a 422. Also the content
// build's front matter (`seo-title`, `seo-description`, `social-image`). Real Newsroom and KV. Ids 680xxx.
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticleSource } from "../../../tools/content/source.ts";
import { CANONICAL, get, loadSeedContent, SITE_NAME, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const put = (id: number, body: object) =>
  get(`${API}/${id}`, { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT }, { method: "PUT", body: JSON.stringify(body) });
const story = {
  section: ["Desk Social"],
  headline: "The harbour reopens after a week of storms that closed it",
  description: "Ships that waited offshore come in.",
  published: "2026-03-01T08:30:00Z",
  body: [{ type: "paragraph", text: "The harbour reopened on Monday." }],
};
const meta = (html: string, attribute: string, name: string) => new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"/>`).exec(html)?.[1];

describe("search and social metadata", { timeout: 60_000 }, () => {
  it("puts the SEO title in <title> and the cards, the description in both, and the social image in og:image", async () => {
    const res = await put(680001, {
      ...story,
      seoTitle: "Harbour reopens",
      seoDescription: "After a week, ships come in.",
      socialImage: "https://images.example.com/quay.jpg",
    });
    expect(res.status).toBe(201);
    const html = await (await get(res.headers.get("Content-Location")!)).text();
    expect(html).toContain(`<title>Harbour reopens | ${SITE_NAME}</title>`);
    expect(meta(html, "name", "description")).toBe("After a week, ships come in.");
    expect(meta(html, "property", "og:title")).toBe("Harbour reopens");
    expect(meta(html, "name", "twitter:title")).toBe("Harbour reopens");
    expect(meta(html, "property", "og:description")).toBe("After a week, ships come in.");
    expect(meta(html, "property", "og:image")).toBe("https://images.example.com/quay.jpg");
    expect(meta(html, "name", "twitter:card")).toBe("summary_large_image");
    // The page's own headline stays the headline.
    expect(html).toContain("<h1>The harbour reopens after a week of storms that closed it</h1>");
    const json = await (await get(`${API}/680001`, { Accept: "application/json" })).json<Record<string, unknown>>();
    expect([json.seoTitle, json.seoDescription, json.socialImage]).toEqual([
      "Harbour reopens",
      "After a week, ships come in.",
      "https://images.example.com/quay.jpg",
    ]);
  });

  it("without them, the headline, the standfirst and the publisher's logo stand in; the JSON does not name them", async () => {
    const res = await put(680002, story);
    const html = await (await get(res.headers.get("Content-Location")!)).text();
    expect(html).toContain(`<title>${story.headline} | ${SITE_NAME}</title>`);
    expect(meta(html, "property", "og:title")).toBe(story.headline);
    expect(meta(html, "property", "og:description")).toBe(story.description);
    expect(meta(html, "property", "og:image")).toMatch(/\/icon-512\.png$/);
    const json = await (await get(`${API}/680002`, { Accept: "application/json" })).json<Record<string, unknown>>();
    expect(Object.keys(json)).not.toContain("seoTitle");
    expect(Object.keys(json)).not.toContain("socialImage");
  });

  it("refuses a social image that is not an https URL, and an empty title, naming the fields", async () => {
    const res = await put(680003, { ...story, seoTitle: " ", socialImage: "http://images.example.com/quay.jpg" });
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["seoTitle", "socialImage"]);
  });

  it("comes from content/'s front matter too", () => {
    const parsed = parseArticleSource(
      [
        "---",
        "id: 680004",
        "section: News",
        "headline: A headline",
        "published: 2026-03-01",
        "seo-title: Short",
        "seo-description: In short.",
        "social-image: https://images.example.com/card.jpg",
        "---",
        "",
        "Text.",
      ].join("\n"),
    );
    expect(parsed.ok && [parsed.value.seoTitle, parsed.value.seoDescription, parsed.value.socialImage]).toEqual([
      "Short",
      "In short.",
      "https://images.example.com/card.jpg",
    ]);
    const bad = parseArticleSource(
      ["---", "id: 680005", "section: News", "headline: A headline", "published: 2026-03-01", "social-image: http://x.example/a.jpg", "---", "", "Text."].join(
        "\n",
      ),
    );
    expect(bad.ok || bad.errors).toEqual([{ field: "line 6: socialImage", message: "must be an https URL" }]);
  });
});
