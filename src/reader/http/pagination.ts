/**
 * @module
 * Page-number pagination: `?page=N` (1-based), `Link` with `rel="next"`/`"prev"` (RFC 8288).
 */

export const PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 10_000;

/** A positive integer query value, the default when absent, or undefined when malformed. */
export function positiveInt(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/**
 * The `Link` field for page `page` of `pages`, or undefined for a single page. `href(n)` gives the
 * URL of page n (it keeps whatever else the query says).
 */
export function pageLinks(page: number, pages: number, href: (n: number) => string): string | undefined {
  const links: string[] = [];
  if (page > 1) links.push(`<${href(page - 1)}>; rel="prev"`);
  if (page < pages) links.push(`<${href(page + 1)}>; rel="next"`);
  return links.length ? links.join(", ") : undefined;
}

/**
 * `path` with a query built from normalized parameters (never from the request's own query, so a
 * cached page links the same whatever query produced it): `undefined` values are left out, and
 * `page` last, left out for page 1.
 */
export function withPage(path: string, params: Record<string, string | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
