// The breaking-news banner (issue 38): an editor sets one line (text, link, expiry) through the API or the
// desk; every public page (front, section, article, topic, search, error pages, both editions) shows it under
// the masthead, escaped; a clear or its expiry takes it off every page, the expiry with no request, by the
// Newsroom's alarm (driven here with the clock moved, not waited for); another location learns it through the
// change channel while its KV lags. Bad banners are 422s naming the field; contributors 403; a desk write
// without its CSRF token 403. Stories 459001–459002. The banner is the site's one: every test clears it after.
import { createExecutionContext, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Newsroom } from "../../../src/newsroom/newsroom.ts";
import { createApp } from "../../../src/reader/app.ts";
import { createLayers, type Layers } from "../../../src/reader/cache/layers.ts";
import { forgetPurges } from "../../../src/reader/cache/purge.ts";
import { deskSession } from "../../support/desk-session.ts";
import { CANONICAL, get, loadSeedContent, newsroomStub, SEED_PATH, store, TOKEN, WAIT } from "../../support/helpers.ts";
import { type History, lagged, laggingKV, recordNewsroomWrites } from "../../support/kv-lag.ts";

const API = `${CANONICAL}/api/v1/banner`;
const EDITOR = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...WAIT };
const TEXT = `Harbour <b>closed</b> & "evacuated" 459`;
const ESCAPED = "Harbour &lt;b&gt;closed&lt;/b&gt; &amp; &quot;evacuated&quot; 459";
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3_600_000;
const REMOVED = "/Detail/2026/12/01/459002/Removed-story-459";

beforeAll(async () => {
  await loadSeedContent();
  await store(
    {
      id: "459001",
      section: ["News", "Banner459"],
      headline: "Harbour story 459",
      published: "2026-12-01T08:00:00Z",
      tags: ["Harbour 459"],
      body: [{ type: "paragraph", text: "The harbour story." }],
    },
    {
      id: "459002",
      section: ["News", "Banner459"],
      headline: "Removed story 459",
      published: "2026-12-01T07:00:00Z",
      body: [{ type: "paragraph", text: "Soon removed." }],
    },
  );
  expect((await newsroomStub().remove("459002", "tests", { waitMs: 30_000 })).status).toBe(204);
}, 60_000);

afterEach(async () => {
  vi.useRealTimers();
  // The banner is every page's: none is left for the next test (or another file's pages).
  await get(API, EDITOR, { method: "DELETE" });
});
afterAll(async () => {
  await get(API, EDITOR, { method: "DELETE" });
});

const html = async (path: string, base = CANONICAL) => (await get(base + path, { Accept: "text/html" })).text();
const strip = (page: string) => page.match(/<div class="breaking"[\s\S]*?<\/div>/)?.[0];
/** Every kind of public page, with the status it answers. */
const PAGES: [string, number][] = [
  ["/", 200],
  ["/News", 200],
  ["/News/Banner459", 200],
  [SEED_PATH, 200],
  ["/Detail/2026/12/01/459001/Harbour-story-459", 200],
  ["/tag/harbour-459", 200],
  ["/corrections", 200],
  ["/search", 200],
  ["/search?q=Idlib", 200],
  ["/no-such-page-459", 404],
  [REMOVED, 410],
];

describe("the breaking-news banner (issue 38)", () => {
  it("set by an editor: every kind of page shows it under the masthead, escaped and linked; /api/v1/banner has it; cleared: gone everywhere", async () => {
    // Pages cached before it was set are purged by the set.
    for (const [path] of PAGES) await html(path);
    const expires = ahead(3 * HOUR);
    const res = await get(API, EDITOR, { method: "PUT", body: JSON.stringify({ text: TEXT, link: "/News/Banner459", expires }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await res.json()).toEqual({ banner: { text: TEXT, link: `${CANONICAL}/News/Banner459`, expires, set: expect.any(String) } });
    for (const [path, status] of PAGES) {
      const page = await get(CANONICAL + path, { Accept: "text/html" });
      expect(page.status, path).toBe(status);
      const body = await page.text();
      const shown = strip(body);
      expect(shown, path).toBe(
        `<div class="breaking" role="region" aria-label="Breaking news"><p><strong>Breaking</strong> <a href="${CANONICAL}/News/Banner459"><bdi dir="auto">${ESCAPED}</bdi></a></p></div>`,
      );
      // Under the masthead, before the page's own content.
      expect(body.indexOf('<div class="breaking"'), path).toBeGreaterThan(body.indexOf("</header>"));
      expect(body.indexOf('<div class="breaking"'), path).toBeLessThan(body.indexOf('<main id="main"'));
      expect(body, path).not.toContain("<b>closed</b>");
    }
    const api = await get(API, { Accept: "application/json" });
    expect(api.status).toBe(200);
    expect(api.headers.get("Cache-Control")).toBe("public, max-age=5");
    expect((await api.json<{ banner: { text: string } }>()).banner.text).toBe(TEXT);
    // The article's JSON is as it was: the banner is the site's, at /api/v1/banner.
    expect(await (await get(CANONICAL + SEED_PATH, { Accept: "application/json" })).text()).not.toContain("459");

    expect((await get(API, EDITOR, { method: "DELETE" })).status).toBe(204);
    for (const [path] of PAGES) expect(strip(await html(path)), path).toBeUndefined();
    expect(await (await get(API, { Accept: "application/json" })).json()).toEqual({ banner: null });
  });

  it("without a link: the text alone; an https link as given; the Persian edition labels it in Persian, right to left", async () => {
    await get(API, EDITOR, { method: "PUT", body: JSON.stringify({ text: "Ceasefire announced 459", expires: ahead(HOUR) }) });
    expect(strip(await html("/"))).toContain('<strong>Breaking</strong> <bdi dir="auto">Ceasefire announced 459</bdi></p>');
    await get(API, EDITOR, {
      method: "PUT",
      body: JSON.stringify({ text: "آتش‌بس اعلام شد", link: "https://example.com/live?a=1&b=2", expires: ahead(HOUR) }),
    });
    expect(strip(await html(SEED_PATH))).toContain('<a href="https://example.com/live?a=1&amp;b=2"><bdi dir="auto">آتش‌بس اعلام شد</bdi></a>');
    const edition = createApp();
    const fa = async (path: string) =>
      (
        await (edition.fetch(new Request("http://localhost:8796" + path, { headers: { Accept: "text/html" } }), {
          ...env,
          SITE_LANGUAGE: "fa",
        }) as Promise<Response>)
      ).text();
    // The 404 first: an error page reads the banner too, in an isolate that has read nothing else.
    for (const path of ["/no-such-page-459", "/", SEED_PATH]) {
      const page = await fa(path);
      expect(page.startsWith('<!DOCTYPE html><html lang="fa" dir="rtl">'), path).toBe(true);
      expect(strip(page), path).toContain('aria-label="خبر فوری"><p><strong>فوری</strong>');
    }
  });

  it.each([
    [{ text: "x".repeat(141), expires: "+1h" }, "text"],
    [{ text: "First line\nsecond line", expires: "+1h" }, "text"],
    [{ text: "Tab\there", expires: "+1h" }, "text"],
    [{ text: "Line\u2028separator", expires: "+1h" }, "text"],
    [{ text: "   ", expires: "+1h" }, "text"],
    [{ expires: "+1h" }, "text"],
    [{ text: "Bad link", link: "javascript:alert(1)", expires: "+1h" }, "link"],
    [{ text: "Bad link", link: "http://example.com/", expires: "+1h" }, "link"],
    [{ text: "Bad link", link: "//evil.example/", expires: "+1h" }, "link"],
    [{ text: "Bad link", link: "/\\evil.example/", expires: "+1h" }, "link"],
    [{ text: "Bad link", link: "https://user:pw@example.com/", expires: "+1h" }, "link"],
    [{ text: "Past", expires: "-1h" }, "expires"],
    [{ text: "Too far", expires: "+8d" }, "expires"],
    [{ text: "No offset", expires: "2026-12-31T10:00:00" }, "expires"],
    [{ text: "Date only", expires: "2026-12-31" }, "expires"],
    [{ text: "Not a date", expires: "soon" }, "expires"],
    [{ text: "Extra", expires: "+1h", colour: "red" }, "colour"],
  ])("refuses %j with a 422 naming %s, and changes nothing", async (input, field) => {
    const when = { "+1h": ahead(HOUR), "-1h": ahead(-HOUR), "+8d": ahead(8 * 24 * HOUR) } as Record<string, string>;
    const body = { ...input, expires: when[input.expires as string] ?? input.expires };
    const res = await get(API, EDITOR, { method: "PUT", body: JSON.stringify(body) });
    expect(res.status).toBe(422);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect((await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toContain(field);
    expect(await (await get(API, { Accept: "application/json" })).json()).toEqual({ banner: null });
  });

  it("refuses a body that is not JSON (400), not an object (422), not JSON by its type (415) or too large (413)", async () => {
    expect((await get(API, EDITOR, { method: "PUT", body: "{text:" })).status).toBe(400);
    expect((await get(API, EDITOR, { method: "PUT", body: "[]" })).status).toBe(422);
    expect((await get(API, { ...EDITOR, "Content-Type": "text/plain" }, { method: "PUT", body: "{}" })).status).toBe(415);
    expect((await get(API, EDITOR, { method: "PUT", body: JSON.stringify({ text: "x".repeat(5000) }) })).status).toBe(413);
  });

  it("is for editors: a contributor gets 403, no token 401, and nothing changes", async () => {
    const body = JSON.stringify({ text: "Contributor's banner 459", expires: ahead(HOUR) });
    const carol = { Authorization: "Bearer test-editor-carol", "Content-Type": "application/json" };
    const refused = await get(API, carol, { method: "PUT", body });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
    expect((await get(API, { "Content-Type": "application/json" }, { method: "PUT", body })).status).toBe(401);
    await get(API, EDITOR, { method: "PUT", body: JSON.stringify({ text: "Editor's banner 459", expires: ahead(HOUR) }) });
    expect((await get(API, carol, { method: "DELETE" })).status).toBe(403);
    expect((await (await get(API, { Accept: "application/json" })).json<{ banner: { text: string } }>()).banner.text).toBe("Editor's banner 459");
  });

  it("from the desk: a write without the session's CSRF token is refused (403); with it, set and cleared", async () => {
    const desk = await deskSession(TOKEN, "198.51.100.159");
    const body = JSON.stringify({ text: "Desk banner 459", expires: ahead(HOUR) });
    const withoutToken = await get(API, { Cookie: desk.cookie, "Content-Type": "application/json" }, { method: "PUT", body });
    expect(withoutToken.status).toBe(403);
    expect((await get(API, { ...desk.write, "X-CSRF-Token": "forged" }, { method: "PUT", body })).status).toBe(403);
    expect(await (await get(API, { Accept: "application/json" })).json()).toEqual({ banner: null });
    expect((await get(API, { ...desk.write, ...WAIT }, { method: "PUT", body })).status).toBe(200);
    expect(strip(await html("/"))).toContain("Desk banner 459");
    expect((await get(API, { Cookie: desk.cookie }, { method: "DELETE" })).status).toBe(403);
    expect((await get(API, { ...desk.write, ...WAIT }, { method: "DELETE" })).status).toBe(204);
    expect(strip(await html("/"))).toBeUndefined();
  });

  it("clears itself at its expiry: the Newsroom's alarm is set for it and removes it from KV, with no request to clear it", async () => {
    const expires = ahead(60_000);
    await get(API, EDITOR, { method: "PUT", body: JSON.stringify({ text: "Expiring banner 459", expires }) });
    expect(strip(await html("/"))).toContain("Expiring banner 459");
    // The alarm is set for the expiry at the latest.
    await newsroomStub().settled();
    const alarm = await runInDurableObject(newsroomStub(), (_: Newsroom, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(Date.parse(expires));
    // The clock (this isolate's, which the Newsroom shares here) moves to 2 s before the expiry: copies built then
    // show the banner and would be fresh for 10 s by their TTL …
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(expires) - 2_000);
    const pages = ["/", "/News/Banner459", SEED_PATH];
    for (const path of pages) expect(strip(await html(path)), path).toContain("Expiring banner 459");
    expect((await (await get(API, { Accept: "application/json" })).json<{ banner: { text: string } }>()).banner.text).toBe("Expiring banner 459");
    // … but past the expiry no copy is served and no page shows it, whatever KV still holds (a page built now
    // leaves out a banner whose time is up), before the Newsroom has removed it …
    vi.setSystemTime(Date.parse(expires) + 500);
    expect(await env.NEWS.get("v1:banner")).toContain("Expiring banner 459");
    for (const path of [...pages, "/no-such-page-459"]) expect(strip(await html(path)), path).toBeUndefined();
    expect(await (await get(API, { Accept: "application/json" })).json()).toEqual({ banner: null });
    // … and the alarm takes it out of the read model and KV.
    await runDurableObjectAlarm(newsroomStub());
    await newsroomStub().settled();
    expect(await env.NEWS.get("v1:banner")).toBeNull();
    const offer = await runInDurableObject(newsroomStub(), (instance: Newsroom) =>
      instance.sql.exec("SELECT key FROM model WHERE key = 'v1:banner'").toArray(),
    );
    expect(offer).toEqual([]);
  });

  it("a rebuild of the read model keeps a standing banner (it is no article's)", async () => {
    await get(API, EDITOR, { method: "PUT", body: JSON.stringify({ text: "Rebuilt banner 459", expires: ahead(HOUR) }) });
    await newsroomStub().rebuild();
    await newsroomStub().settled();
    expect(await env.NEWS.get("v1:banner")).toContain("Rebuilt banner 459");
    expect(strip(await html("/"))).toContain("Rebuilt banner 459");
  });

  it("reaches a second location through the change channel while its KV still lags, set and cleared", async () => {
    const LAG_MS = 60_000;
    // The Newsroom's KV writes from here on (the expiry test's, made by a clock moved ahead, are not this location's past).
    const history: History = new Map();
    await recordNewsroomWrites(history);
    let since: number | undefined;
    const visible = () => (since === undefined ? Date.now() : Math.max(since, Date.now() - LAG_MS));
    forgetPurges();
    const edge = await caches.open("banner-location-2");
    const testEnv = { ...env, NEWS: laggingKV(env.NEWS, history, visible) };
    const layers: Layers = { ...createLayers({ channel: true }), edge };
    const app = createApp(layers);
    const read = async (url: string) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(CANONICAL + url, { headers: { Accept: "text/html" } }), testEnv, ctx);
      const body = await res.text();
      await waitOnExecutionContext(ctx);
      return body;
    };
    expect(strip(await read("/"))).toBeUndefined();
    expect(strip(await read(SEED_PATH))).toBeUndefined();
    since = Date.now();
    expect((await newsroomStub().setBanner({ text: "Channel banner 459", expires: ahead(HOUR) }, "tests", { waitMs: 30_000 })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 1_100); // the next poll is due
    await read("/robots.txt"); // polls after its answer
    // This location's KV has no banner yet (it lags 60 s) …
    expect(lagged(history, "v1:banner", visible())?.value ?? null).toBeNull();
    // … but its pages show it, the copies built before included.
    expect(strip(await read("/"))).toContain("Channel banner 459");
    expect(strip(await read(SEED_PATH))).toContain("Channel banner 459");
    // The location's KV catches up; then the clear, while it lags again.
    since = undefined;
    expect(lagged(history, "v1:banner", visible())?.value).toContain("Channel banner 459");
    since = Date.now();
    vi.setSystemTime(since + 10); // the faked clock stands still otherwise: the clear comes after what this KV shows
    expect((await newsroomStub().setBanner(null, "tests", { waitMs: 30_000 })).status).toBe(204);
    vi.setSystemTime(Date.now() + 1_100);
    await read("/robots.txt");
    expect(lagged(history, "v1:banner", visible())?.value).toContain("Channel banner 459"); // KV here still has it
    expect(strip(await read("/"))).toBeUndefined();
    expect(strip(await read(SEED_PATH))).toBeUndefined();
  });
});
