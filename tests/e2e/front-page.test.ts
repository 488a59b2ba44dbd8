/**
 * @module
 * Issue 36 in Chromium, on the demo archive (`npm run demo -- --url`: 60 sample stories in five sections): the
 * front page's hierarchy (the lead's headline in the first screen at 1280 × 800 and 360 × 740; every
 * card of the top and of the first three section blocks with a kicker and a time, and a thumbnail when
 * its story has a photo), the navigation (a masthead at most 120 px tall at 360 px whose Menu opens
 * without script; the header's and the footer's sections the same, all of site.toml's top-level ones;
 * subsection links on a section page), the search page (snippets cut with "…", an empty result that
 * offers the latest stories and the sections), an author's and a tag's page reached from an article's byline
 * and tags, /corrections with the demo's corrected story, WCAG 2.2 AA and no layout shift, in English and in the
 * Persian edition. Its own dev servers (E2E_PORT + 16 and + 18, inspectors on the next ports) on a state
 * directory of their own, so the demo never mixes with the other e2e files' content. Screenshots of
 * front, section, search (hits and none), author, tag and corrections at 360 and 1280, light and dark, go to test-results/e2e/
 * and, with E2E_README_SHOTS=1, to docs/screenshots/.
 */

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { promisify } from "node:util";
import { parse } from "smol-toml";
import { launchChromium, openPage, runAxe, WCAG22_AA } from "../support/e2e/browser.ts";
import { type DevServer, startDevServer } from "../support/e2e/dev-server.ts";
import { TOKEN } from "../support/e2e/fixtures.ts";
import { horizontalOverflow, paintResults } from "../support/e2e/site-checks.ts";
import { taxonomySlug } from "../../src/shared/model/taxonomy.ts";

const PORT = Number(process.env.E2E_PORT ?? 9200) + 16;
const OUT = new URL("../../test-results/e2e/", import.meta.url).pathname;
const STATE = OUT + "demo-state";
const README_SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
/** site.toml's top-level sections, as the menus must list them. */
const CONFIGURED = (parse(readFileSync(new URL("../../site.toml", import.meta.url), "utf8")) as { sections: string[] }).sections.filter(
  (s) => !s.includes("/"),
);
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
const SCHEMES = ["light", "dark"] as const;

/** The ids of the demo's stories that have a photo, from the JSON API. */
async function pictured(origin: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let page = 1; page <= 3; page++) {
    const res = await fetch(`${origin}/api/v1/articles?per_page=100&page=${page}&fields=id,image`, { headers: { Accept: "application/json" } });
    if (res.status !== 200) break;
    const { articles } = (await res.json()) as { articles: { id: string; image?: unknown }[] };
    for (const a of articles) if (a.image) out.add(a.id);
    if (articles.length < 100) break;
  }
  return out;
}

/** The demo's newest story (signed, tagged) and the corrected one: `npm run demo`'s ids. */
const NEWEST = "880001";
const CORRECTED = "880005";

/** The newest story's path, its first author's page and its first tag's page. */
async function topicPathsOf(origin: string): Promise<{ article: string; author: string; tag: string; authorName: string; tagName: string }> {
  const res = await fetch(`${origin}/api/v1/articles/${NEWEST}`, { headers: { Accept: "application/json" } });
  const story = (await res.json()) as { url: string; authors: { name: string }[]; tags: string[] };
  return {
    article: new URL(story.url).pathname,
    author: `/author/${encodeURIComponent(taxonomySlug(story.authors[0].name))}`,
    tag: `/tag/${encodeURIComponent(taxonomySlug(story.tags[0]))}`,
    authorName: story.authors[0].name,
    tagName: story.tags[0],
  };
}

/** Every card of the top (lead, under it, Latest) and of the first three section blocks: its story, kicker, time and thumbnail. */
async function cards(page: Page): Promise<{ id: string; where: string; kicker: string; time: string; thumbnail: boolean }[]> {
  return page.evaluate(() => {
    const blocks = [...document.querySelectorAll(".blocks > section")].slice(0, 3);
    const items = [...document.querySelectorAll(".top .lead, .top .card"), ...blocks.flatMap((b) => [...b.querySelectorAll(".card")])];
    return items.map((el) => ({
      id: /\/Detail\/\d{4}\/\d\d\/\d\d\/(\d+)\//.exec(el.querySelector("h2 a, h3 a")?.getAttribute("href") ?? "")?.[1] ?? "?",
      where: el.closest(".latest") ? "latest" : el.closest(".blocks") ? "block" : "top",
      kicker: el.querySelector(".kicker")?.textContent?.trim() ?? "",
      time: el.querySelector("time")?.textContent?.trim() ?? "",
      thumbnail: el.querySelector("img") !== null,
    }));
  });
}

/** The top of the lead's headline and the masthead's height, in CSS px. */
async function measures(page: Page): Promise<{ headline: number; header: number }> {
  return page.evaluate(() => ({
    headline: document.querySelector(".lead h2")!.getBoundingClientRect().top,
    header: document.querySelector(".masthead")!.getBoundingClientRect().height,
  }));
}

for (const edition of ["en", "fa"] as const) {
  describe(
    `the front page, navigation and search on the demo archive (issue 36), ${edition === "en" ? "English" : "the Persian edition"}`,
    { timeout: 900_000 },
    () => {
      let server: DevServer | undefined;
      let browser: Browser | undefined;
      let photos = new Set<string>();
      let topics = { article: "", author: "", tag: "", authorName: "", tagName: "" };
      const origin = () => server!.origin;
      const shots = (name: string) => [`${OUT}${name}.png`, ...(process.env.E2E_README_SHOTS === "1" ? [`${README_SHOTS}${name}.png`] : [])];

      before(
        async () => {
          mkdirSync(OUT, { recursive: true });
          if (edition === "en") rmSync(STATE, { recursive: true, force: true });
          const vars = ["--var", `PUBLISH_TOKEN:${TOKEN}`, "--persist-to", STATE, ...(edition === "fa" ? ["--var", "SITE_LANGUAGE:fa"] : [])];
          server = await startDevServer(PORT + (edition === "fa" ? 2 : 0), `${OUT}dev-demo-${edition}.log`, undefined, vars);
          // The English run loads the archive into its state; the Persian one serves the same state (dated from then).
          if (edition === "en")
            // Asynchronously: this process drains the dev server's output, which would stall while it waited.
            await promisify(execFile)(process.execPath, ["scripts/content/demo.ts", "--url", origin()], {
              cwd: new URL("../..", import.meta.url).pathname,
              env: { ...process.env, PUBLISH_TOKEN: TOKEN },
            });
          photos = await pictured(origin());
          topics = await topicPathsOf(origin());
          browser = await launchChromium();
        },
        { timeout: 400_000 },
      );

      after(async () => {
        await browser?.close();
        await server?.stop();
      });

      for (const viewport of VIEWPORTS)
        test(`at ${viewport.width} × ${viewport.height}: the lead's headline starts in the first screen; the masthead is at most 120 px at 360`, async () => {
          const { page, close } = await openPage(browser!, { viewport });
          try {
            await page.goto(origin() + "/");
            const { headline, header } = await measures(page);
            assert.ok(headline >= 0 && headline < viewport.height, `the lead's headline starts at ${headline} px, outside the ${viewport.height} px screen`);
            if (viewport.width === 360) assert.ok(header <= 120, `the masthead is ${header} px tall at 360 px`);
            assert.equal(await horizontalOverflow(page), 0);
          } finally {
            await close();
          }
        });

      test("every card of the top and of the first three section blocks has a kicker and a time, and a thumbnail when its story has a photo", async () => {
        const { page, close } = await openPage(browser!, { viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(origin() + "/");
          const seen = await cards(page);
          assert.ok(seen.filter((c) => c.where === "block").length >= 6, `only ${seen.length} cards in the first three blocks`);
          assert.ok(photos.size >= 30, `only ${photos.size} stories with a photo`);
          const problems = seen.flatMap((c) => [
            ...(c.kicker ? [] : [`${c.id}: no kicker`]),
            ...(c.time ? [] : [`${c.id}: no time`]),
            // The Latest rail is headlines only, by design (issue 24): thumbnails are the lead column's and the blocks'.
            ...(c.where !== "latest" && photos.has(c.id) && !c.thumbnail ? [`${c.id}: has a photo, no thumbnail`] : []),
          ]);
          assert.deepEqual(problems, []);
          // Stories of the last day give their age (`… minutes ago`, `… ساعت پیش`), not a date.
          const ages = seen.filter((c) => /ago|پیش/.test(c.time));
          assert.ok(ages.length >= 4, `only ${ages.length} cards give an age`);
        } finally {
          await close();
        }
      });

      test("the header's and the footer's menus list the same top-level sections, all of site.toml's", async () => {
        const { page, close } = await openPage(browser!, { viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(origin() + "/");
          const header = await page.$$eval(".masthead .menu a", (links) => links.map((a) => (a as HTMLAnchorElement).pathname));
          const footer = await page.$$eval(".foot .tree > li > a", (links) => links.map((a) => (a as HTMLAnchorElement).pathname));
          assert.deepEqual(header, footer);
          for (const section of CONFIGURED) assert.ok(header.includes(`/${section}`), `the menu has no ${section}`);
        } finally {
          await close();
        }
      });

      test("at 360 px the Menu opens without script and shows every top-level section; the search icon links the search page", async () => {
        const { page, close } = await openPage(browser!, { viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
        try {
          await page.goto(origin() + "/");
          assert.equal(await page.locator(".masthead .menu").isVisible(), false);
          await page.locator(".menu-button").click();
          assert.equal(await page.locator(".masthead .menu").isVisible(), true);
          for (const section of CONFIGURED) assert.ok(await page.locator(`.masthead .menu a[href$="/${section}"]`).isVisible(), `${section} not shown`);
          assert.match((await page.locator(".find-icon").getAttribute("href")) ?? "", /\/search$/);
          await page.screenshot({ path: `${OUT}demo-${edition}-menu-360.png` });
        } finally {
          await close();
        }
      });

      test("a section page links its subsections under its heading", async () => {
        const { page, close } = await openPage(browser!, { viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(origin() + "/News");
          const subs = await page.$$eval(".subs a", (links) => links.map((a) => (a as HTMLAnchorElement).pathname));
          assert.deepEqual([...subs].sort(), ["/News/Iran", "/News/Lebanon", "/News/Syria"]);
        } finally {
          await close();
        }
      });

      test("an article's byline links its author's page and its tags their pages, each with cards; /corrections lists the corrected story", async () => {
        const { page, close } = await openPage(browser!, { viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(origin() + topics.article);
          assert.equal(await page.locator(".byline a[rel=author]").first().getAttribute("href"), topics.author);
          assert.equal(await page.locator(".tags a[rel=tag]").first().getAttribute("href"), origin() + topics.tag);
          await page.locator(".byline a[rel=author]").first().click();
          await page.waitForURL((url) => url.pathname === topics.author);
          assert.equal((await page.locator("h1").textContent())?.replace(/\s*\(.*\)$/, ""), topics.authorName);
          assert.ok((await page.locator("main .card").count()) >= 1, "no card on the author's page");
          assert.ok((await page.locator(`main .card a[href="${topics.article}"]`).count()) === 1, "the story is not on its author's page");
          await page.goto(origin() + topics.tag);
          assert.equal(await page.locator("h1").textContent(), topics.tagName);
          assert.ok((await page.locator("main .card").count()) >= 1, "no card on the tag's page");
          await page.goto(origin() + "/corrections");
          assert.equal(await page.locator(`main .card a[href*="/${CORRECTED}/"]`).count(), 1, "the corrected story is not on /corrections");
          assert.match((await page.locator("main .fix").first().textContent()) ?? "", /An earlier version of this sample story/);
        } finally {
          await close();
        }
      });

      test("search: snippets cut with … at a whole word; nothing found offers the latest stories and every section", async () => {
        const { page, close } = await openPage(browser!, { viewport: { width: 1280, height: 800 } });
        try {
          await page.goto(origin() + "/search?q=officials");
          const snippets = await page.locator(".snippet").allTextContents();
          assert.ok(snippets.length > 0, "no result");
          for (const s of snippets) assert.doesNotMatch(s, /^…\s|^\s/, s);
          assert.ok(
            snippets.some((s) => s.startsWith("…") || s.endsWith("…")),
            "no snippet is marked as cut",
          );
          await page.goto(origin() + "/search?q=zqnothingatall");
          assert.ok((await page.locator("main .latest .card").count()) >= 5, "no latest stories offered");
          const offered = await page.$$eval("main .subs a", (links) => links.map((a) => (a as HTMLAnchorElement).pathname));
          for (const section of CONFIGURED) assert.ok(offered.includes(`/${section}`), `${section} not offered`);
        } finally {
          await close();
        }
      });

      const PAGES = () => [
        { name: "front", path: "/" },
        { name: "section", path: "/News" },
        { name: "search", path: "/search?q=officials" },
        { name: "search-none", path: "/search?q=zqnothingatall" },
        { name: "author", path: topics.author },
        { name: "tag", path: topics.tag },
        { name: "corrections", path: "/corrections" },
        { name: "article", path: topics.article },
        { name: "not-found", path: "/Detail/2020/01/01/999999/no-such-story" },
      ];
      test("front, section, search, author, tag, corrections, article and 404 pages: WCAG 2.2 AA, no layout shift; screenshots at 360 and 1280, light and dark", async () => {
        const failures: string[] = [];
        for (const { name, path } of PAGES())
          for (const viewport of VIEWPORTS)
            for (const colorScheme of SCHEMES) {
              const { page, errors, close } = await openPage(browser!, { viewport, colorScheme, bypassCSP: true });
              try {
                await page.goto(origin() + path, { waitUntil: "load" });
                const { cls } = await paintResults(page);
                if (cls !== 0) failures.push(`${name} ${viewport.width} ${colorScheme}: CLS ${cls}`);
                const violations = (await runAxe(page)).filter((v) => v.tags.some((tag) => WCAG22_AA.includes(tag)));
                for (const v of violations) failures.push(`${name} ${viewport.width} ${colorScheme}: ${v.id} ${v.nodes.join(" ")}`);
                // The 404 page's own status is the one error Chromium may log there.
                const own = (e: string) => name === "not-found" && /status of 404/.test(e);
                failures.push(...errors.filter((e) => !own(e)).map((e) => `${name} ${viewport.width} ${colorScheme}: ${e}`));
                // The lazy thumbnails of the first screen, loaded before the picture is taken.
                await page.waitForFunction(() => [...document.images].every((i) => i.complete || i.getBoundingClientRect().top > innerHeight), undefined, {
                  timeout: 10_000,
                });
                // And the web fonts, so a picture never shows the fallback face.
                await page.evaluate(() => document.fonts.ready.then(() => undefined));
                const file = `demo-${edition === "fa" ? "fa-" : ""}${name}-${viewport.width}-${colorScheme}`;
                for (const path of shots(file)) await page.screenshot({ path });
              } finally {
                await close();
              }
            }
        assert.deepEqual(failures, []);
      });
    },
  );
}
