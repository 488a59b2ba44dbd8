/**
 * A live story's page (issue 38, the readers' side) in Debian's Chromium against `npm run dev`, with the page's
 * real CSP (the script must run by its hash): a reader's page opened before the first update shows each update
 * posted through the API within 5 s without a reload (the "N new updates" button, then the update on top), the
 * key point on top; with scripts disabled the same updates appear after a reload; axe WCAG 2.2 AA; no console
 * error (a CSP refusal is one). Screenshots at 360 and 1280 px, light and dark, and a Persian story at 360 px:
 * docs/screenshots/live-page-*.png. The dev server listens on `E2E_PORT` + 4 (default 9374), its inspector on the next port.
 */

import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium, openPage, runAxe, WCAG22_AA } from "../support/e2e/browser.ts";
import { OUT, until } from "../support/e2e/desk-steps.ts";
import { type DevServer, startDevServer } from "../support/e2e/dev-server.ts";
import { TOKEN } from "../support/e2e/fixtures.ts";

const PORT = Number(process.env.E2E_PORT ?? 9370) + 4;
const SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;

let server: DevServer;
let browser: Browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  // A state of its own: its live stories, dated now, would otherwise lead the front page the other runs check.
  rmSync(`${OUT}live-page-state`, { recursive: true, force: true });
  server = await startDevServer(PORT, `${OUT}live-page-dev-server.log`, 180_000, ["--var", `PUBLISH_TOKEN:${TOKEN}`, "--persist-to", `${OUT}live-page-state`]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(server.origin + path, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, Accept: "application/json", "Content-Type": "application/json", ...init.headers },
  });
const paragraph = (text: string) => [{ type: "paragraph", text }];

/** A live story published now; its page's path. */
async function liveStory(headline: string, text: string, language?: string): Promise<{ id: string; path: string }> {
  const start = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
  const res = await api("/api/v1/articles", {
    method: "POST",
    headers: { Prefer: "wait=30" },
    body: JSON.stringify({ section: ["News"], headline, body: paragraph(text), live: { start, end: null }, ...(language && { language }) }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { id, url } = (await res.json()) as { id: string; url: string };
  return { id, path: new URL(url).pathname };
}

async function post(id: string, body: object): Promise<number> {
  const res = await api(`/api/v1/articles/${id}/updates`, { method: "POST", body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { n: number }).n;
}

/** Waits for the button, presses it, and returns how long the update took to be on the page. */
async function seen(page: Page, n: number, postedAt: number): Promise<number> {
  await page.locator(".new-updates").waitFor({ state: "visible", timeout: 5_000 });
  const took = Date.now() - postedAt;
  await page.click(".new-updates");
  await page.locator(`#update-${n}`).waitFor({ state: "visible", timeout: 1_000 });
  return took;
}

describe("a live story's page", () => {
  test("an open page shows each update within 5 s without a reload; without scripts after one; axe clean; screenshots", { timeout: 300_000 }, async () => {
    const { id, path } = await liveStory("Storm reaches the coast", "A storm is moving towards the coast; the coastguard has warned ferries to stay in port.");
    const reader = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    const still = await openPage(browser, { viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    await reader.page.goto(server.origin + path);
    await still.page.goto(server.origin + path);
    assert.equal(await reader.page.locator("article.update").count(), 0);

    const took: number[] = [];
    let t = Date.now();
    const first = await post(id, { body: paragraph("Winds of 120 km/h were measured at the harbour this morning.") });
    took.push(await seen(reader.page, first, t));
    t = Date.now();
    const second = await post(id, { title: "Ferries cancelled", body: paragraph("All ferries are cancelled until tomorrow morning."), pinned: true });
    took.push(await seen(reader.page, second, t));
    t = Date.now();
    const third = await post(id, { body: paragraph("Schools in the region will stay closed on Friday, the council said.") });
    took.push(await seen(reader.page, third, t));
    console.log(`update on an open page after: ${took.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}`);
    assert.ok(took.every((ms) => ms < 5_000));
    // Newest first, on top of the updates.
    assert.deepEqual(await reader.page.locator(".updates > article").evaluateAll((a) => a.map((e) => e.id)), ["update-3", "update-2", "update-1"]);
    assert.deepEqual(reader.errors, []);

    // Without scripts: the same updates after a reload, the key point on top (the page's own render).
    await until(
      "the reloaded page has three updates",
      async () => {
        await still.page.reload();
        return (await still.page.locator("article.update").count()) === 3 ? true : undefined;
      },
      10_000,
    );
    assert.match((await still.page.textContent(".key-points")) ?? "", /Ferries cancelled/);
    assert.ok((await still.page.locator(".key-points").boundingBox())!.y < (await still.page.locator("#update-3").boundingBox())!.y);

    // axe in a context that lets it in (the page's CSP allows only its own script).
    const audit = await openPage(browser, { viewport: { width: 360, height: 800 }, bypassCSP: true });
    await audit.page.goto(server.origin + path);
    const violations = await runAxe(audit.page);
    assert.deepEqual(
      violations.filter((v) => v.tags.some((tag) => WCAG22_AA.includes(tag))).map((v) => `${v.id}: ${v.nodes.join(" ")}`),
      [],
    );

    for (const width of [360, 1280])
      for (const scheme of ["light", "dark"] as const) {
        await still.page.setViewportSize({ width, height: 900 });
        await still.page.emulateMedia({ colorScheme: scheme });
        await still.page.screenshot({ path: `${SHOTS}live-page-${width}-${scheme}.png`, fullPage: true });
      }

    const fa = await liveStory("طوفان به ساحل رسید", "طوفانی به سوی ساحل در حرکت است و گارد ساحلی به کشتی‌ها هشدار داده است.", "fa");
    await post(fa.id, { title: "لغو همهٔ کشتی‌ها", body: paragraph("همهٔ کشتی‌ها تا فردا صبح لغو شده‌اند."), pinned: true });
    await post(fa.id, { body: paragraph("مدرسه‌های منطقه روز جمعه تعطیل خواهند بود.") });
    await still.page.setViewportSize({ width: 360, height: 900 });
    await still.page.emulateMedia({ colorScheme: "light" });
    await until(
      "the Persian page has its two updates",
      async () => {
        await still.page.goto(server.origin + fa.path);
        return (await still.page.locator("article.update").count()) === 2 ? true : undefined;
      },
      10_000,
    );
    await still.page.screenshot({ path: `${SHOTS}live-page-fa-360-light.png`, fullPage: true });
    await Promise.all([reader.close(), still.close(), audit.close()]);
  });
});
