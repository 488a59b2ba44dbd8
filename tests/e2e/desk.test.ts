/**
 * The editors' desk in Debian's Chromium against `npm run dev`: an editor's day (issues 21 and 35).
 * Sign in; write a story with a photo and a focal point in the writing surface, the preview showing
 * what was typed a second ago with nothing saved; Ctrl+S; publish; Update keeps it live; the focal
 * point moves the 720x720 crop (two renditions compared, pixel by pixel); schedule a story and watch
 * its badge turn live by itself; compare and restore revisions; Unpublish asks first and the story
 * leaves the site within 3 s; delete, then restore the removed story as a draft (not live); two
 * editors changing different fields both land without a prompt, the same field is shown side by
 * side; a contributor cannot publish; axe WCAG 2.2 AA on every desk page at 360 and 1280 px, light
 * and dark. Screenshots of each step at 1280 and 390 px: test-results/e2e/desk-*.png. The dev server
 * listens on `E2E_PORT` + 20 (default 9220) and its inspector on the next port.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { launchChromium, runAxe, WCAG22_AA } from "../support/e2e/browser.ts";
import { OUT, pageErrors, ready, shot, signedIn, typeInStory, until, waitStatus } from "../support/e2e/desk-steps.ts";
import { type DevServer, startDevServer } from "../support/e2e/dev-server.ts";
import { TOKEN } from "../support/e2e/fixtures.ts";

const PORT = Number(process.env.E2E_PORT ?? 9200) + 20;
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

const api = (path: string, init: RequestInit = {}) =>
  fetch(server.origin + path, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, Accept: "application/json", ...init.headers } });
const publicStatus = async (path: string) => (await fetch(server.origin + path, { redirect: "manual" })).status;
const stored = async (id: string) =>
  (await api(`/api/v1/articles/${id}?preview=1`)).json() as Promise<{
    url: string;
    version: number;
    status: string;
    scheduled: boolean;
    headline: string;
    body: { text?: string }[];
  }>;
const open = async (page: Page, id: string) => {
  await page.goto(`${server.origin}/desk/edit?id=${id}`);
  await ready(page);
};
/** A new story, written in the editor, with the words `words` in its opening. */
async function write(page: Page, headline: string, words: string): Promise<void> {
  await page.goto(`${server.origin}/desk/edit`);
  await ready(page);
  await page.fill("#headline", headline);
  await page.fill("#section", "News");
  await typeInStory(page, `${words}, the [port authority](https://example.com/port) said.\n\n> We are open again.\n> — The harbour master`, true);
}

/** The mean red of the left and right thirds of an image: which part of the photo a crop shows. */
async function redThirds(bytes: Buffer): Promise<[number, number]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const mean = (from: number, to: number) => {
    let sum = 0;
    let n = 0;
    for (let y = 0; y < info.height; y += 4)
      for (let x = Math.floor(from * info.width); x < to * info.width; x += 4) {
        sum += data[(y * info.width + x) * info.channels];
        n++;
      }
    return sum / n;
  };
  return [mean(0, 1 / 3), mean(2 / 3, 1)];
}

describe("the editors' desk: an editor's day", { timeout: 900_000 }, () => {
  let storyId = "";
  let path = "";

  test("writes with a photo, sees the unsaved text in the preview, saves with Ctrl+S, publishes, and Update keeps it live", async () => {
    const page = await signedIn(browser, server.origin, TOKEN);
    await shot(page, "stories", undefined, true);
    await write(page, `Harbour reopens ${RUN}`, "The harbour reopened on Monday");
    await page.setInputFiles("#photo", PHOTO);
    await waitStatus(page, /added: write its caption/);
    for (const [field, value] of [
      ["caption", "The quay at dawn."],
      ["credit", "Photo by E2E"],
      ["alt", "A colour chart"],
    ])
      await page
        .locator(`#photo-0-${field}`)
        .fill(value)
        .then(() => page.locator(`#photo-0-${field}`).press("Tab"));
    await page.screenshot({ path: `${OUT}desk-photo-card-1280.png` });
    // A word typed a second ago is in the preview, with nothing saved (the story has no id, nothing stored).
    await typeInStory(page, "Seagulls returned at noon.");
    const frame = page.frameLocator("#preview");
    await until(
      "the preview shows the word just typed",
      async () =>
        (
          await frame
            .locator("article")
            .textContent()
            .catch(() => "")
        )?.includes("Seagulls")
          ? true
          : undefined,
      10_000,
    );
    assert.equal(new URL(page.url()).searchParams.get("id"), null, "the preview saved the story");
    await shot(page, "edit-preview", ".editor");
    // Ctrl+S saves, and never publishes: a new story is saved as a draft.
    await page.keyboard.press("Control+s");
    assert.match(await waitStatus(page, /saved|Not saved/), /^Draft saved \(version 1\)/);
    storyId = new URL(page.url()).searchParams.get("id")!;
    path = new URL((await stored(storyId)).url).pathname;
    assert.equal(await publicStatus(path), 404);
    await page.click("#publish");
    assert.match(await waitStatus(page, /^Published|Not saved/), /^Published/);
    assert.equal(await publicStatus(path), 200);
    assert.match((await page.locator("#status-badge").textContent()) ?? "", /^Live since/);
    assert.equal(await page.locator("#view-on-site").getAttribute("href"), (await stored(storyId)).url);
    await shot(page, "published");

    // Update: the text changes, the story stays live (the public URL answers 200 before and after).
    const storedBefore = (await stored(storyId)).version;
    await typeInStory(page, "The first ferry left at noon.");
    await until(
      "the typed paragraph is previewed",
      async () => ((await frame.locator("article").textContent())?.includes("first ferry") ? true : undefined),
      10_000,
    );
    assert.equal((await stored(storyId)).version, storedBefore, "typing saved");
    assert.equal(await publicStatus(path), 200);
    assert.deepEqual(await page.locator("#action-bar .actions button").allTextContents(), ["Update", "Unpublish…", "Delete…"]);
    await page.click("#update");
    assert.match(await waitStatus(page, /^Updated/), /the live story shows your changes/);
    assert.equal(await publicStatus(path), 200);
    assert.match(await (await fetch(server.origin + path)).text(), /The first ferry left at noon\./);
    await shot(page, "updated");
    assert.deepEqual(pageErrors.get(page), []);
    await page.context().close();
  });

  test("a photo's focal point moves the 720x720 crop: two renditions, compared", async () => {
    const page = await signedIn(browser, server.origin, TOKEN);
    await open(page, storyId);
    // The focal point to the left edge (with the slider; a click on the photo does the same), then saved.
    await page.locator("#photo-0-focus-x").evaluate((el) => {
      (el as HTMLInputElement).value = "0";
      el.dispatchEvent(new Event("change"));
    });
    await page.locator("#photo-card-0 img.crop-720x720[src*='720x720-0-50']").waitFor();
    await page.click("#update");
    await waitStatus(page, /^Updated/);
    await shot(page, "focal-point", "#photo-card-0");
    // Saved with the photo (the page's structured data names the crops around it: tests/workers/media/focal-crops.test.ts).
    const image = ((await (await api(`/api/v1/articles/${storyId}`)).json()) as { image: { src: string; focus: unknown } }).image;
    assert.deepEqual(image.focus, { x: 0, y: 50 });
    const media = /\/media\/([0-9a-f]{64})$/.exec(image.src)!;
    const crop = async (size: string) =>
      Buffer.from(await (await fetch(`${server.origin}/media/${media[1]}/${size}`, { headers: { Accept: "image/jpeg" } })).arrayBuffer());
    // What each crop should show, cut here from the original: the 900 px square at its left edge, and at its right.
    const expected = (left: number) => sharp(readFileSync(PHOTO)).extract({ left, top: 0, width: 900, height: 900 }).resize(720, 720).jpeg().toBuffer();
    const [left, right, leftWanted, rightWanted] = await Promise.all([crop("720x720-0-50"), crop("720x720-100-50"), expected(0), expected(700)]);
    const [a, b, c, d] = await Promise.all([redThirds(left), redThirds(right), redThirds(leftWanted), redThirds(rightWanted)]);
    for (const [got, wanted] of [
      [a, c],
      [b, d],
    ])
      for (const i of [0, 1]) assert.ok(Math.abs(got[i] - wanted[i]) < 8, `crop ${got} where ${wanted} is wanted`);
    // The photo grows redder from left to right, so the two crops are plainly different parts of it.
    assert.ok(b[0] - a[0] > 100, `left ${a}, right ${b}`);
    assert.deepEqual(pageErrors.get(page), []);
    await page.context().close();
  });

  test("a scheduled story's badge turns live by itself; revisions restore; Unpublish asks first and the story is gone within 3 s", async () => {
    const page = await signedIn(browser, server.origin, TOKEN);
    await write(page, `Scheduled ${RUN}`, "The timetable changes on Friday");
    const at = new Date(Date.now() + 20_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    await page.fill(
      "#published",
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`,
    );
    await page.locator("#published").dispatchEvent("input");
    await page.click("#schedule");
    assert.match(await waitStatus(page, /Scheduled for|Not saved/), /^Scheduled for/);
    assert.match((await page.locator("#status-badge").textContent()) ?? "", /^Scheduled for/);
    await shot(page, "scheduled");
    await until(
      "the badge says it is live, with no reload",
      async () => ((await page.locator("#status-badge").textContent())?.startsWith("Live since") ? true : undefined),
      90_000,
      1000,
    );
    assert.ok(Date.now() >= at.getTime() - 1000, "it went live before its time");

    // The published story: compare two versions, restore the first; it stays live.
    await open(page, storyId);
    await page.click("#revisions-link");
    await page.waitForURL(/\/desk\/revisions\?id=/);
    await ready(page);
    await page.selectOption("#from", "1");
    await page.selectOption("#to", "2");
    await page.locator(".diff ins").first().waitFor();
    await shot(page, "revisions", undefined, true);
    await page.click("button[aria-label='Restore version 1']");
    await page.click("dialog.ask button.primary");
    await page.waitForURL(/\/desk\/edit\?id=/);
    await ready(page);
    assert.match(await waitStatus(page, /restored/), /Version 1 restored as the newest version/);
    assert.equal(await publicStatus(path), 200);

    // Unpublish: asked first; the public URL answers 404 within 3 s.
    await page.click("#unpublish");
    await page.locator("dialog.ask").waitFor();
    await shot(page, "unpublish-ask");
    const asked = Date.now();
    await page.click("dialog.ask button.danger");
    assert.match(await waitStatus(page, /Unpublished/), /no longer on the site/);
    await until("the unpublished story is gone", async () => ((await publicStatus(path)) === 404 ? true : undefined), 3_000 - (Date.now() - asked) + 500, 100);
    assert.ok(Date.now() - asked <= 3_000, `gone after ${Date.now() - asked} ms`);
    assert.match((await page.locator("#status-badge").textContent()) ?? "", /^Draft/);
    await shot(page, "unpublished");
    assert.deepEqual(pageErrors.get(page), []);
    await page.context().close();
  });

  test("a deleted story is restored as a draft, not a live page, and the desk says so", async () => {
    const page = await signedIn(browser, server.origin, TOKEN);
    await open(page, storyId);
    await page.click("#publish");
    await waitStatus(page, /^Published/);
    await page.click("#delete");
    await page.click("dialog.ask button.danger");
    await page.waitForURL(/status=removed/);
    await ready(page);
    assert.match((await page.locator("p#status").textContent()) ?? "", /^Deleted “Harbour reopens/);
    assert.equal(await publicStatus(path), 410);
    await shot(page, "removed", undefined, true);
    await page.click(`a.story-link[href$="id=${storyId}"]`);
    await ready(page);
    const last = page.locator("ol.revisions button").first();
    await last.click();
    await page.locator("dialog.ask").waitFor();
    await shot(page, "restore-ask");
    await page.click("dialog.ask button.primary");
    await page.waitForURL(/\/desk\/edit\?id=/);
    await ready(page);
    assert.match(await waitStatus(page, /restored/), /restored as a draft: it is not on the site/);
    assert.equal((await stored(storyId)).status, "draft");
    assert.equal(await publicStatus(path), 404);
    assert.deepEqual(pageErrors.get(page), []);
    await page.context().close();
  });

  test("two editors changing different fields both land without a prompt; the same field is shown side by side", async () => {
    const first = await signedIn(browser, server.origin, TOKEN);
    const second = await signedIn(browser, server.origin, TOKEN);
    for (const p of [first, second]) await open(p, storyId);
    await first.fill("#headline", `Harbour reopens, fixed ${RUN}`);
    await first.click("#save-draft");
    await waitStatus(first, /^Draft saved/);
    await typeInStory(second, "A paragraph from the second editor.");
    await second.click("#save-draft");
    assert.match(
      await waitStatus(second, /Merged|Not saved/),
      /^Draft saved .* Merged with the version newsroom saved meanwhile: the headline from theirs, the rest yours\.$/,
    );
    assert.equal(await second.locator("#conflict").isVisible(), false, "a prompt for fields that did not clash");
    const both = await stored(storyId);
    assert.equal(both.headline, `Harbour reopens, fixed ${RUN}`);
    assert.ok(both.body.some((b) => b.text === "A paragraph from the second editor."));
    await shot(second, "merged");

    await first.reload();
    await ready(first);
    await first.fill("#headline", `First editor's ${RUN}`);
    await first.click("#save-draft");
    await waitStatus(first, /^Draft saved/);
    await second.fill("#headline", `Second editor's ${RUN}`);
    await second.click("#save-draft");
    await second.locator("#conflict .sides").first().waitFor();
    const sides = await second.locator("#conflict .side-text").allTextContents();
    assert.deepEqual(sides, [`First editor's ${RUN}`, `Second editor's ${RUN}`]);
    const panel = await second.locator("#conflict").boundingBox();
    const preview = await second.locator(".preview").boundingBox();
    assert.ok(panel && preview && panel.y + panel.height <= preview.y + 1, "the conflict panel is above the columns, not under one");
    assert.equal((await stored(storyId)).headline, `First editor's ${RUN}`);
    await shot(second, "conflict", "#conflict");
    await second.click("#choose-headline-mine");
    await second.click("#save-choice");
    await waitStatus(second, /^Draft saved/);
    assert.equal((await stored(storyId)).headline, `Second editor's ${RUN}`);
    assert.deepEqual([...pageErrors.get(first)!, ...pageErrors.get(second)!], []);
    await first.context().close();
    await second.context().close();
  });

  test("a Persian story is written right to left, and on a phone the action bar covers no field", async () => {
    const page = await signedIn(browser, server.origin, TOKEN, 390);
    await page.goto(`${server.origin}/desk/edit`);
    await ready(page);
    await page.selectOption("#language", "fa");
    await page.fill("#headline", `بندر دوباره باز شد ${RUN}`);
    await page.fill("#section", "News");
    await typeInStory(page, "بندر روز دوشنبه دوباره باز شد.\n\n> ما دوباره باز هستیم.\n> — مدیر بندر", true);
    await until(
      "the preview shows the Persian text",
      async () => ((await page.frameLocator("#preview").locator("article").getAttribute("dir")) === "rtl" ? true : undefined),
      10_000,
    );
    assert.equal(await page.locator(".cm-content").getAttribute("dir"), "rtl");
    assert.equal(await page.locator("#headline").getAttribute("dir"), "rtl");
    await page.click("#save-draft");
    await waitStatus(page, /^Draft saved/);
    await shot(page, "rtl", ".writing");
    // Each field, when focused, is above the action bar; at the end of the page the bar is below the form.
    const bar = async () => (await page.locator("#action-bar").boundingBox())!;
    for (const field of ["#headline", "#language", "#published"]) {
      await page.evaluate(() => scrollTo(0, 0));
      await page.focus(field);
      const box = (await page.locator(field).boundingBox())!;
      assert.ok(box.y + box.height <= (await bar()).y, `${field} is under the action bar`);
    }
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    const form = (await page.locator("#story").boundingBox())!;
    assert.ok(form.y + form.height <= (await bar()).y + 1, "the action bar covers the end of the form");
    assert.deepEqual(pageErrors.get(page), []);
    await page.context().close();
  });

  test("a contributor cannot publish: no button, and the API answers 403", async () => {
    const page = await signedIn(browser, server.origin, CONTRIBUTOR);
    await page.goto(`${server.origin}/desk/edit`);
    await ready(page);
    assert.deepEqual(await page.locator("#action-bar .actions button").allTextContents(), ["Save draft"]);
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
    await typeInStory(page, "A draft for an editor to read.", true);
    await page.click("#save-draft");
    assert.match(await waitStatus(page, /^Draft saved|Not saved/), /^Draft saved/);
    assert.deepEqual(pageErrors.get(page), []);
    await page.context().close();
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
        await page.screenshot({ path: `${OUT}desk-${name}-${width}${colorScheme === "dark" ? "-dark" : ""}.png` });
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
      await page.frameLocator("#preview").locator("article").waitFor();
      await check("edit");
      await page.goto(`${server.origin}/desk/revisions?id=${storyId}`);
      await ready(page);
      await check("revisions");
      await context.close();
      assert.deepEqual(found, []);
    }
  });
});
