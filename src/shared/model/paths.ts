/**
 * @module
 * The publisher's URL scheme: `/Detail/YYYY/MM/DD/<id>/<slug>`.
 */

import type { Article } from "./schema.ts";
import { ID_SOURCE } from "./ids.ts";

/** The one canonical path of an article. The date is the calendar day of `published` as written (the publisher's own day, not UTC). */
export function articlePath(article: Pick<Article, "id" | "slug" | "published">): string {
  const [y, m, d] = article.published.slice(0, 10).split("-");
  return `/Detail/${y}/${m}/${d}/${article.id}/${article.slug}`;
}

/**
 * Finds the article id in anything shaped like an article path: `detail` in any case, any
 * date, with or without slug and trailing slash. The caller compares with `articlePath` and
 * redirects when they differ, so only the id needs to be right here.
 */
const ARTICLE_PATH = new RegExp(`^/detail/\\d{4}/\\d{1,2}/\\d{1,2}/(${ID_SOURCE})(?:/[^/]*)?/?$`, "i");

export function articleIdFromPath(path: string): string | undefined {
  const m = ARTICLE_PATH.exec(path);
  return m?.[1];
}
