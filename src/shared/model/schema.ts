/**
 * @module
 * The article schema: one validator shared by the content build, the publish endpoints and the Newsroom.
 */

// prettier-ignore
import { type Focus, focusOf, figureSize, inlineOf, isHttpsUrl, type Metadata, metadata, type RichBlock, richBlock, type Run, unknownMembers } from "./blocks.ts";
import { ARTICLE_ID as ID } from "./ids.ts";
import { type Live, LIVE_KEYS, liveMembers } from "./live.ts";
import { promotion, type Promotion } from "./promotion.ts";

/**
 * `width`/`height` (pixels of the original) are additions to v1, required for a photo uploaded here (`…/media/<id>`);
 * `focus` (v1.2) is the point the crops keep in view.
 */
export type Figure = { type: "figure"; caption: string; credit: string; src?: string; alt?: string; width?: number; height?: number; focus?: Focus };
/** `runs` (links, emphasis) and heading `level` 3 are additions to v1: `text` is always there. */
export type Block = { type: "paragraph"; text: string; runs?: Run[] } | { type: "heading"; text: string; runs?: Run[]; level?: 3 } | Figure | RichBlock;

export interface Article extends Metadata, Promotion, Live<Block> {
  id: string;
  slug: string;
  section: string[];
  headline: string;
  description: string;
  /** RFC 3339 date (`2020-02-27`) or date-time with offset. */
  published: string;
  modified: string;
  body: Block[];
  /** Only a draft says so; a published article (the default) has no `status`. */
  status?: "draft";
  /** v1.2, a draft only: its publication time is not chosen yet (`published` holds when it was saved; publishing dates it then). */
  undated?: true;
}

/**
 * Top-level section slugs the router owns (`/Detail/…`, `/api/…`, `/desk/…`, `/sitemaps/…`, …): no section
 * may take one. A test derives the route table's first segments and requires each of them here.
 */
export const RESERVED_SECTIONS: string[] = "all api assets author corrections desk detail feeds media preview search sitemaps static tag well-known".split(" ");

export interface FieldError {
  field: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const SLUG = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))?$/;
// Control characters (C0, DEL, C1) have no place in article text; U+00A0 and other typography are kept.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A UTF-16 surrogate without its partner is not a character: no UTF-8 encoder can write it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_TEXT = 20_000;
/**
 * The largest article, as its JSON in UTF-8: the one limit of every write path. PUT and POST answer 413
 * for a larger body; an import item, a content file or a load over it is refused alone, naming it.
 */
export const MAX_ARTICLE_BYTES = 256 * 1024;
const REQUIRED = "is required";
const MAX_DESCRIPTION = 500;

/** A paragraph cut to fit a description: whole words, then an ellipsis (what an article without a standfirst is described by). */
export function summary(paragraph: string): string {
  if (paragraph.length <= MAX_DESCRIPTION) return paragraph;
  // Never between the two halves of a surrogate pair (an emoji), which would leave a lone surrogate.
  const cut = paragraph.slice(0, MAX_DESCRIPTION - 1).replace(/[\uD800-\uDBFF]$/, "");
  const space = cut.lastIndexOf(" ");
  return (space > MAX_DESCRIPTION / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "") + "…";
}

const ASCII_SPACE = new Set([" ", "\t", "\r", "\n"]);

/**
 * Trims ASCII white space only (U+00A0 and other typography are content). A loop, not a regex:
 * `/\s+$/` is quadratic on a long run of interior spaces.
 */
export function trimAscii(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && ASCII_SPACE.has(value[start])) start++;
  while (end > start && ASCII_SPACE.has(value[end - 1])) end--;
  return value.slice(start, end);
}

/**
 * Turns a headline into the publisher's slug style: words joined by `-`, apostrophes dropped, Latin
 * diacritics folded. Empty for a headline without Latin letters or digits (Persian, Arabic, Russian…):
 * `validateArticle` then uses the id.
 */
export function slugify(headline: string): string {
  return headline
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’‘]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
}

/** Milliseconds since the epoch for a valid schema date, else NaN. */
export function dateValue(value: string): number {
  const m = DATE.exec(value);
  if (!m) return NaN;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  const day = new Date(Date.UTC(+y, +mo - 1, +d));
  if (day.getUTCFullYear() !== +y || day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d) return NaN;
  if (+h > 23 || +mi > 59 || +s > 59) return NaN;
  return m[4] === undefined ? day.getTime() : Date.parse(value);
}

function text(value: unknown, field: string, errors: FieldError[], max = MAX_TEXT, multiline = false): string {
  if (typeof value !== "string") {
    errors.push({ field, message: value === undefined ? REQUIRED : "must be a string" });
    return "";
  }
  const trimmed = trimAscii(value);
  if (LONE_SURROGATE.test(trimmed)) errors.push({ field, message: "must be well-formed Unicode (it has a lone surrogate)" });
  else if (trimmed === "") errors.push({ field, message: "must not be empty" });
  else if (trimmed.length > max) errors.push({ field, message: `must be at most ${max} characters` });
  else if (CONTROL.test(multiline ? trimmed.replace(/\n/g, "") : trimmed)) errors.push({ field, message: "must not contain control characters" });
  return trimmed;
}

function block(value: unknown, field: string, errors: FieldError[]): Block | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    errors.push({ field, message: "must be an object" });
    return undefined;
  }
  const b = value as Record<string, unknown>;
  switch (b.type) {
    case "paragraph":
    case "heading": {
      unknownMembers(b, ["type", "text", "runs", ...(b.type === "heading" ? ["level"] : [])], `${field}.`, errors);
      const heading = b.type === "heading";
      const out: Block = { type: b.type, ...inlineOf(b, field, errors, text, heading ? 300 : MAX_TEXT) };
      if (heading && b.level !== undefined && b.level !== 2) {
        if (b.level !== 3) errors.push({ field: `${field}.level`, message: "must be 2 (the default) or 3" });
        else (out as { level?: 3 }).level = 3;
      }
      return out;
    }
    case "figure": {
      unknownMembers(b, FIGURE_KEYS, `${field}.`, errors);
      const figure: Figure = {
        type: "figure",
        caption: text(b.caption, `${field}.caption`, errors, 1000),
        credit: text(b.credit, `${field}.credit`, errors, 200),
      };
      if (b.src !== undefined) {
        const src = text(b.src, `${field}.src`, errors, 2000);
        if (src && !isHttpsUrl(src)) errors.push({ field: `${field}.src`, message: "must be an https URL" });
        figure.src = src;
      }
      if (b.alt !== undefined) figure.alt = text(b.alt, `${field}.alt`, errors, 1000);
      Object.assign(figure, figureSize(b, figure.src, field, errors));
      if (b.focus !== undefined) figure.focus = focusOf(b.focus, `${field}.focus`, errors);
      return figure;
    }
    default: {
      const rich = richBlock(b, field, errors, text);
      if (!rich) errors.push({ field: `${field}.type`, message: 'must be "paragraph", "heading", "figure", "list", "quote" or "embed"' });
      return rich;
    }
  }
}

const FIGURE_KEYS = ["type", "caption", "credit", "src", "alt", "width", "height", "focus"];
const KEYS = [
  "id",
  "slug",
  "section",
  "headline",
  "description",
  "published",
  "modified",
  "body",
  "authors",
  "tags",
  "language",
  "corrections",
  "status",
  "featured",
  "undated",
  "seoTitle",
  "seoDescription",
  "socialImage",
  ...LIVE_KEYS,
];

/**
 * A section path as an article may have it (1 to 4 names, each giving a slug, the first not one the
 * router owns), its names trimmed; what is wrong goes into `errors` under `field`. The import API's
 * sections are checked by it too, so no old path can lead where no article may be.
 */
export function sectionPath(value: unknown, field: string, errors: FieldError[]): string[] {
  const section: string[] = [];
  if (!Array.isArray(value) || value.length < 1 || value.length > 4) {
    errors.push({ field, message: "must be a list of 1 to 4 names" });
    return section;
  }
  value.forEach((name, i) => {
    const before = errors.length;
    const s = text(name, `${field}[${i}]`, errors, 60);
    section.push(s);
    // One error a name: a name `text` refused (empty, a control character) is not checked again.
    if (errors.length > before) return;
    if (s && !/^[\p{L}\p{N}][\p{L}\p{N} &'’-]*$/u.test(s)) errors.push({ field: `${field}[${i}]`, message: "must be letters, digits, spaces, & ' or -" });
    // Section URLs are built from ASCII slugs (`/News/Middle-East`), so a name must give one.
    else if (s && !slugify(s)) errors.push({ field: `${field}[${i}]`, message: "must contain Latin letters or digits (section URLs use them)" });
    // "all" names the whole site in the index (listing.ts), and the router owns other first segments.
    else if (i === 0 && RESERVED_SECTIONS.includes(slugify(s).toLowerCase()))
      errors.push({ field: `${field}[0]`, message: "is reserved: the site's own URLs use it" });
  });
  return section;
}

/** Checks an untrusted object against the schema; every bad field is reported, not only the first. */
export function validateArticle(input: unknown): Validation<Article> {
  const errors: FieldError[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: "", message: "must be an object" }] };
  }
  const a = input as Record<string, unknown>;
  unknownMembers(a, KEYS, "", errors);

  // Whether a member the schema needs is there; one left out is named as required, not as of the wrong type.
  const given = (field: string) => a[field] !== undefined || !errors.push({ field, message: REQUIRED });
  // A string, as the schema says: a JSON number is refused, not converted (`20001.0` and `2e4` are numbers too).
  const id = a.id;
  if (given("id") && (typeof id !== "string" || !ID.test(id)))
    errors.push({ field: "id", message: typeof id === "string" ? "must be 1 to 12 digits, not starting with 0" : "must be a string of 1 to 12 digits" });

  const headline = text(a.headline, "headline", errors, 300);

  // A headline with no Latin letter or digit (Persian, Arabic…) gives no slug: the id stands in for it.
  let slug = slugify(headline) || (typeof id === "string" ? id : "");
  if (a.slug !== undefined) {
    if (typeof a.slug !== "string" || !SLUG.test(a.slug) || a.slug.length > 100)
      errors.push({ field: "slug", message: "must be letters and digits joined by single hyphens, at most 100 characters" });
    else slug = a.slug;
  }

  const section = given("section") ? sectionPath(a.section, "section", errors) : [];

  const published = typeof a.published === "string" ? a.published : "";
  if (given("published") && Number.isNaN(dateValue(published)))
    errors.push({ field: "published", message: "must be an RFC 3339 date (YYYY-MM-DD) or date-time with offset" });
  let modified = published;
  if (a.modified !== undefined) {
    if (typeof a.modified !== "string" || Number.isNaN(dateValue(a.modified)))
      errors.push({ field: "modified", message: "must be an RFC 3339 date or date-time with offset" });
    else if (dateValue(a.modified) < dateValue(published)) errors.push({ field: "modified", message: "must not be before published" });
    else modified = a.modified;
  }

  const body: Block[] = [];
  if (given("body") && (!Array.isArray(a.body) || a.body.length === 0 || a.body.length > 1000)) {
    errors.push({ field: "body", message: "must be a list of 1 to 1000 blocks" });
  } else if (Array.isArray(a.body)) {
    a.body.forEach((value, i) => {
      const b = block(value, `body[${i}]`, errors);
      if (b) body.push(b);
    });
    if (!body.some((b) => b.type === "paragraph")) errors.push({ field: "body", message: "must contain a paragraph" });
  }

  let description = "";
  if (a.description !== undefined) description = text(a.description, "description", errors, MAX_DESCRIPTION);
  else {
    const first = body.find((b) => b.type === "paragraph");
    description = first && first.type === "paragraph" ? summary(first.text) : "";
  }

  const meta = metadata(a, errors, text, (v) => !Number.isNaN(dateValue(v)));
  const promoted = promotion(a, errors, text);
  const live = liveMembers(a, errors, text, block, (v) => !Number.isNaN(dateValue(v)));
  if (a.status !== undefined && a.status !== "draft" && a.status !== "published") errors.push({ field: "status", message: 'must be "draft" or "published"' });
  if (a.undated !== undefined && (a.undated !== true || a.status !== "draft")) errors.push({ field: "undated", message: "is only for a draft, as true" });

  if (errors.length) return { ok: false, errors };
  const article: Article = { id: id as string, slug, section, headline, description, published, modified, body, ...meta, ...promoted, ...live };
  if (a.status === "draft") article.status = "draft";
  if (a.undated) article.undated = true;
  const kib = Math.ceil(new TextEncoder().encode(JSON.stringify(article)).length / 1024);
  const tooBig = kib > MAX_ARTICLE_BYTES / 1024 && { field: "", message: `must be at most ${MAX_ARTICLE_BYTES / 1024} KiB as JSON (this one is ${kib} KiB)` };
  return tooBig ? { ok: false, errors: [tooBig] } : { ok: true, value: article };
}
