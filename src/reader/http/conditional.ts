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
 * `If-None-Match` (§13.2.2), only when it is a valid HTTP-date, and only for a resource that has a
 * `Last-Modified` (`lastModified` is NaN for one that has none).
 */
export function notModified(headers: Headers, etag: string, lastModified: number): boolean {
  const inm = headers.get("if-none-match");
  if (inm !== null) return noneMatchHits(inm, etag);
  const ims = headers.get("if-modified-since");
  if (ims === null) return false;
  const since = httpDate(ims);
  return !Number.isNaN(since) && !Number.isNaN(lastModified) && Math.floor(lastModified / 1000) <= Math.floor(since / 1000);
}

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
// RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept.
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
);

/** Epoch ms of an HTTP-date, or NaN for anything else (such a value must be ignored, §13.1.3). */
export function httpDate(value: string): number {
  if (!HTTP_DATE.test(value)) return NaN;
  // asctime has no zone; HTTP dates are always UTC.
  return Date.parse(/GMT$/.test(value) ? value : `${value} GMT`);
}
