/**
 * Live coverage from the desk (issue 38) in Debian's Chromium against `npm run dev`, on a 390 px phone:
 * an editor opens a published story, marks it live with the panel's switch, posts three updates from
 * the quick composer (the second a key point), edits one, deletes one behind the confirmation dialog,
 * and closes coverage, which keeps the updates. The API shows each step; axe WCAG 2.2 AA on the page
 * with the panel open. Screenshots of the panel at 390 and 1280 px, light and dark:
 * docs/screenshots/desk-live-*.png. The dev server listens on `E2E_PORT` + 2 (default 9332) and its
 * inspector on the next port.
 */

import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium, runAxe, WCAG22_AA } from "../support/e2e/browser.ts";
import { OUT, ready, until, waitStatus } from "../support/e2e/desk-steps.ts";
import { type DevServer, startDevServer } from "../support/e2e/dev-server.ts";
import { TOKEN } from "../support/e2e/fixtures.ts";

const PORT = Number(process.env.E2E_PORT ?? 9330) + 2;
const SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;

let server: DevServer;
let browser: Browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  // A state of its own: its live stories, dated now, would otherwise lead the front page the other runs check.
  rmSync(`${OUT}live-desk-state`, { recursive: true, force: true });
  server = await startDevServer(PORT, `${OUT}live-desk-dev-server.log`, 180_000, ["--var", `PUBLISH_TOKEN:${TOKEN}`, "--persist-to", `${OUT}live-desk-state`]);
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
type Stored = {
  source: {
    live?: { start: string; end: string | null };
    updates?: { n: number; title?: string; pinned?: true; body: { text?: string }[] }[];
    removed?: { n: number }[];
  };
};
const stored = async (id: string) => ((await (await api(`/api/v1/articles/${id}?preview=1`)).json()) as Stored).source;

/** Signs in at 390 px in a context that lets axe in (the desk's CSP allows no injected script); uncaught errors collected. */
async function signedIn(errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(`${server.origin}/desk/`);
  await page.fill("#token", TOKEN);
  await Promise.all([page.waitForURL(`${server.origin}/desk/`), page.click("button[type=submit]")]);
  await ready(page);
  return page;
}

/** Posts one update from the composer, as an editor on a phone types it. */
async function postFromDesk(page: Page, text: string, options: { title?: string; key?: boolean } = {}): Promise<void> {
  await page.fill("#live-text", text);
  if (options.title) await page.fill("#live-title", options.title);
  if (options.key) await page.check("#live-key");
  await page.click("#live-post");
  await waitStatus(page, /Update posted/);
  await until("the composer is empty again", async () => ((await page.inputValue("#live-text")) === "" ? true : undefined), 10_000);
}

/** The panel as an element screenshot at `width`, light and dark. */
async function panelShots(page: Page, name: string): Promise<void> {
  for (const width of [390, 1280])
    for (const scheme of ["light", "dark"] as const) {
      // Tall enough for the whole panel, so the action bar at the bottom of the screen covers none of it.
      await page.setViewportSize({ width, height: 1600 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator("#live").scrollIntoViewIfNeeded();
      await page.locator("#live").screenshot({ path: `${SHOTS}desk-live-${name}-${width}-${scheme}.png` });
    }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
}

describe("live coverage from the desk at 390 px", () => {
  test("mark a story live, post three updates (one a key point), edit, delete, close: the updates are kept", { timeout: 300_000 }, async () => {
    const created = await api("/api/v1/articles", {
      method: "POST",
      body: JSON.stringify({
        section: ["News"],
        headline: "Storm reaches the coast",
        body: [{ type: "paragraph", text: "A storm is moving towards the coast." }],
      }),
    });
    assert.equal(created.status, 201);
    const id = ((await created.json()) as { id: string }).id;
    const errors: string[] = [];
    const page = await signedIn(errors);
    await page.goto(`${server.origin}/desk/edit?id=${id}`);
    await ready(page);
    assert.equal(await page.getAttribute("#live-switch", "aria-checked"), "false");
    assert.equal(await page.isVisible("#live-composer"), false);
    await panelShots(page, "off");

    await page.click("#live-switch");
    await waitStatus(page, /The story is live/);
    assert.equal(await page.getAttribute("#live-switch", "aria-checked"), "true");
    assert.equal((await stored(id)).live?.end, null);

    await postFromDesk(page, "Winds of **120 km/h** were measured at the harbour.");
    await postFromDesk(page, "All ferries are cancelled until tomorrow morning.", { title: "Ferries cancelled", key: true });
    await postFromDesk(page, "Schools in the region will stay closed on Friday.");
    let story = await stored(id);
    assert.deepEqual(
      story.updates?.map((u) => [u.n, u.title ?? null, u.pinned ?? false]),
      [
        [1, null, false],
        [2, "Ferries cancelled", true],
        [3, null, false],
      ],
    );
    // Newest first in the desk's list, the key point marked.
    assert.deepEqual(await page.locator("#live-updates > li").evaluateAll((items) => items.map((li) => li.id)), [
      "live-update-3",
      "live-update-2",
      "live-update-1",
    ]);
    assert.match((await page.textContent("#live-update-2")) ?? "", /Key point/);
    // Nothing typed in the story's form was disturbed, and a save after the updates is not a conflict.
    assert.equal(await page.isVisible("#conflict"), false);
    await panelShots(page, "on");
    const violations = await runAxe(page);
    assert.deepEqual(
      violations.filter((v) => v.tags.some((t) => WCAG22_AA.includes(t))).map((v) => `${v.id}: ${v.nodes.join(" ")}`),
      [],
    );

    await page.click("#live-update-1 button:has-text('Edit')");
    await page.fill("#live-edit-1", "Winds of **130 km/h** were measured at the harbour.");
    await page.click("#live-update-1 button:has-text('Save update')");
    await waitStatus(page, /Update 1 saved/);
    await page.click("#live-update-3 button:has-text('Delete')");
    await page.click("dialog.ask button:has-text('Delete update')");
    await waitStatus(page, /Update 3 deleted/);
    story = await stored(id);
    assert.deepEqual(
      story.updates?.map((u) => u.n),
      [1, 2],
    );
    assert.match(story.updates![0]!.body[0]!.text ?? "", /130 km\/h/);
    assert.deepEqual(
      story.removed?.map((r) => r.n),
      [3],
    );

    await page.click("#live-switch");
    await page.click("dialog.ask button:has-text('Close coverage')");
    await waitStatus(page, /Live coverage closed/);
    assert.equal(await page.isVisible("#live-composer"), false);
    story = await stored(id);
    assert.notEqual(story.live?.end, null);
    assert.equal(story.updates?.length, 2);
    await panelShots(page, "closed");
    assert.deepEqual(errors, []);
  });
});
