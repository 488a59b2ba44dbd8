/**
 * @module
 * What the desk's browser test does again and again: sign in, wait for the desk to say something,
 * type into the story's writing surface (CodeMirror, in a shadow root), and take a step's
 * screenshots at 1280 and 390 px (`test-results/e2e/desk-<step>-<width>.png`).
 */

import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";

export const OUT = new URL("../../../test-results/e2e/", import.meta.url).pathname;

/** Waits until the desk's script has loaded what the page shows. */
export const ready = (page: Page) => page.locator("body[data-ready=true]").waitFor({ timeout: 30_000 });

const statusText = (page: Page) => page.locator("p#status").textContent();

/** Waits until the desk's status line says `pattern`; its text. */
export async function waitStatus(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("p#status")?.textContent ?? ""), pattern.source, { timeout });
  } catch {
    await page.screenshot({ path: `${OUT}desk-failed-${Date.now()}.png` }).catch(() => undefined);
    throw new Error(`the desk did not say ${pattern} within ${timeout / 1000} s; it says: ${await statusText(page)}`);
  }
  return (await statusText(page)) ?? "";
}

/** What went wrong in a page that a person would not see: console errors (a CSP refusal, say) and uncaught errors. */
export const pageErrors = new WeakMap<Page, string[]>();

export async function signedIn(browser: Browser, origin: string, token: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  // A refused request the desk answers for (a 412 it merges, say) is logged by Chromium too: not an error here.
  page.on(
    "console",
    (m) =>
      m.type() === "error" &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) &&
      errors.push(`console.error: ${m.text()}`),
  );
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(`${origin}/desk/`);
  await page.fill("#token", token);
  await Promise.all([page.waitForURL(`${origin}/desk/`), page.click("button[type=submit]")]);
  await ready(page);
  return page;
}

/** Types at the end of the story's text (a new line first, unless `inline`). */
export async function typeInStory(page: Page, text: string, inline = false): Promise<void> {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(inline ? text : `\n\n${text}`);
}

/**
 * A step's screenshots at 1280 and 390 px wide, as a person sees the screen (the editor's action
 * bar stays at the bottom of it): scrolled to `at` (a selector), else to the top; `full`: the whole page.
 */
export async function shot(page: Page, step: string, at?: string, full = false): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (at)
      await page
        .locator(at)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: "start" }));
    else await page.evaluate(() => scrollTo(0, 0));
    await sleep(200);
    await page.screenshot({ path: `${OUT}desk-${step}-${width}.png`, fullPage: full });
  }
  await page.setViewportSize(size);
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, every = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await sleep(every);
  }
}
