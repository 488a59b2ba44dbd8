/**
 * @module
 * In-page probes for the reader's site: layout shift and the largest contentful paint as the
 * browser reports them, the page's links, and keyboard focus as a reader tabbing through sees it.
 */

import type { Page } from "playwright-core";

/**
 * The layout shift total and the LCP element, once the page has painted and its LCP has settled.
 * On a loaded machine the `load` event can come before the first frame is presented, and an
 * observer's callback after a fixed wait (issue 23, item 21: 2 of 22 failed at 768 px). So this reads
 * the browser's buffered entries directly (a new observer's `takeRecords`), every two animation
 * frames, until the largest paint is the same twice running. How long after the first paint it came
 * is not compared: under load the parser yields and splits the first paint, a race rather than a
 * property of the page; that nothing can hold rendering back is the "nothing blocks rendering" test's.
 */
export async function paintResults(page: Page): Promise<{ cls: number; lcp: string; shifts: string[] }> {
  return page.evaluate(async () => {
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const take = (type: string) => {
      const observer = new PerformanceObserver(() => {});
      observer.observe({ type, buffered: true });
      const entries = observer.takeRecords();
      observer.disconnect();
      return entries;
    };
    type Paint = PerformanceEntry & { element: Element | null; size: number };
    let last: Paint | undefined;
    for (let i = 0, same = 0; i < 100 && same < 2; i++) {
      await frames();
      const now = take("largest-contentful-paint").at(-1) as Paint | undefined;
      same = now && last && now.startTime === last.startTime && now.size === last.size ? same + 1 : 0;
      last = now;
    }
    type Shift = PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
    };
    const shifts = (take("layout-shift") as Shift[]).filter((e) => !e.hadRecentInput);
    // What moved, for a failure message: each source's element and its box before and after.
    const box = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    const where = (n: Node | null | undefined) =>
      n instanceof Element ? `${n.localName}${n.className ? "." + String(n.className).replace(/ /g, ".") : ""}` : (n?.nodeName ?? "?");
    const el = last?.element;
    // Where the element is: its tag and the class of its nearest classed ancestor (`img .lead`, `h1 main`).
    const lcp = el ? `${el.localName} ${el.closest("[class]")?.className ?? el.parentElement?.localName ?? ""}`.trim() : "";
    return {
      cls: shifts.reduce((sum, e) => sum + e.value, 0),
      lcp,
      shifts: shifts.map(
        (e) =>
          `${e.value.toFixed(5)} at ${Math.round(e.startTime)} ms: ${e.sources.map((x) => `${where(x.node)} ${box(x.previousRect)} → ${box(x.currentRect)}`).join(", ")}`,
      ),
    };
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
