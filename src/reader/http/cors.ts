/**
 * @module
 * CORS (Fetch standard) for the read-only JSON API: any origin may read, nothing is sent with
 * credentials, and scripts may see the validators and pagination links.
 */

import { PREFLIGHT_MAX_AGE_SECONDS } from "../../shared/freshness/policy.ts";

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Link",
} as const;

const ALLOWED_METHODS = new Set(["GET", "HEAD"]);
const ALLOWED_HEADERS = new Set(["accept", "if-none-match", "if-modified-since", "cache-control"]);

/** Whether an OPTIONS request is a CORS preflight (it names the method it wants to send). */
export function isPreflight(headers: Headers): boolean {
  return headers.has("origin") && headers.has("access-control-request-method");
}

/**
 * Headers answering a preflight, or null when the requested method or headers are not allowed
 * (the browser then blocks the request; we still answer 204 without CORS headers).
 */
export function preflight(headers: Headers): Record<string, string> | null {
  const method = headers.get("access-control-request-method") ?? "";
  const requested = (headers.get("access-control-request-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  if (!ALLOWED_METHODS.has(method) || !requested.every((h) => ALLOWED_HEADERS.has(h))) return null;
  return {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD",
    "Access-Control-Allow-Headers": [...ALLOWED_HEADERS].join(", "),
    "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
