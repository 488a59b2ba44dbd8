/**
 * @module
 * The rich parts of an article body, beyond v1's paragraph, heading and figure: inline runs (links,
 * emphasis, strong), lists, block quotes with attribution, sub-headings and embeds, and the article
 * metadata (authors, tags, language, corrections). Every block keeps a plain `text`, so a client that
 * knows only v1 can still show it; `runs` add the markup an app renders without an HTML parser.
 * Validation of untrusted JSON lives here; `schema.ts` calls it.
 */

/** A stretch of text with the same marks. Joined, the runs of a block are its `text`. */
export interface Run {
  text: string;
  em?: true;
  strong?: true;
  /** http(s), mailto, or a site-relative path (`/News`). */
  href?: string;
}

/** A paragraph-like piece: a list item, or a paragraph of a quote. */
export interface Inline {
  text: string;
  runs?: Run[];
}

export type ListBlock = { type: "list"; ordered: boolean; items: Inline[]; text: string };
export type QuoteBlock = { type: "quote"; paragraphs: Inline[]; attribution?: string; text: string };
/** A video or social post shown as a link card: no third-party script, iframe or request until the reader follows it. */
export type EmbedBlock = { type: "embed"; url: string; provider: string; title?: string; text: string };
export type RichBlock = ListBlock | QuoteBlock | EmbedBlock;

export interface Author {
  name: string;
  url?: string;
}

export interface Correction {
  /** RFC 3339 date or date-time. */
  date: string;
  text: string;
}

/** The optional metadata fields of an article. */
export interface Metadata {
  authors?: Author[];
  tags?: string[];
  /** BCP 47; absent means the site's language. */
  language?: string;
  corrections?: Correction[];
  /** Added in v1.1: an editor's pick to lead the front page and its sections (`true`; absent or `false`: not). */
  featured?: true;
}

interface Problem {
  field: string;
  message: string;
}
/** `schema.ts`'s string check: trims, reports empty, too long or control characters. */
export type TextCheck = (value: unknown, field: string, errors: Problem[], max?: number) => string;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The schemes a link may use; anything else (javascript:, data:, protocol-relative //host) is refused.
const HREF = /^(?:https?:\/\/[^\s"'<>\\]+|mailto:[^\s"'<>\\]+|\/(?!\/)[^\s"'<>\\]*)$/;
const HTTPS = /^https:\/\/[^\s"'<>\\]+$/;
// BCP 47 (RFC 5646) well-formed enough for `lang`: a 2–3 letter language, then subtags of 1–8 alphanumerics.
const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
// Scripts written right to left, by primary language subtag (Arabic, Persian, Hebrew, Urdu, Pashto, Sorani Kurdish, Dhivehi, Yiddish, Sindhi, Uyghur).
const RTL = new Set(["ar", "fa", "he", "ur", "ps", "ckb", "dv", "yi", "sd", "ug"]);

/** An http(s) or mailto link or a site path, whose absolute forms `new URL` can parse (so no page or feed throws on it). */
export function isHref(value: string): boolean {
  return HREF.test(value) && (value[0] === "/" || URL.canParse(value));
}

/** An https URL that parses (`https://[` or a port over 65535 do not). */
export function isHttpsUrl(value: string): boolean {
  return HTTPS.test(value) && URL.canParse(value);
}

/** `rtl` for languages written right to left, else `ltr`. */
export function direction(language: string): "rtl" | "ltr" {
  return RTL.has(language.split("-")[0].toLowerCase()) ? "rtl" : "ltr";
}

/** A known provider's name for an embed URL, else the host name. */
export function providerOf(url: string): string {
  const host = new URL(url).hostname.replace(/^(www|m|mobile)\./, "");
  const known: Record<string, string> = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "x.com": "X",
    "twitter.com": "X",
    "t.me": "Telegram",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "tiktok.com": "TikTok",
  };
  return known[host] ?? host;
}

/** Reports every member of `value` not in `known` as `<prefix><member>: is not a known field`. */
export function unknownMembers(value: object, known: readonly string[], prefix: string, errors: Problem[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) errors.push({ field: prefix + key, message: "is not a known field" });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function runs(value: unknown, field: string, errors: Problem[]): Run[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 500) {
    errors.push({ field, message: "must be a list of 1 to 500 runs" });
    return undefined;
  }
  return value.map((r, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(r)) {
      errors.push({ field: f, message: "must be an object" });
      return { text: "" };
    }
    unknownMembers(r, ["text", "em", "strong", "href"], `${f}.`, errors);
    // A run's text is not trimmed (the spaces between runs are part of the sentence); the block's
    // `text`, which the runs must join to, has had the full check.
    if (typeof r.text !== "string" || r.text === "") errors.push({ field: `${f}.text`, message: "must be a non-empty string" });
    else if (CONTROL.test(r.text)) errors.push({ field: `${f}.text`, message: "must not contain control characters" });
    const run: Run = { text: typeof r.text === "string" ? r.text : "" };
    for (const mark of ["em", "strong"] as const) {
      if (r[mark] === undefined) continue;
      if (r[mark] !== true) errors.push({ field: `${f}.${mark}`, message: "must be true or left out" });
      else run[mark] = true;
    }
    if (r.href !== undefined) {
      if (typeof r.href !== "string" || r.href.length > 2000 || !isHref(r.href))
        errors.push({ field: `${f}.href`, message: "must be an http, https or mailto URL, or a path starting with /" });
      else run.href = r.href;
    }
    return run;
  });
}

/** `{ text, runs? }`: when runs are given, their texts joined must be the text. */
export function inline(value: unknown, field: string, errors: Problem[], text: TextCheck, max?: number): Inline {
  if (!isObject(value)) {
    errors.push({ field, message: "must be an object" });
    return { text: "" };
  }
  return inlineOf(value, field, errors, text, max);
}

/** The `text` and `runs` members of a block or item. */
export function inlineOf(value: Record<string, unknown>, field: string, errors: Problem[], text: TextCheck, max?: number): Inline {
  const out: Inline = { text: text(value.text, `${field}.text`, errors, max) };
  if (value.runs !== undefined) {
    const checked = runs(value.runs, `${field}.runs`, errors);
    if (checked) {
      if (checked.map((r) => r.text).join("") !== out.text) errors.push({ field: `${field}.runs`, message: "joined, must be exactly the text" });
      out.runs = checked;
    }
  }
  return out;
}

function list<T>(value: unknown, field: string, errors: Problem[], max: number, each: (v: unknown, f: string) => T): T[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    errors.push({ field, message: `must be a list of 1 to ${max}` });
    return [];
  }
  return value.map((v, i) => each(v, `${field}[${i}]`));
}

const BLOCK_KEYS: Record<RichBlock["type"], string[]> = {
  list: ["type", "ordered", "items", "text"],
  quote: ["type", "paragraphs", "attribution", "text"],
  embed: ["type", "url", "provider", "title", "text"],
};

/**
 * A list, quote or embed from untrusted JSON, or undefined for another type. `text` may be left out
 * on input (it is derived: items or paragraphs joined by a line break; an embed's title or URL); when
 * given it must be what would be derived.
 */
export function richBlock(b: Record<string, unknown>, field: string, errors: Problem[], text: TextCheck): RichBlock | undefined {
  const type = b.type as RichBlock["type"];
  if (!(type in BLOCK_KEYS)) return undefined;
  unknownMembers(b, BLOCK_KEYS[type], `${field}.`, errors);
  let block: RichBlock;
  if (type === "list") {
    if (typeof b.ordered !== "boolean") errors.push({ field: `${field}.ordered`, message: "must be true or false" });
    const items = list(b.items, `${field}.items`, errors, 100, (v, f) => inline(v, f, errors, text, 5000));
    block = { type, ordered: b.ordered === true, items, text: items.map((i) => i.text).join("\n") };
  } else if (type === "quote") {
    const paragraphs = list(b.paragraphs, `${field}.paragraphs`, errors, 20, (v, f) => inline(v, f, errors, text));
    block = { type, paragraphs, text: paragraphs.map((p) => p.text).join("\n") };
    if (b.attribution !== undefined) block.attribution = text(b.attribution, `${field}.attribution`, errors, 300);
  } else {
    const url = text(b.url, `${field}.url`, errors, 2000);
    if (url && !isHttpsUrl(url)) errors.push({ field: `${field}.url`, message: "must be an https URL" });
    const provider = isHttpsUrl(url) ? providerOf(url) : "";
    if (b.provider !== undefined && b.provider !== provider)
      errors.push({ field: `${field}.provider`, message: `is derived from the URL ("${provider}"); leave it out` });
    block = { type, url, provider, text: url };
    if (b.title !== undefined) block.title = block.text = text(b.title, `${field}.title`, errors, 300);
  }
  if (b.text !== undefined && b.text !== block.text)
    errors.push({ field: `${field}.text`, message: "must be the items, paragraphs or title as plain text (or be left out)" });
  return block;
}

/** `https://<host>/media/<id>`: a photo uploaded with POST /api/v1/media (the `url` it answered). */
const MEDIA_URL = /^https:\/\/[^/\s"'<>\\]+\/media\/([0-9a-f]{64})$/;

/** The media id in a figure's `src`, when it names an uploaded photo. */
export function mediaIdOf(src: string | undefined): string | undefined {
  return src === undefined ? undefined : MEDIA_URL.exec(src)?.[1];
}

/**
 * A figure's `width` and `height` in pixels: optional, both or neither, and required for an uploaded
 * photo (the upload's answer gives them), so the page reserves the image's space before it loads.
 */
export function figureSize(b: Record<string, unknown>, src: string | undefined, field: string, errors: Problem[]): { width?: number; height?: number } {
  const out: { width?: number; height?: number } = {};
  for (const key of ["width", "height"] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 20_000)
      errors.push({ field: `${field}.${key}`, message: "must be a whole number of pixels from 1 to 20000" });
    else out[key] = v;
  }
  if ((b.width === undefined) !== (b.height === undefined))
    errors.push({ field: `${field}.${b.width === undefined ? "width" : "height"}`, message: "must be given with the other dimension" });
  else if (mediaIdOf(src) && b.width === undefined)
    errors.push({ field: `${field}.width`, message: "and height are required for an uploaded photo (the upload answered them)" });
  return out;
}

/** v1.2: the point of a photo the crops keep in view, in whole percent of its width and height from the top left (50, 50: the centre). */
export interface Focus {
  x: number;
  y: number;
}

const percent = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 100;

/** A figure's `focus`: `{ x, y }`, each a whole number from 0 to 100. */
export function focusOf(v: unknown, field: string, errors: Problem[]): Focus | undefined {
  if (isObject(v) && percent(v.x) && percent(v.y) && Object.keys(v).length === 2) return { x: v.x as number, y: v.y as number };
  errors.push({ field, message: "must be { x, y }, each a whole percent from 0 to 100" });
  return undefined;
}

/** The metadata members of an untrusted article; only those given are returned. */
export function metadata(a: Record<string, unknown>, errors: Problem[], text: TextCheck, isDate: (v: string) => boolean): Metadata {
  const out: Metadata = {};
  if (a.authors !== undefined)
    out.authors = list(a.authors, "authors", errors, 20, (v, f) => {
      if (!isObject(v)) {
        errors.push({ field: f, message: "must be an object with name and optional url" });
        return { name: "" };
      }
      unknownMembers(v, ["name", "url"], `${f}.`, errors);
      const author: Author = { name: text(v.name, `${f}.name`, errors, 200) };
      if (v.url !== undefined) {
        const url = text(v.url, `${f}.url`, errors, 2000);
        if (url && !/^https?:\/\//.test(url)) errors.push({ field: `${f}.url`, message: "must be an http or https URL" });
        else if (url && !isHref(url)) errors.push({ field: `${f}.url`, message: "must be a URL without spaces or quotes" });
        author.url = url;
      }
      return author;
    });
  if (a.tags !== undefined) out.tags = list(a.tags, "tags", errors, 30, (v, f) => text(v, f, errors, 100));
  if (a.language !== undefined) {
    if (typeof a.language !== "string" || !LANGUAGE.test(a.language) || a.language.length > 35)
      errors.push({ field: "language", message: "must be a BCP 47 language tag, e.g. en, fa, pt-BR" });
    else out.language = a.language;
  }
  if (a.featured !== undefined && typeof a.featured !== "boolean") errors.push({ field: "featured", message: "must be true or false" });
  else if (a.featured === true) out.featured = true;
  if (a.corrections !== undefined)
    out.corrections = list(a.corrections, "corrections", errors, 50, (v, f) => {
      if (!isObject(v)) {
        errors.push({ field: f, message: "must be an object with date and text" });
        return { date: "", text: "" };
      }
      unknownMembers(v, ["date", "text"], `${f}.`, errors);
      const date = typeof v.date === "string" ? v.date : "";
      if (!isDate(date)) errors.push({ field: `${f}.date`, message: "must be an RFC 3339 date or date-time with offset" });
      return { date, text: text(v.text, `${f}.text`, errors, 2000) };
    });
  return out;
}
