/**
 * @module
 * Measurements of issue 24's promises in the browser: each story once on a page, the order of the
 * menu, the lead's column and the rail ending level, the article's text on the masthead's edge, and
 * every link target at least 24 × 24 CSS px (WCAG 2.2, 2.5.8).
 */

import type { Page } from "playwright-core";

/** The article ids the page's main content links, in document order (a story linked twice appears twice). */
export async function storyIds(page: Page): Promise<string[]> {
  return page.$$eval("main a[href*='/Detail/']", (links) =>
    links.map((a) => /\/Detail\/\d{4}\/\d\d\/\d\d\/(\d+)\//.exec(a.getAttribute("href") ?? "")?.[1] ?? "?"),
  );
}

/** The menu's section names, in the order shown. */
export async function menuOrder(page: Page): Promise<string[]> {
  return page.$$eval(".menu a", (links) => links.map((a) => a.textContent?.trim() ?? ""));
}

/** The bottoms (CSS px) of the lead's column (the lead and the stories under it) and of the Latest rail; null without a rail. */
export async function leadAndRail(page: Page): Promise<{ lead: number; rail: number; railLeft: number; leadRight: number } | null> {
  return page.evaluate(() => {
    const bottom = (els: Element[]) => Math.max(...els.map((e) => e.getBoundingClientRect().bottom + scrollY));
    const lead = [...document.querySelectorAll(".lead-col .lead, .lead-col li")];
    const rail = [...document.querySelectorAll(".latest li")];
    if (!lead.length || !rail.length) return null;
    return {
      lead: bottom(lead),
      rail: bottom(rail),
      railLeft: rail[0].getBoundingClientRect().left,
      leadRight: document.querySelector(".lead-col")!.getBoundingClientRect().right,
    };
  });
}

/**
 * Where the masthead's content starts (its padding box's inner edge on the start side) and where the
 * article's first paragraph of text starts, in CSS px from the left (`side` "right": from the right
 * edge, for a right-to-left page).
 */
export async function textEdges(page: Page, side: "left" | "right" = "left"): Promise<{ masthead: number; text: number }> {
  return page.evaluate((side) => {
    const bar = document.querySelector(".bar")!;
    const box = bar.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(bar)[side === "left" ? "paddingLeft" : "paddingRight"]);
    const p = document.querySelector("article.story > p:not([class])")!.getBoundingClientRect();
    return side === "left" ? { masthead: box.left + pad, text: p.left } : { masthead: box.right - pad, text: p.right };
  }, side);
}

/**
 * Links smaller than 24 × 24 CSS px. Links inside a sentence of the article's text (its paragraphs
 * and list items) are WCAG's inline exception: their size is the line's.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.$$eval("a[href]", (links) =>
    links.flatMap((a) => {
      if (a.closest("article.story p:not([class]), article.story li, .snippet")) return [];
      const r = a.getBoundingClientRect();
      // Not shown (the skip link until focused, print-only parts): nothing to hit.
      if (r.width === 0 || r.height === 0 || r.right < 0 || r.left >= innerWidth || getComputedStyle(a).visibility === "hidden") return [];
      return r.width >= 24 && r.height >= 24 ? [] : [`${a.textContent?.trim().slice(0, 40)} (${Math.round(r.width)}×${Math.round(r.height)})`];
    }),
  );
}

/**
 * Issue 36: the cells of the article page's grid (its columns) with more than `max` CSS px beside their
 * content (text, images, marks): an empty rail, or a text column far narrower than its track.
 */
export async function emptyColumns(page: Page, max = 200): Promise<string[]> {
  return page.evaluate((max) => {
    const grid = document.querySelector(".page-grid");
    if (!grid) return ["no .page-grid"];
    const tracks = getComputedStyle(grid).gridTemplateColumns.split(" ").length;
    const cells = [...grid.children].filter((c) => c.getBoundingClientRect().width > 0);
    // Side by side, each column holds a cell; stacked (a phone), the one column holds them all.
    const columns = new Set(cells.map((c) => Math.round(c.getBoundingClientRect().left))).size;
    const problems = tracks === columns ? [] : [`${tracks} columns, ${columns} of them with a cell`];
    for (const cell of cells) {
      let left = Infinity;
      let right = -Infinity;
      const take = (r: DOMRect) => {
        if (r.width > 0) [left, right] = [Math.min(left, r.left), Math.max(right, r.right)];
      };
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) take(r);
      }
      for (const el of cell.querySelectorAll("img, svg")) take(el.getBoundingClientRect());
      const width = cell.getBoundingClientRect().width;
      const empty = right < left ? width : width - (right - left);
      if (empty > max) problems.push(`.${cell.className}: ${Math.round(empty)} of ${Math.round(width)} px empty`);
    }
    return problems;
  }, max);
}
