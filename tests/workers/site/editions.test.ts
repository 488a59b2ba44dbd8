// Issue 36, editions: the Persian edition (SITE_LANGUAGE "fa", as `npm run site` would write it for
// `language = "fa"`) names sections as site.toml's `section_names.fa` does — menu, footer, breadcrumb,
// "More in", error pages — while URLs and the JSON keep the articles' own names; and an English
// article that declares no language (the seed) is marked English, left to right, on its own element.
// Stories 436101 and 436102, beside the seed in News / Syria / Turkey.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/reader/app.ts";
import { loadSeedContent, SEED_PATH, store } from "../../support/helpers.ts";

const FA = "http://localhost:8796";
const fa = (path: string, accept = "text/html") =>
  createApp().fetch(new Request(FA + path, { headers: { Accept: accept } }), { ...env, SITE_LANGUAGE: "fa" }) as Promise<Response>;

beforeAll(async () => {
  await loadSeedContent();
  await store({
    id: "436101",
    section: ["News", "Syria", "Turkey"],
    headline: "Border crossing reopens",
    published: "2020-02-26T10:00:00Z",
    body: [{ type: "paragraph", text: "The crossing reopened on Wednesday." }],
  });
});

describe("the Persian edition", () => {
  let html = "";
  beforeAll(async () => {
    html = await (await fa(SEED_PATH)).text();
  });

  it("marks the seed, which names no language, English and left to right on its own element, in a right-to-left page", () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="fa" dir="rtl">')).toBe(true);
    expect(html).toContain('<article class="story" lang="en" dir="ltr"><h1>34 Turkish troops killed');
  });

  it("names the sections in Persian in the menu, the breadcrumb and More in; the links keep their paths", () => {
    const menu = html.slice(html.indexOf('<nav class="menu"'), html.indexOf("</nav>", html.indexOf('<nav class="menu"')));
    expect(menu).toContain(`<a href="${FA}/News" aria-current="true">اخبار</a>`);
    const crumbs = html.slice(html.indexOf('<nav class="crumbs"'), html.indexOf("</nav>", html.indexOf('<nav class="crumbs"')));
    expect(crumbs).toContain(`<a href="${FA}/News">اخبار</a>`);
    expect(crumbs).toContain(`<a href="${FA}/News/Syria">سوریه</a>`);
    expect(crumbs).toContain(`<a href="${FA}/News/Syria/Turkey">ترکیه</a>`);
    expect(html).toContain(`<h2 id="more-in">بیشتر در <a href="${FA}/News/Syria/Turkey">ترکیه</a></h2>`);
    const footer = html.slice(html.indexOf('<footer class="foot">'));
    expect(footer).toContain(`<a href="${FA}/News">اخبار</a>`);
    expect(html).not.toMatch(/>News<|>Syria<|>Turkey</);
  });

  it("the JSON keeps the article's own section names, and says the language its letters tell", async () => {
    const json = await (await fa(SEED_PATH, "application/json")).json<{ section: string[]; language: string }>();
    expect(json.section).toEqual(["News", "Syria", "Turkey"]);
    expect(json.language).toBe("en");
  });

  it("an error page's menu is in Persian too", async () => {
    const res = await fa("/no-such-page-436101");
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain(">اخبار</a>");
    expect(page).not.toMatch(/>News</);
  });

  it("a section page's heading is in Persian, and an English story's card, which declares no language, is English and left to right", async () => {
    const page = await (await fa("/News/Syria/Turkey")).text();
    expect(page).toContain("<h1>ترکیه</h1>");
    expect(page).toMatch(/<title>اخبار \/ سوریه \/ ترکیه/);
    expect(page).toMatch(/<(li|article) class="[^"]*" lang="en" dir="ltr">(?:(?!<\/(li|article)>).)*Border crossing reopens/s);
  });

  it("on /corrections an English story's correction reads left to right in English, its date too", async () => {
    await store({
      id: "436102",
      section: ["News", "Syria", "Turkey"],
      headline: "Convoy numbers revised",
      published: "2020-02-25T10:00:00Z",
      body: [{ type: "paragraph", text: "The convoy was larger than first reported." }],
      corrections: [{ date: "2020-02-26", text: "An earlier version gave the wrong number of lorries." }],
    });
    const page = await (await fa("/corrections")).text();
    expect(page).toMatch(
      /<li class="card" lang="en" dir="ltr"><h2><a href="[^"]*436102[^"]*" dir="auto">Convoy numbers revised<\/a><\/h2><p class="fix"><time datetime="2020-02-26">[^<]*2020<\/time>: An earlier version gave the wrong number of lorries.<\/p><\/li>/,
    );
  });
});
