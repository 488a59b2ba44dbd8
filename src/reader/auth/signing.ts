/**
 * @module
 * Signed, expiring links (HMAC-SHA-256, RFC 2104) for article previews: whoever holds the link may
 * see that one draft until it expires; anything else about the link is a 404.
 */

import { base64url } from "../../shared/model/base64url.ts";

const encoder = new TextEncoder();
const PREVIEW = "preview-link";
/** How long a preview link works. */
export const PREVIEW_LINK_SECONDS = 24 * 3600;

/** The HMAC key for one use of a secret: `purpose` separates the uses (a preview link's key signs no session). */
async function key(purpose: string, secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(`${purpose}:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** HMAC-SHA-256 of `text`, base64url. */
export async function hmacSign(purpose: string, secret: string, text: string): Promise<string> {
  return base64url(await crypto.subtle.sign("HMAC", await key(purpose, secret), encoder.encode(text)));
}

/** Whether `signature` is the canonical base64url HMAC of `text` (compared in constant time by `verify`). */
export async function hmacVerifies(purpose: string, secret: string, signature: string, text: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
  const bytes = Uint8Array.from(atob(signature.replace(/-/g, "+").replace(/_/g, "/") + "="), (ch) => ch.charCodeAt(0));
  // Canonical base64url only: 43 characters carry 258 bits for 256, and atob ignores the last 2, so
  // four spellings would decode to one signature. Only the one base64url writes is accepted.
  if (base64url(bytes.buffer) !== signature) return false;
  return crypto.subtle.verify("HMAC", await key(purpose, secret), bytes, encoder.encode(text));
}

/** `?expires=<unix seconds>&signature=<base64url>` for the preview of article `id`. */
export async function signPreview(id: string, secret: string, now = Date.now()): Promise<string> {
  const expires = Math.floor(now / 1000) + PREVIEW_LINK_SECONDS;
  return `expires=${expires}&signature=${await hmacSign(PREVIEW, secret, `${id}.${expires}`)}`;
}

/** Whether `expires` is in the future and `signature` signs it for `id` (compared in constant time by `verify`). */
export async function previewValid(
  id: string,
  expires: string | undefined,
  signature: string | undefined,
  secret: string | undefined,
  now = Date.now(),
): Promise<boolean> {
  if (!secret || !expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
  if (Number(expires) * 1000 <= now) return false;
  return hmacVerifies(PREVIEW, secret, signature, `${id}.${expires}`);
}
