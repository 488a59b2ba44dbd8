/**
 * @module
 * The reader's page in a real browser: the Worker runs under `wrangler dev` exactly as in
 * development, Debian's Chromium opens the front page and the seed article, and the tests check
 * what a reader gets — every block of the source file visible, WCAG 2.1 AA (axe-core), layout at
 * phone and desktop widths, no JavaScript, print, dark mode — plus size and security headers.
 * Screenshots and a print PDF go to test-results/e2e/.
 */

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { HtmlValidate } from "html-validate";
import type { Browser } from "playwright-core";
import { blockProblems, findBlocks, launchChromium, luminance, openPage, runAxe, WCAG21_AA } from "./browser.ts";
import { allArticles } from "./content.ts";
import { type DevServer, startDevServer } from "./dev-server.ts";

const PORT = Number(process.env.E2E_PORT ?? 9200);
const OUT = new URL("../test-results/e2e/", import.meta.url).pathname;
const SEED_ID = "100001";
const MAX_HTML_BYTES = 30 * 1024;
const WIDTHS = [360, 1280];
const TOKEN = "e2e-publish-token";
const PHOTO_ID = "100901";


const articles = allArticles();
const seed = articles.find((a) => a.id === SEED_ID);
assert.ok(seed, `no article with id ${SEED_ID} in content/articles`);

let server: DevServer | undefined;
let browser: Browser | undefined;
/** Where the front page links the seed article. */
let articleUrl = "";

function pages() {
  return [
    { name: "front", url: server!.origin + "/" },
    { name: "article", url: articleUrl },
  ];
}

describe("reader's page in Chromium", { timeout: 600_000 }, () => {
  before(
    async () => {
      mkdirSync(OUT, { recursive: true });
      // A token, so the photo test can upload and publish (the next run's content load removes what it published).
      server = await startDevServer(PORT, OUT + "dev.log", undefined, ["--var", `PUBLISH_TOKEN:${TOKEN}`]);
      browser = await launchChromium();
      const { page, close } = await openPage(browser);
      await page.goto(server.origin + "/");
      const href = await page.getByRole("link", { name: seed.headline, exact: true }).first().getAttribute("href");
      // The path only: where the link points is checked by its own test, the page by all the others.
      articleUrl = server.origin + new URL(href ?? "", server.origin).pathname;
      await close();
    },
    { timeout: 240_000 },
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the front page lists every article as a visible link that stays on this host", async () => {
    const { page, errors, close } = await openPage(browser!);
    try {
      await page.goto(server!.origin + "/");
      for (const a of articles) {
        const link = page.getByRole("link", { name: a.headline, exact: true });
        assert.equal(await link.count(), 1, `one link to "${a.headline}"`);
        assert.ok(await link.isVisible(), `link to "${a.headline}" is visible`);
        // 127.0.0.1 is a mirror host: a reader who clicks must stay on it (README, "Mirror domains").
        const href = new URL((await link.getAttribute("href")) ?? "", page.url()).href;
        assert.ok(href.startsWith(server!.origin + "/"), `link leaves the local mirror: ${href}`);
      }
      assert.match(articleUrl, new RegExp(`/${SEED_ID}/`));
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("HTML is under 30 KiB and is sent with a strict CSP and nosniff", async (t) => {
    for (const { name, url } of pages()) {
      const res = await fetch(url, { headers: { Accept: "text/html", "Accept-Encoding": "identity" } });
      const bytes = (await res.arrayBuffer()).byteLength;
      t.diagnostic(`${name}: ${bytes} bytes of HTML`);
      assert.equal(res.status, 200, name);
      assert.match(res.headers.get("content-type") ?? "", /^text\/html\b/, name);
      assert.ok(bytes < MAX_HTML_BYTES, `${name}: ${bytes} bytes ≥ ${MAX_HTML_BYTES}`);
      const csp = res.headers.get("content-security-policy");
      assert.ok(csp, `${name}: no Content-Security-Policy`);
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/, name);
      assert.match(csp, /(^|;)\s*default-src\b/, `${name}: CSP has no default-src fallback`);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", name);
    }
  });

  test("HTML is valid HTML5 (html-validate, standard rules)", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:standard"],
      rules: { "missing-doctype": "error", "heading-level": "error" },
    });
    for (const { name, url } of pages()) {
      const html = await (await fetch(url, { headers: { Accept: "text/html" } })).text();
      const report = await validator.validateString(html);
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
      assert.deepEqual(messages, [], name);
      assert.ok(report.valid, name);
    }
  });

  for (const width of WIDTHS) {
    test(`article at ${width}px: every block of the source visible in order, no horizontal scroll`, async () => {
      const { page, errors, requests, close } = await openPage(browser!, { viewport: { width, height: 900 } });
      try {
        const res = await page.goto(articleUrl);
        assert.equal(res?.status(), 200);
        assert.deepEqual(blockProblems(await findBlocks(page, seed.blocks)), []);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
        // The inline stylesheet is allowed by its hash; were it refused, the page would be unstyled.
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).marginTop), "0px", "stylesheet applied");
        await page.screenshot({ path: `${OUT}article-${width}.png`, fullPage: true });
        await page.screenshot({ path: `${OUT}article-${width}-top.png` });
        assert.deepEqual(errors, []);
        assert.deepEqual(requests.filter((u) => !u.startsWith(server!.origin)), [], "requests leave the origin");
      } finally {
        await close();
      }
    });

    test(`front page at ${width}px: no horizontal scroll`, async () => {
      const { page, errors, close } = await openPage(browser!, { viewport: { width, height: 900 } });
      try {
        await page.goto(server!.origin + "/");
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
        await page.screenshot({ path: `${OUT}front-${width}.png`, fullPage: true });
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    });
  }

  test("axe-core finds no WCAG 2.1 AA violation: light, dark, and print for a reader who prefers dark", async (t) => {
    const modes = [
      { mode: "light", colorScheme: "light", media: "screen" },
      { mode: "dark", colorScheme: "dark", media: "screen" },
      { mode: "print/dark", colorScheme: "dark", media: "print" },
    ] as const;
    const failures: string[] = [];
    for (const { mode, colorScheme, media } of modes) {
      for (const { name, url } of pages()) {
        // The page's CSP refuses the inline <script> that carries axe; only this context ignores it.
        const { page, close } = await openPage(browser!, { bypassCSP: true, colorScheme, viewport: { width: 1280, height: 900 } });
        try {
          await page.emulateMedia({ media });
          await page.goto(url);
          for (const v of await runAxe(page)) {
            const line = `${name}/${mode}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`;
            if (v.tags.some((tag) => WCAG21_AA.includes(tag))) failures.push(line);
            else t.diagnostic(`best practice, not failing: ${line}`);
          }
        } finally {
          await close();
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test("without JavaScript the article reads the same", async () => {
    const { page, errors, close } = await openPage(browser!, { javaScriptEnabled: false });
    try {
      await page.goto(articleUrl);
      assert.deepEqual(blockProblems(await findBlocks(page, seed.blocks)), []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("print media shows the whole article", async () => {
    const { page, errors, close } = await openPage(browser!);
    try {
      await page.goto(articleUrl);
      await page.emulateMedia({ media: "print" });
      assert.deepEqual(blockProblems(await findBlocks(page, seed.blocks)), []);
      const pdf = await page.pdf({ path: `${OUT}article-print.pdf`, format: "A4" });
      assert.ok(pdf.byteLength > 10_000, `print PDF is only ${pdf.byteLength} bytes`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("dark mode darkens the background and keeps the text light", async () => {
    const colours: Record<string, { bg: string; fg: string }> = {};
    for (const colorScheme of ["light", "dark"] as const) {
      const { page, errors, close } = await openPage(browser!, { colorScheme, viewport: { width: 360, height: 900 } });
      try {
        await page.goto(articleUrl);
        colours[colorScheme] = await page.evaluate(() => {
          const s = getComputedStyle(document.body);
          return { bg: s.backgroundColor, fg: s.color };
        });
        assert.deepEqual(blockProblems(await findBlocks(page, seed.blocks)), [], colorScheme);
        if (colorScheme === "dark") await page.screenshot({ path: `${OUT}article-360-dark-top.png` });
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    }
    const { light, dark } = colours;
    assert.notEqual(dark.bg, light.bg, "the background changes");
    assert.ok(luminance(dark.bg) < luminance(light.bg), `dark ${dark.bg} is not darker than light ${light.bg}`);
    assert.ok(luminance(dark.fg) > luminance(dark.bg), `dark-mode text ${dark.fg} is not lighter than ${dark.bg}`);
  });

  test("a photo article: the lead image loads at 360 and 1280 px with no layout shift, axe clean", async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const photo = readFileSync(new URL("../tests/fixtures/media/photo-1600x900.jpg", import.meta.url));
    const up = await fetch(server!.origin + "/api/v1/media", { method: "POST", headers: auth, body: photo });
    assert.ok(up.status === 201 || up.status === 200, `upload: ${up.status}`);
    const media = (await up.json()) as { url: string; width: number; height: number };
    const article = {
      section: ["News", "Photos"],
      headline: "A harbour at dawn",
      published: "2020-02-26",
      body: [
        { type: "figure", caption: "Ships at the quay.", credit: "Photo by Test", alt: "Two ships at a quay", src: media.url, width: media.width, height: media.height },
        ...Array.from({ length: 12 }, (_, i) => ({ type: "paragraph", text: `Paragraph ${i + 1} of an article with a photo at its top.` })),
      ],
    };
    const put = await fetch(`${server!.origin}/api/v1/articles/${PHOTO_ID}`, { method: "PUT", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify(article) });
    assert.ok(put.status === 201 || put.status === 200, `publish: ${put.status}`);
    const url = server!.origin + new URL(put.headers.get("content-location") ?? "", server!.origin).pathname;
    for (const width of WIDTHS) {
      const { page, errors, close } = await openPage(browser!, { viewport: { width, height: 900 } });
      try {
        // Layout shifts as the browser reports them (Layout Instability API), from the first paint on.
        await page.addInitScript(() => {
          const w = window as unknown as { cls: number };
          w.cls = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.cls += e.value;
          }).observe({ type: "layout-shift", buffered: true });
        });
        await page.goto(url, { waitUntil: "load" });
        const img = page.locator("article figure img").first();
        const shown = await img.evaluate((el: HTMLImageElement) => ({ complete: el.complete, natural: el.naturalWidth, current: el.currentSrc, box: el.getBoundingClientRect().toJSON() as DOMRect, priority: el.getAttribute("fetchpriority") }));
        assert.ok(shown.complete && shown.natural > 0, `the photo did not load at ${width}px: ${JSON.stringify(shown)}`);
        assert.equal(shown.priority, "high");
        assert.match(shown.current, /\/media\/[0-9a-f]{64}\/(320|640|960|1280)$/);
        assert.ok(Math.abs(shown.box.width / shown.box.height - 16 / 9) < 0.02, `aspect ${shown.box.width}×${shown.box.height}`);
        assert.ok(shown.box.right <= width, `the photo overflows at ${width}px`);
        await page.waitForTimeout(300);
        assert.equal(await page.evaluate(() => (window as unknown as { cls: number }).cls), 0, `layout shift at ${width}px`);
        await page.screenshot({ path: `${OUT}photo-${width}.png` });
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
      const { page: axePage, close: closeAxe } = await openPage(browser!, { bypassCSP: true, viewport: { width, height: 900 } });
      try {
        await axePage.goto(url);
        const failures = (await runAxe(axePage)).filter((v) => v.tags.some((tag) => WCAG21_AA.includes(tag)));
        assert.deepEqual(failures, []);
      } finally {
        await closeAxe();
      }
    }
  });
});
