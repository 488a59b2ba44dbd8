/**
 * @module
 * The site's stylesheet, `public/fonts.css` (the web fonts' `@font-face` rules, written by `npm run site`)
 * then `public/site.css` (and the message catalogs, `public/messages.json`, and the share links' marks,
 * `public/share-marks.json`): static assets, so their 11 KB are not in the bundle (issue
 * 14's 50 KiB goal). Read through the ASSETS binding once per isolate, inlined at the end of every
 * page's head (no render-blocking request), and allowed by its SHA-256 in the Content-Security-Policy.
 *
 * What the file holds: logical properties (`inline-start`, not `left`), so a right-to-left article
 * lays out as a mirror; touch targets in menus and lists at least 24 CSS px high (WCAG 2.2, 2.5.8).
 */

import { StorageError } from "../read/kv.ts";
import { sha256Base64 } from "../http/security.ts";
import { addCatalogs } from "../i18n/messages.ts";
import { addMarks } from "./share.tsx";

export interface Stylesheet {
  css: string;
  /** Base64 SHA-256 of `css`, for `style-src 'sha256-…'`. */
  hash: string;
}

let memo: Stylesheet | undefined;

/**
 * The stylesheet and its hash. Only a read that succeeded is remembered (not the promise: a request
 * must not wait on I/O that another, perhaps cancelled, request started). A failed read is a
 * `StorageError`, so a page answers with a cached copy or a 503, as when KV fails.
 */
export async function stylesheet(assets: Fetcher): Promise<Stylesheet> {
  if (memo) return memo;
  let css: string;
  try {
    // The asset binding answers any URL by its path; the host is never looked at.
    // The message catalogs and the share links' marks come with it (i18n/messages.ts, share.tsx): every page that renders has waited for this.
    const names = ["fonts.css", "site.css", "messages.json", "share-marks.json"];
    const answers = await Promise.all(names.map((f) => assets.fetch(`https://assets.invalid/${f}`)));
    answers.forEach((r, i) => {
      if (!r.ok) throw new Error(`${names[i]} answered ${r.status}`);
    });
    const [fonts, res, messages, marks] = answers;
    const [faces, site] = await Promise.all([fonts.text(), res.text(), messages.json().then(addCatalogs), marks.json().then(addMarks)]);
    css = faces + site;
  } catch (cause) {
    throw new StorageError("the fonts.css, site.css, messages.json or share-marks.json asset could not be read", { cause });
  }
  memo = { css, hash: await sha256Base64(css) };
  return memo;
}

/**
 * For an error page when even the stylesheet cannot be read: no style inline, and a CSP hash that
 * matches no stylesheet (the SHA-256 of nothing), so the page is plain but still answers.
 */
export const UNSTYLED: Stylesheet = { css: "", hash: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" };
