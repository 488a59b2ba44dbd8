/**
 * @module
 * Security headers. HTML gets a CSP that allows no script (but an open live story's page its one script, by hash) and only our one inline
 * stylesheet, by hash, and our own web fonts (public/assets/fonts/); JSON gets only `nosniff`; everything from the canonical host gets HSTS. `connect-src 'self'` lets a crawler that fetches
 * from within the page (Lighthouse's robots.txt audit fetches /robots.txt) read our own files, and
 * `manifest-src 'self'` the web app manifest; neither allows any script.
 */

import { HSTS } from "../../shared/freshness/policy.ts";

export const COMMON_HEADERS = { "X-Content-Type-Options": "nosniff" } as const;

export async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** `scriptHash`: an open live story's page only (render/live-script.ts), the one script a public page may run. */
export function htmlHeaders(styleHash: string, scriptHash?: string): Record<string, string> {
  const script = scriptHash ? ` script-src 'sha256-${scriptHash}';` : "";
  return {
    ...COMMON_HEADERS,
    "Content-Security-Policy": `default-src 'none';${script} style-src 'sha256-${styleHash}'; font-src 'self'; img-src 'self' https: data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
  };
}

/**
 * `Strict-Transport-Security` on every answer of the canonical host — pages, errors, feeds, the API,
 * the desk, redirects, 304s — and on no other host's: a mirror serves readers who may not reach the
 * canonical origin, and a redirect host's answer is only a redirect. Set where every response leaves
 * (app.ts), so no route can forget it.
 */
export function secured(response: Response, policy: string | undefined): Response {
  if (policy === "canonical") response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}
