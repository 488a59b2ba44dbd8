/**
 * @module
 * Rate limits on the Workers Rate Limiting binding, answered with 429, `Retry-After` and the IETF
 * fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` names the quota and window;
 * `RateLimit` on a refusal says none is left until the window ends. The binding does not tell how
 * much remains, so a successful answer carries the policy only.
 */

export interface RatePolicy {
  /** The policy's name in the fields, e.g. "publish". */
  name: string;
  /** Requests per window and the window in seconds, as wrangler.toml configures the binding. */
  limit: number;
  period: 10 | 60;
}

export const PUBLISH_POLICY: RatePolicy = { name: "publish", limit: 300, period: 10 };
export const SEARCH_POLICY: RatePolicy = { name: "search", limit: 60, period: 10 };
/** Failed bearer tokens per client: the 21st within a minute is refused, and so is everything else from that client until the minute ends. */
export const AUTH_POLICY: RatePolicy = { name: "auth", limit: 20, period: 60 };

export function policyHeader(p: RatePolicy): Record<string, string> {
  return { "RateLimit-Policy": `"${p.name}";q=${p.limit};w=${p.period}` };
}

/** The headers of a 429 under `p`. */
export function limitedHeaders(p: RatePolicy): Record<string, string> {
  return { ...policyHeader(p), RateLimit: `"${p.name}";r=0;t=${p.period}`, "Retry-After": String(p.period) };
}

/** Whether `key` may make one more request; a failing binding lets it through (availability first). */
export async function allowed(binding: RateLimit | undefined, key: string): Promise<boolean> {
  if (!binding) return true;
  try {
    return (await binding.limit({ key })).success;
  } catch {
    return true;
  }
}
