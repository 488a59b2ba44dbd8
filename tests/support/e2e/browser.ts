/**
 * @module
 * Debian's Chromium driven by playwright-core, and the in-page probes the tests share.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import type { Expected } from "./content.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** `launch()` gives each run a new, empty user data dir of its own and removes it on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

export interface Watched {
  page: Page;
  /** Console errors, uncaught page errors and failed requests, as text. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
  close(): Promise<void>;
}

/** A page in a context of its own, recording what a reader would not see. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A lazy image the browser itself stopped loading (a full-page screenshot scrolls it in and out of view) is not
    // the server failing: that shows as a reset, an empty response or a status, never as net::ERR_ABORTED.
    if (r.resourceType() === "image" && r.failure()?.errorText === "net::ERR_ABORTED") return;
    errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("request", (r) => requests.push(r.url()));
  return { page, errors, requests, close: () => context.close() };
}

export interface Seen {
  expected: Expected;
  /** Index among the page's h1/h2/p/figcaption elements in document order, -1 if absent. */
  index: number;
  visible: boolean;
}

/**
 * Finds each expected block as an element of its kind inside `<main>` and says whether a reader
 * can see it: rendered, not hidden, non-zero size, inside the page horizontally, text not transparent.
 */
export function findBlocks(page: Page, expected: Expected[]): Promise<Seen[]> {
  return page.evaluate((expected) => {
    const squash = (s: string) => s.replace(/\s+/g, " ").trim();
    const all = [...document.querySelectorAll("main h1, main h2, main p, main figcaption")];
    return expected.map((e) => {
      const index = all.findIndex((el) => {
        if (el.localName !== e.kind) return false;
        const text = squash(el.textContent ?? "");
        return e.kind === "figcaption" ? text.includes(squash(e.caption)) && text.includes(squash(e.credit)) : text === e.text;
      });
      const el = all[index];
      let visible = false;
      if (el) {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        visible =
          el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) &&
          r.width > 0 &&
          r.height > 0 &&
          r.left >= 0 &&
          r.right <= document.documentElement.clientWidth + 0.5 &&
          !/rgba\(.*, 0\)$/.test(style.color) &&
          style.clip !== "rect(0px, 0px, 0px, 0px)";
      }
      return { expected: e, index, visible };
    });
  }, expected);
}

/** Human-readable problems with what `findBlocks` saw: missing, hidden, or out of order. */
export function blockProblems(seen: Seen[]): string[] {
  const label = (e: Expected) => `${e.kind} "${(e.kind === "figcaption" ? e.caption : e.text).slice(0, 60)}…"`;
  const problems: string[] = [];
  let last = -1;
  for (const s of seen) {
    if (s.index < 0) problems.push(`missing: ${label(s.expected)}`);
    else {
      if (!s.visible) problems.push(`not visible: ${label(s.expected)}`);
      if (s.index <= last) problems.push(`out of order: ${label(s.expected)}`);
      last = s.index;
    }
  }
  return problems;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
export const WCAG22_AA = [...WCAG21_AA, "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  tags: string[];
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page. The page's CSP allows no script, so Playwright's `addScriptTag`
 * (an inline `<script>`) is refused: the page must come from a context with `bypassCSP: true`.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      tags: v.tags,
      help: v.help,
      nodes: v.nodes.map((n: { target: string[]; failureSummary?: string }) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
  });
}

/** Relative luminance (WCAG 2.1) of a computed `rgb(…)`/`rgba(…)` colour. */
export function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
