/**
 * @module
 * Conditional requests (RFC 9110 §13): `If-None-Match` with weak comparison, then `If-Modified-Since`.
 */

/** Whether an `If-None-Match` field matches the current entity tag (weak comparison, §13.1.2). */
export function noneMatchHits(header: string, etag: string): boolean {
  const opaque = etag.replace(/^W\//, "");
  for (const candidate of header.split(",")) {
    const tag = candidate.trim();
    if (tag === "*" || tag.replace(/^W\//, "") === opaque) return true;
  }
  return false;
}

/**
 * Whether a GET/HEAD may be answered 304. `If-Modified-Since` counts only without
 * `If-None-Match` (§13.2.2) and only when it is a valid HTTP-date.
 */
export function notModified(headers: Headers, etag: string, lastModified: number): boolean {
  const inm = headers.get("if-none-match");
  if (inm !== null) return noneMatchHits(inm, etag);
  const ims = headers.get("if-modified-since");
  if (ims === null) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) <= Math.floor(since / 1000);
}
