/**
 * The editors' desk in Debian's Chromium against `npm run dev` (issue 21): sign in, write a story with
 * a photo, a list, a link and a quote, preview it, schedule it 20 s ahead and see it go live, correct
 * it, see the difference, restore the earlier version, unpublish; a contributor cannot publish; two
 * editors saving the same story get a conflict, not an overwrite; axe finds no WCAG 2.2 AA violation
 * on any desk page at 360 and 1280 px. Screenshots: test-results/e2e/desk-*.png. The dev server listens
 * on `E2E_PORT` + 20 (default 9220) and its inspector on the next port.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";
import { launchChromium, runAxe, WCAG22_AA } from "../support/e2e/browser.ts";
import { type DevServer, startDevServer } from "../support/e2e/dev-server.ts";
import { TOKEN } from "../support/e2e/fixtures.ts";

const PORT = Number(process.env.E2E_PORT ?? 9200) + 20;
const OUT = new URL("../../test-results/e2e/", import.meta.url).pathname;
const PHOTO = new URL("../support/fixtures/media/photo-1600x900.jpg", import.meta.url).pathname;
const CONTRIBUTOR = "e2e-contributor-token";
const RUN = Date.now().toString(36);

let server: DevServer;
let browser: Browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  const hash = createHash("sha256").update(CONTRIBUTOR).digest("hex");
  server = await startDevServer(PORT, `${OUT}desk-dev-server.log`, 180_000, [
    "--var",
    `PUBLISH_TOKEN:${TOKEN}`,
    "--var",
    `EDITOR_TOKENS:${JSON.stringify({ Carol: hash })}`,
    "--var",
    `DESK:${JSON.stringify({ roles: { Carol: "contributor" } })}`,
  ]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(token: string, width = 1280, bypassCSP = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP });
  const page = await context.newPage();
  page.on("dialog", (d) => d.accept());
  await page.goto(`${server.origin}/desk/`);
  assert.match(page.url(), /\/desk\/sign-in\?next=%2Fdesk%2F$/);
  await page.fill("#token", token);
  await Promise.all([page.waitForURL(`${server.origin}/desk/`), page.click("button[type=submit]")]);
  await ready(page);
  return page;
}

/** Waits until the desk's script has loaded what the page shows. */
const ready = (page: Page) => page.locator("body[data-ready=true]").waitFor({ timeout: 30_000 });
const status = (page: Page) => page.locator("#status").textContent();
async function waitStatus(page: Page, pattern: RegExp): Promise<string> {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById("status")?.textContent ?? ""), pattern.source, { timeout: 30_000 });
  } catch {
    throw new Error(`the desk did not say ${pattern} within 30 s; it says: ${await status(page)}`);
  }
  return (await status(page)) ?? "";
}

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(server.origin + path, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, Accept: "application/json", ...init.headers } });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await sleep(500);
  }
}

describe("the editors' desk", { timeout: 600_000 }, () => {
  let storyId = "";

  test("an editor writes a story with a photo, previews it, schedules it, corrects it, restores and unpublishes it", async () => {
    const page = await signedIn(TOKEN);
    await page.screenshot({ path: `${OUT}desk-stories.png`, fullPage: true });
    await page.click("text=New story");
    await page.waitForURL(/\/desk\/edit$/);
    await ready(page);
    await page.fill("#headline", `Desk story ${RUN}`);
    await page.fill("#section", "News");
    await page.fill(
      "#body",
      `The harbour reopened, the [port authority](https://example.com/port) said.\n\n- ships\n- cranes\n\n> We are open again.\n>\n> — The harbour master\n\n`,
    );
    await page.setInputFiles("#photo", PHOTO);
    await waitStatus(page, /added: write its caption/);
    const body = await page.inputValue("#body");
    await page.fill(
      "#body",
      body.replace("caption: \n", "caption: The quay at dawn.\n").replace("credit: \n", "credit: Photo by E2E\n").replace("alt: \n", "alt: A colour chart\n"),
    );
    await page.click("#save-draft");
    assert.match(await waitStatus(page, /^Saved/), /saved as a draft \(version 1\)/);
    storyId = new URL(page.url()).searchParams.get("id")!;
    const preview = page.frameLocator("#preview");
    await preview.locator("h1").waitFor();
    assert.equal(await preview.locator("h1").textContent(), `Desk story ${RUN}`);
    assert.equal(await preview.locator("article blockquote").count(), 1);
    await page.screenshot({ path: `${OUT}desk-edit.png`, fullPage: true });

    // Schedule it 20 s ahead, in the editor's own time zone, and watch it go live on the public site.
    const at = new Date(Date.now() + 20_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    await page.fill(
      "#published",
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`,
    );
    await page.click("#schedule");
    assert.match(await waitStatus(page, /^Saved/), /scheduled for/);
    const stored = (await (await api(`/api/v1/articles/${storyId}`)).json()) as { url: string; scheduled: boolean };
    assert.equal(stored.scheduled, true);
    const path = new URL(stored.url).pathname;
    assert.equal((await fetch(server.origin + path, { redirect: "manual" })).status, 404);
    await until("the scheduled story is live", async () => ((await fetch(server.origin + path)).status === 200 ? true : undefined), 90_000);
    assert.ok(Date.now() >= at.getTime() - 1000, "it went live before its time");

    // Correct it, then compare and restore.
    await page.reload();
    await ready(page);
    await page.fill("#headline", `Desk story ${RUN}, corrected`);
    await page.click("#publish");
    assert.match(await waitStatus(page, /^Saved/), /published \(version 3\)/);
    await page.click("#revisions-link");
    await page.waitForURL(/\/desk\/revisions\?id=/);
    await ready(page);
    await page.selectOption("#from", "2");
    await page.selectOption("#to", "3");
    await page.locator(".diff ins").first().waitFor();
    assert.match((await page.locator(".diff ins").allTextContents()).join(" "), /corrected/);
    await page.screenshot({ path: `${OUT}desk-revisions.png`, fullPage: true });
    await page.click("button[aria-label='Restore version 2']");
    await page.waitForFunction(() => document.querySelectorAll("ol.revisions li").length === 4, undefined, { timeout: 30_000 });
    const restored = (await (await api(`/api/v1/articles/${storyId}`)).json()) as { headline: string; version: number };
    assert.deepEqual([restored.headline, restored.version], [`Desk story ${RUN}`, 4]);

    // Unpublish: a draft again, off the public site.
    await page.goto(`${server.origin}/desk/edit?id=${storyId}`);
    await ready(page);
    await page.click("#unpublish");
    assert.match(await waitStatus(page, /^Saved/), /saved as a draft/);
    await until("the unpublished story is gone", async () => ((await fetch(server.origin + path, { redirect: "manual" })).status === 404 ? true : undefined));
    await page.context().close();
  });

  test("a contributor cannot publish: no button, and the API answers 403", async () => {
    const page = await signedIn(CONTRIBUTOR);
    await page.goto(`${server.origin}/desk/edit`);
    await ready(page);
    for (const id of ["publish", "schedule", "delete"]) assert.equal(await page.locator(`#${id}`).isHidden(), true, `#${id} is shown`);
    const answered = await page.evaluate(async () => {
      const { csrf } = await (await fetch("/desk/api/session")).json();
      const body = { section: ["News"], headline: "Not allowed", published: "2026-01-01", body: [{ type: "paragraph", text: "x" }] };
      const res = await fetch("/api/v1/articles", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body),
      });
      return res.status;
    });
    assert.equal(answered, 403);
    await page.fill("#headline", `Contributor draft ${RUN}`);
    await page.fill("#section", "News");
    await page.fill("#body", "A draft for an editor to read.");
    await page.click("#save-draft");
    assert.match(await waitStatus(page, /^Saved/), /saved as a draft/);
    await page.context().close();
  });

  test("two editors saving the same story: the second gets a conflict with both versions, nothing overwritten", async () => {
    const first = await signedIn(TOKEN);
    const second = await signedIn(TOKEN);
    for (const p of [first, second]) {
      await p.goto(`${server.origin}/desk/edit?id=${storyId}`);
      await ready(p);
    }
    await first.fill("#headline", `First editor's ${RUN}`);
    await first.click("#save-draft");
    await waitStatus(first, /^Saved/);
    await second.fill("#headline", `Second editor's ${RUN}`);
    await second.click("#save-draft");
    assert.match(await waitStatus(second, /changed this story/), /Nothing was overwritten/);
    assert.equal(await second.locator("#conflict").isVisible(), true);
    // From their version to yours: their word struck out, yours inserted.
    assert.match((await second.locator("#conflict .diff del").allTextContents()).join(" "), /First/);
    assert.match((await second.locator("#conflict .diff ins").allTextContents()).join(" "), /Second/);
    assert.equal(await second.inputValue("#headline"), `Second editor's ${RUN}`);
    const now = (await (await api(`/api/v1/articles/${storyId}`)).json()) as { headline: string };
    assert.equal(now.headline, `First editor's ${RUN}`);
    await second.screenshot({ path: `${OUT}desk-conflict.png`, fullPage: true });
    await first.context().close();
    await second.context().close();
  });

  test("the sign-in form never puts the token in a URL: without its script, or sent before the script runs, it posts and comes back asking again", async () => {
    const secret = `not-a-token-${RUN}`;
    for (const mode of ["no script", "script not yet run"] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: mode !== "no script" });
      const page = await context.newPage();
      const urls: string[] = [];
      page.on("request", (r) => urls.push(r.url()));
      // Enter before the deferred module script has run: its request is held until the form has gone.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/desk/desk.js", async (route) => {
        if (mode === "script not yet run") await held;
        await route.continue();
      });
      await page.goto(`${server.origin}/desk/sign-in`, { waitUntil: "commit" });
      await page.locator("#token").fill(secret);
      await Promise.all([page.waitForURL(/\/desk\/sign-in\?again$/, { waitUntil: "commit" }), page.locator("#token").press("Enter")]);
      release();
      assert.deepEqual(
        urls.filter((u) => u.includes(secret)),
        [],
        `${mode}: the token was in a URL`,
      );
      if (mode === "script not yet run") {
        await ready(page);
        assert.match(await waitStatus(page, /finished loading/), /type your token again/);
        for (const [width, colorScheme] of [
          [360, "light"],
          [1280, "light"],
          [360, "dark"],
          [1280, "dark"],
        ] as const) {
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme });
          await page.screenshot({ path: `${OUT}desk-sign-in-again-${width}${colorScheme === "dark" ? "-dark" : ""}.png`, fullPage: true });
        }
      }
      await context.close();
    }
  });

  test("axe finds no WCAG 2.2 AA violation on any desk page at 360 and 1280 px, light and dark", async () => {
    for (const [width, colorScheme] of [
      [360, "light"],
      [1280, "light"],
      [360, "dark"],
      [1280, "dark"],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, colorScheme });
      const page = await context.newPage();
      await page.goto(`${server.origin}/desk/sign-in`);
      await ready(page);
      const found: string[] = [];
      const check = async (name: string) => {
        for (const v of await runAxe(page))
          if (v.tags.some((t) => WCAG22_AA.includes(t))) found.push(`${name} at ${width}, ${colorScheme}: ${v.id} ${v.nodes.join("; ")}`);
        await page.screenshot({ path: `${OUT}desk-${name}-${width}${colorScheme === "dark" ? "-dark" : ""}.png`, fullPage: true });
        // `E2E_README_SHOTS=1` also writes the README's two desk screenshots.
        if (process.env.E2E_README_SHOTS && width === 1280 && colorScheme === "light" && (name === "edit" || name === "stories"))
          await page.screenshot({ path: new URL(`../../docs/screenshots/desk-${name}-1280.png`, import.meta.url).pathname });
      };
      await check("sign-in");
      await page.fill("#token", TOKEN);
      await Promise.all([page.waitForURL(`${server.origin}/desk/`), page.click("button[type=submit]")]);
      await ready(page);
      await check("stories");
      await page.goto(`${server.origin}/desk/edit?id=${storyId}`);
      await ready(page);
      await check("edit");
      await page.goto(`${server.origin}/desk/revisions?id=${storyId}`);
      await ready(page);
      await check("revisions");
      await context.close();
      assert.deepEqual(found, []);
    }
  });
});
