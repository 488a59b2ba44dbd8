/**
 * @module
 * `Cache-Control` policies (RFC 9111, RFC 5861). Browsers revalidate after a minute; the edge keeps
 * a copy five minutes and may serve it stale while it refetches, or for a day if the origin fails.
 */

export const ARTICLE_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=300, stale-if-error=86400";
export const LISTING_CACHE = "public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400";
/** Short, so an article published after a miss appears within a minute. */
export const MISS_CACHE = "public, max-age=30, s-maxage=60";
/** A redirect that only the host table decides. */
export const REDIRECT_CACHE = "public, max-age=3600";
/**
 * A redirect to an article's canonical path, which a slug or date correction changes: kept short, or
 * a browser holding "new → old" from a cache that had not seen the correction yet could loop.
 */
export const CONTENT_REDIRECT_CACHE = "public, max-age=60";
export const NO_STORE = "no-store";
