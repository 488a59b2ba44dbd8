/**
 * @module
 * Issue 38's breaking-news banner in Chromium, on the demo archive: an editor sets it through the API, and the
 * front page, an article and a 404 page show it under the masthead at 360 and 1280 px, light and dark, with
 * WCAG 2.2 AA (axe), no layout shift and no horizontal scroll; the Persian edition at 360 px too. The desk's
 * stories page shows its form at 360 px. Screenshots to test-results/e2e/ and docs/screenshots/
 * (`banner-*`). Its own dev servers (E2E_PORT + 24 and + 26, inspectors on the next ports) on a state
 * directory of its own: `E2E_PORT=9386 node --test tests/e2e/breaking-banner.test.ts` serves on 9410–9413.
 */

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { launchChromium, openPage, runAxe, WCAG22_AA } from "../support/e2e/browser.ts";
import { type DevServer, startDevServer } from "../support/e2e/dev-server.ts";
import { TOKEN } from "../support/e2e/fixtures.ts";
import { horizontalOverflow, paintResults } from "../support/e2e/site-checks.ts";
import { pageErrors, signedIn, waitStatus } from "../support/e2e/desk-steps.ts";

const PORT = Number(process.env.E2E_PORT ?? 9200) + 24;
const OUT = new URL("../../test-results/e2e/", import.meta.url).pathname;
const STATE = OUT + "banner-state";
const SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const TEXTS = {
  en: "Live: Strait of Hormuz shipping halted after tanker fire, navy says",
  fa: "زنده: کشتیرانی در تنگه هرمز پس از آتش‌سوزی نفتکش متوقف شد",
};
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];

for (const edition of ["en", "fa"] as const) {
  describe(`the breaking-news banner, ${edition === "fa" ? "the Persian edition" : "English"} (issue 38)`, { timeout: 900_000 }, () => {
    let server: DevServer | undefined;
    let browser: Browser | undefined;
    let article = "";
    const origin = () => server!.origin;

    before(
      async () => {
        mkdirSync(OUT, { recursive: true });
        if (edition === "en") rmSync(STATE, { recursive: true, force: true });
        const vars = ["--var", `PUBLISH_TOKEN:${TOKEN}`, "--persist-to", STATE, ...(edition === "fa" ? ["--var", "SITE_LANGUAGE:fa"] : [])];
        server = await startDevServer(PORT + (edition === "fa" ? 2 : 0), `${OUT}dev-banner-${edition}.log`, undefined, vars);
        // The English run loads the demo archive into the state; each run sets a banner in its edition's language.
        if (edition === "en")
          await promisify(execFile)(process.execPath, ["scripts/content/demo.ts", "--url", origin()], {
            cwd: new URL("../..", import.meta.url).pathname,
            env: { ...process.env, PUBLISH_TOKEN: TOKEN },
          });
        {
          const res = await fetch(`${origin()}/api/v1/banner`, {
            method: "PUT",
            headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", Prefer: "wait=30" },
            body: JSON.stringify({ text: TEXTS[edition], link: "/News", expires: new Date(Date.now() + 6 * 3_600_000).toISOString() }),
          });
          assert.equal(res.status, 200, await res.text());
        }
        const list = await fetch(`${origin()}/api/v1/articles?per_page=1&fields=id,url`, { headers: { Accept: "application/json" } });
        article = new URL(((await list.json()) as { articles: { url: string }[] }).articles[0]!.url).pathname;
        browser = await launchChromium();
      },
      { timeout: 600_000 },
    );
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test("front page, an article and a 404 show it under the masthead: WCAG 2.2 AA, CLS 0, no horizontal scroll; screenshots", async () => {
      const failures: string[] = [];
      const pages = [
        { name: "front", path: "/" },
        { name: "article", path: article },
        { name: "not-found", path: "/Detail/2020/01/01/999999/no-such-story" },
      ];
      for (const { name, path } of pages)
        for (const viewport of edition === "fa" ? VIEWPORTS.slice(1) : VIEWPORTS)
          for (const colorScheme of ["light", "dark"] as const) {
            const { page, errors, close } = await openPage(browser!, { viewport, colorScheme, bypassCSP: true });
            const at = `${name} ${viewport.width} ${colorScheme}`;
            try {
              await page.goto(origin() + path, { waitUntil: "load" });
              const banner = page.locator(".breaking");
              if ((await banner.count()) !== 1) failures.push(`${at}: no banner`);
              else {
                const text = await banner.innerText();
                if (!text.includes(TEXTS[edition])) failures.push(`${at}: banner says ${text}`);
                const [header, strip] = await Promise.all([page.locator("header.masthead").boundingBox(), banner.boundingBox()]);
                if (!header || !strip || Math.abs(strip.y - (header.y + header.height)) > 1) failures.push(`${at}: not right under the masthead`);
              }
              const { cls } = await paintResults(page);
              if (cls !== 0) failures.push(`${at}: CLS ${cls}`);
              if ((await horizontalOverflow(page)) > 0) failures.push(`${at}: horizontal scroll`);
              const violations = (await runAxe(page)).filter((v) => v.tags.some((tag) => WCAG22_AA.includes(tag)));
              for (const v of violations) failures.push(`${at}: ${v.id} ${v.nodes.join(" ")}`);
              const own = (e: string) => name === "not-found" && /status of 404/.test(e);
              failures.push(...errors.filter((e) => !own(e)).map((e) => `${at}: ${e}`));
              await page.waitForFunction(() => [...document.images].every((i) => i.complete || i.getBoundingClientRect().top > innerHeight), undefined, {
                timeout: 10_000,
              });
              await page.evaluate(() => document.fonts.ready.then(() => undefined));
              if (name !== "not-found") {
                const file = `banner-${edition === "fa" ? "fa-" : ""}${name}-${viewport.width}-${colorScheme}.png`;
                await page.screenshot({ path: OUT + file });
                await page.screenshot({ path: SHOTS + file });
              }
            } finally {
              await close();
            }
          }
      assert.deepEqual(failures, []);
    });

    if (edition === "en")
      test("the desk's form at 360 px: set a banner for an hour, the front page shows it; clear it, the front page does not", async () => {
        const page = await signedIn(browser!, origin(), TOKEN, 360);
        try {
          await page.click(".banner-box summary");
          await page.fill("#banner-text", "Desk test: polls close in one hour");
          await page.fill("#banner-link", "/News");
          await page.selectOption("#banner-for", "1");
          await page.locator(".banner-box").scrollIntoViewIfNeeded();
          await page.screenshot({ path: SHOTS + "banner-desk-360.png" });
          await page.click(".banner-form button[type=submit]");
          await waitStatus(page, /Banner set/);
          assert.match(await page.locator(".banner-now").innerText(), /Desk test: polls close in one hour/);
          const front = async () => (await fetch(`${origin()}/`, { headers: { Accept: "text/html" } })).text();
          assert.match(await front(), /<bdi dir="auto">Desk test: polls close in one hour<\/bdi>/);
          await page.click("#banner-clear");
          await waitStatus(page, /Banner cleared/);
          assert.doesNotMatch(await front(), /class="breaking"/);
          // The fold fits the phone's width (the stories table below it is another matter: its time cells overflow at 360 px as they did before).
          const box = await page.locator(".banner-box").boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `the banner's fold at ${JSON.stringify(box)}`);
          assert.deepEqual(pageErrors.get(page), []);
        } finally {
          await page.context().close();
        }
      });
  });
}
