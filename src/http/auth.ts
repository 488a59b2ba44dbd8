/**
 * @module
 * Bearer tokens (RFC 6750) for the publish endpoint, compared in constant time.
 */

const encoder = new TextEncoder();

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

/**
 * Whether `Authorization` carries the expected bearer token. Both sides are hashed first so the
 * comparison takes the same time whatever the lengths; no token configured means no one gets in.
 */
export async function bearerMatches(authorization: string | null | undefined, expected: string | undefined): Promise<boolean> {
  if (!expected) return false;
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? "");
  const [given, wanted] = await Promise.all([digest(m?.[1] ?? ""), digest(expected)]);
  return crypto.subtle.timingSafeEqual(given, wanted) && m !== null;
}

/** The challenge for a 401 (RFC 6750 §3): `invalid_token` only when a token was sent. */
export function challenge(authorization: string | null | undefined): string {
  return authorization ? 'Bearer realm="publish", error="invalid_token"' : 'Bearer realm="publish"';
}
