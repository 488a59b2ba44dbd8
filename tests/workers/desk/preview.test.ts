// The desk's live preview (issue 35), `POST /desk/api/preview`: an unsaved story validated and
// rendered by the reader's own page renderer, exactly as the published page for the same input (its
// menu and rail too) but `noindex`; nothing written; a desk session and its CSRF token required, a
// bearer token refused, a contributor allowed; `private, no-store`, framed by the desk's origin only.
// Real Newsroom and KV. Ids 620xxx.
import { beforeAll, describe, expect, it } from "vitest";
import { deskSession } from "../../support/desk-session.ts";
import { CANONICAL, get, loadSeedContent, snapshotAll, TOKEN, WAIT } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const PREVIEW = `${CANONICAL}/desk/api/preview`;
const API = `${CANONICAL}/api/v1/articles`;

const story = (n: number) => ({
  section: ["Desk Preview"],
  headline: `The harbour reopens, story ${n}`,
  published: "2026-03-01T08:30:00Z",
  authors: [{ name: "Jane Doe" }],
  tags: ["Harbour"],
  body: [
    {
      type: "paragraph",
      text: "The harbour reopened on Monday, the port authority said.",
      runs: [{ text: "The harbour reopened on Monday, the " }, { text: "port authority", href: "https://example.com/port" }, { text: " said." }],
    },
    { type: "quote", paragraphs: [{ text: "We are open again." }], attribution: "The harbour master" },
  ],
});

/** The page without the one line a preview adds: robots are told not to index it. */
const indexable = (html: string) => html.replace('<meta name="robots" content="noindex"/>', "");

describe("the desk's live preview", { timeout: 60_000 }, () => {
  it("renders the unsaved story as the published page for the same input, and writes nothing", async () => {
    const desk = await deskSession(TOKEN);
    const published = await get(
      `${API}/620001`,
      { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT },
      { method: "PUT", body: JSON.stringify(story(1)) },
    );
    expect(published.status).toBe(201);
    const page = await get(published.headers.get("Content-Location")!, { Accept: "text/html" });
    expect(page.status).toBe(200);

    const before = await snapshotAll();
    const res = await get(`${PREVIEW}?id=620001`, desk.write, { method: "POST", body: JSON.stringify(story(1)) });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(indexable(html)).toBe(await page.text());
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'self'");
    expect(res.headers.get("Content-Security-Policy")).not.toContain("script-src");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(await snapshotAll()).toEqual(before);
  });

  it("shows a word typed into a story that is not saved, and leaves the stored version as it was", async () => {
    const desk = await deskSession(TOKEN);
    expect(
      (
        await get(
          `${API}/620002`,
          { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT },
          { method: "PUT", body: JSON.stringify(story(2)) },
        )
      ).status,
    ).toBe(201);
    const stored = await (await get(`${API}/620002`, { Accept: "application/json" })).text();
    const typed = { ...story(2), body: [...story(2).body, { type: "paragraph", text: "Seagulls returned at noon." }] };
    const res = await get(`${PREVIEW}?id=620002`, desk.write, { method: "POST", body: JSON.stringify(typed) });
    expect(await res.text()).toContain("Seagulls returned at noon.");
    expect(await (await get(`${API}/620002`, { Accept: "application/json" })).text()).toBe(stored);
    // A story never saved (no id) and with no time chosen yet previews too.
    const { published: _, ...undated } = story(3);
    const fresh = await get(PREVIEW, desk.write, { method: "POST", body: JSON.stringify(undated) });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain("The harbour reopens, story 3");
    expect((await get(`${API}/620003`, { Accept: "application/json" })).status).toBe(404);
  });

  it("needs the session's CSRF token: without it, or with another, 403", async () => {
    const desk = await deskSession(TOKEN);
    const { "X-CSRF-Token": _, ...noToken } = desk.write;
    for (const headers of [noToken, { ...desk.write, "X-CSRF-Token": "not-the-token" }]) {
      const res = await get(PREVIEW, headers, { method: "POST", body: JSON.stringify(story(4)) });
      expect(res.status).toBe(403);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("needs a desk session: none, or a bearer token instead, is a 401", async () => {
    const json = { "Content-Type": "application/json", Accept: "application/json" };
    for (const headers of [json, { ...json, Authorization: `Bearer ${TOKEN}` }]) {
      const res = await get(PREVIEW, headers, { method: "POST", body: JSON.stringify(story(5)) });
      expect(res.status).toBe(401);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    }
  });

  it("lets a contributor preview (a contributor writes drafts, and sees them as readers would)", async () => {
    const carol = await deskSession("test-editor-carol", "198.51.100.201");
    const res = await get(PREVIEW, carol.write, { method: "POST", body: JSON.stringify({ ...story(6), status: "draft" }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("The harbour reopens, story 6");
  });

  it("names every problem of a story that cannot be shown (422), and writes nothing", async () => {
    const desk = await deskSession(TOKEN);
    const before = await snapshotAll();
    const res = await get(PREVIEW, desk.write, {
      method: "POST",
      body: JSON.stringify({ ...story(7), headline: "", body: [{ type: "figure", caption: "", credit: "x" }] }),
    });
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { field: string }[] }>();
    expect(problem.errors.map((e) => e.field)).toEqual(["headline", "body[0].caption", "body"]);
    expect(await snapshotAll()).toEqual(before);
  });
});
