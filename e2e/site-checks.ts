/**
 * @module
 * In-page probes for the reader's site: layout shift and the largest contentful paint as the
 * browser reports them, the page's links, and keyboard focus as a reader tabbing through sees it.
 */

import type { Page } from "playwright-core";

/** Install before `goto`: sums layout shifts (Layout Instability API) and records the LCP element. */
export async function watchPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { cls: number; lcp: string; lcpTime: number };
    w.cls = 0;
    w.lcp = "";
    w.lcpTime = -1;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1) as unknown as { element: Element | null; startTime: number } | undefined;
      const el = last?.element;
      w.lcpTime = last?.startTime ?? -1;
      // Where the element is: its tag and the class of its nearest classed ancestor (`img .lead`, `h1 main`).
      w.lcp = el ? `${el.localName} ${el.closest("[class]")?.className ?? el.parentElement?.localName ?? ""}`.trim() : "";
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
}

/** The layout shift total, the LCP element, and how long after the first contentful paint it painted (ms). */
export async function paintResults(page: Page): Promise<{ cls: number; lcp: string; afterFirstPaint: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { cls: number; lcp: string; lcpTime: number };
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    return { cls: w.cls, lcp: w.lcp, afterFirstPaint: w.lcpTime - fcp };
  });
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Every link's absolute URL on the page (fragment removed). */
export async function linksOn(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href.replace(/#.*$/, "")));
}

export interface Stop {
  what: string;
  /** Whether the focused element shows a focus indicator (an outline at least 2 px wide). */
  visible: boolean;
}

/**
 * Presses Tab until focus returns to the start and reports each stop. Focus indicators are
 * checked as computed style: an outline of at least 2 CSS px that is not `none`.
 */
export async function tabStops(page: Page, max: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const what = `${el.localName}${el.getAttribute("href") ? ` ${el.getAttribute("href")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
      return { what, visible: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}
