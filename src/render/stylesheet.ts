/**
 * @module
 * The site's stylesheet, `public/site.css`: a static asset, so its 5.8 KB are not in the bundle (issue
 * 14's 50 KiB goal). Read through the ASSETS binding once per isolate, inlined at the end of every
 * page's head (no render-blocking request), and allowed by its SHA-256 in the Content-Security-Policy.
 *
 * What the file holds: logical properties (`inline-start`, not `left`), so a right-to-left article
 * lays out as a mirror; touch targets in menus and lists at least 24 CSS px high (WCAG 2.2, 2.5.8).
 */

import { sha256Base64 } from "../http/security.ts";

export interface Stylesheet {
  css: string;
  /** Base64 SHA-256 of `css`, for `style-src 'sha256-…'`. */
  hash: string;
}

let memo: Promise<Stylesheet> | undefined;

/** The stylesheet and its hash; a failed read is not remembered, so the next page tries again. */
export function stylesheet(assets: Fetcher): Promise<Stylesheet> {
  if (!memo) {
    memo = read(assets);
    memo.catch(() => (memo = undefined));
  }
  return memo;
}

async function read(assets: Fetcher): Promise<Stylesheet> {
  // The asset binding answers any URL by its path; the host is never looked at.
  const res = await assets.fetch("https://assets.invalid/site.css");
  if (!res.ok) throw new Error(`the site.css asset answered ${res.status}`);
  const css = await res.text();
  return { css, hash: await sha256Base64(css) };
}

/**
 * For an error page when even the stylesheet cannot be read: no style inline, and a CSP hash that
 * matches no stylesheet (the SHA-256 of nothing), so the page is plain but still answers.
 */
export const UNSTYLED: Stylesheet = { css: "", hash: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" };
