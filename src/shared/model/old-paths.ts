/**
 * @module
 * Old URLs of a previous site (an imported archive's `/?p=123`, `/2020/02/27/slug/`, `/category/news/`,
 * a feed item's link) and the KV documents that answer them: `v1:old:<path>` holds where the path
 * moved to, one KV read per old path. The Newsroom writes them (src/newsroom/redirects.ts) while the
 * article they name is public; the reader answers 301 to the canonical URL (src/reader/routes/pages.ts).
 */

import { ARTICLE_ID } from "./ids.ts";

/** `v1:old:<normalized path>` → `OldPathDocument`. */
export const OLD_PREFIX = "v1:old:";

export interface OldPathDocument {
  v: 1;
  /** The path on this site it moved to: an article's canonical path or a section's. */
  to: string;
}

/** The query members WordPress addresses content by (`/?p=123`, `/?page_id=2`, `/?cat=3`); any other query is ignored. */
const ID_QUERIES = ["p", "page_id", "cat", "tag", "attachment_id"];
const MAX_PATH = 400;

/**
 * One spelling per old path: each segment decoded and encoded again (so `%e8` and `%E8` are one),
 * lowercased, without a trailing `/`, with the one WordPress id query it has (`/?p=123`). Undefined
 * for what cannot be an old path: not starting with `/`, malformed, too long, or the bare front page.
 */
export function oldPathOf(pathname: string, search = ""): string | undefined {
  if (!pathname.startsWith("/") || pathname.startsWith("//")) return undefined;
  let path: string;
  try {
    path = pathname
      .split("/")
      .map((s) => encodeURIComponent(decodeURIComponent(s).toLowerCase()))
      .join("/")
      .replace(/(.)\/+$/, "$1");
  } catch {
    return undefined;
  }
  const params = new URLSearchParams(search);
  const name = ID_QUERIES.find((q) => ARTICLE_ID.test(params.get(q) ?? ""));
  const old = name ? `${path}?${name}=${params.get(name)}` : path;
  return old === "/" || old.length > MAX_PATH ? undefined : old;
}

/** An old path of an absolute URL (a feed item's `link`) or of a path. */
export function oldPathOfUrl(url: string): string | undefined {
  if (url.startsWith("/") && !url.startsWith("//")) {
    const q = url.indexOf("?");
    return q === -1 ? oldPathOf(url) : oldPathOf(url.slice(0, q), url.slice(q));
  }
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return /^https?:$/.test(u.protocol) ? oldPathOf(u.pathname, u.search) : undefined;
}

export const oldPathKey = (old: string): string => OLD_PREFIX + old;
