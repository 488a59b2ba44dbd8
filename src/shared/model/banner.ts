/**
 * @module
 * The breaking-news banner (issue 38): one line an editor sets from the desk or the API, shown under
 * the masthead of every public page until it is cleared or its expiry passes. Shared because the
 * Newsroom checks and stores it (`v1:banner`, a read-model document like `v1:nav`, which every page
 * reads), the reader renders it and answers `/api/v1/banner`, and the desk's form sends it.
 */

import { dateValue, type FieldError, type Validation } from "./schema.ts";

/** What a change of the banner answers (NewsroomApi.setBanner): the banner now (null: none) at its commit, with how many of its keys KV still lacks; or why nothing changed. */
export type BannerResult =
  { status: 200 | 204; banner: BannerDocument | null; commit: number; keys: string[]; pending: number } | { status: 422; errors: FieldError[] };

/** The banner's KV key: absent when there is none (cleared, or expired and removed by the Newsroom's alarm). */
export const BANNER_KEY = "v1:banner";
/** Most characters of the text: one line on a phone at most twice. */
export const BANNER_MAX_TEXT = 140;
/** Furthest an expiry may be set ahead: a breaking-news banner is not furniture. */
export const BANNER_MAX_AHEAD_MS = 7 * 24 * 3_600_000;
const MAX_LINK = 2_000;

/** What an editor sends: `PUT /api/v1/banner`. */
export interface BannerInput {
  text: string;
  /** An https URL, or a path on this site (`/Detail/…`); absent: the banner links nowhere. */
  link?: string;
  /** RFC 3339 date-time with an offset, in the future, at most 7 days ahead. */
  expires: string;
}

/** `v1:banner` as the Newsroom writes it. */
export interface BannerDocument extends BannerInput {
  v: 1;
  /** Who set it, and when (RFC 3339). */
  editor: string;
  set: string;
}

// Line and paragraph separators and every control character: the banner is one line.
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u0085]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Whether `link` is an https URL or a path on this site (never `//host` or `/\host`, which leave it). */
function linkError(link: string): string | undefined {
  if (link.length > MAX_LINK) return `must be at most ${MAX_LINK} characters`;
  if (/[\s\u0000-\u001f\u007f]/.test(link)) return "must not contain spaces or control characters";
  if (link.startsWith("/")) return /^\/[/\\]/.test(link) ? "must be a path on this site (one leading /) or an https URL" : undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return "must be an https URL or a path on this site starting with /";
  }
  return url.protocol === "https:" && url.hostname && !url.username && !url.password
    ? undefined
    : "must be an https URL or a path on this site starting with /";
}

/** Checks an editor's banner at `now` (epoch ms): every bad field named, as a write's 422 does. */
export function validateBanner(input: unknown, now: number): Validation<BannerInput> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { ok: false, errors: [{ field: "", message: "must be an object" }] };
  const { text, link, expires, ...rest } = input as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(rest).map((field) => ({ field, message: "is not a field of the banner (text, link, expires)" }));
  const line = typeof text === "string" ? text.trim() : "";
  if (typeof text !== "string") errors.push({ field: "text", message: text === undefined ? "is required" : "must be a string" });
  else if (line === "") errors.push({ field: "text", message: "must not be empty" });
  else if (BREAKS.test(line)) errors.push({ field: "text", message: "must be one line, without line breaks or control characters" });
  else if (LONE_SURROGATE.test(line)) errors.push({ field: "text", message: "must be well-formed Unicode (it has a lone surrogate)" });
  else if ([...line].length > BANNER_MAX_TEXT) errors.push({ field: "text", message: `must be at most ${BANNER_MAX_TEXT} characters` });
  const href = typeof link === "string" ? link.trim() : undefined;
  if (link !== undefined && link !== null && typeof link !== "string") errors.push({ field: "link", message: "must be a string" });
  const bad = href ? linkError(href) : undefined;
  if (bad) errors.push({ field: "link", message: bad });
  const at = typeof expires === "string" && DATE_TIME.test(expires) ? dateValue(expires.toUpperCase()) : NaN;
  if (typeof expires !== "string") errors.push({ field: "expires", message: expires === undefined ? "is required" : "must be a string" });
  else if (Number.isNaN(at)) errors.push({ field: "expires", message: "must be an RFC 3339 date-time with an offset (2026-12-08T18:00:00Z)" });
  else if (at <= now) errors.push({ field: "expires", message: "must be in the future" });
  else if (at > now + BANNER_MAX_AHEAD_MS) errors.push({ field: "expires", message: "must be at most 7 days ahead" });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { text: line, ...(href && { link: href }), expires: new Date(at).toISOString() } };
}

/** The banner if it is still to be shown at `now`; null when there is none or its expiry has passed (whatever KV still holds). */
export function liveBanner(doc: BannerDocument | null | undefined, now: number): BannerDocument | null {
  return doc && typeof doc.text === "string" && Date.parse(doc.expires) > now ? doc : null;
}

/** Epoch ms of the banner's expiry in a stored value (`v1:banner`), or null. */
export function bannerExpiry(value: string | null): number | null {
  if (value === null) return null;
  const at = Date.parse((JSON.parse(value) as BannerDocument).expires);
  return Number.isNaN(at) ? null : at;
}
