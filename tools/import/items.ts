/**
 * @module
 * What every import source gives: items (an article without its id, its key in the source, its old
 * paths and HTML body), sections with their old paths, and what was not an article. Plus the shared
 * parts: dates with their offsets, section names the schema takes, plain text of HTML.
 */

import { fromHtml } from "hast-util-from-html";
import { slugify } from "../../src/shared/model/schema.ts";
import { elementText } from "./html-tree.ts";

export interface SourceItem {
  /** Unique in its source, stable across exports: `wxr:example.org:post:123`. */
  source: string;
  /** How the report names it: `post 123 "Hello world!"`. */
  label: string;
  /** The article in the content schema, without `id` and (when `html` is given) without `body`. */
  article: Record<string, unknown>;
  /** The HTML body, converted by html-blocks.ts; else `article.body` is already blocks. */
  html?: string;
  /** The item's URL, to resolve relative links and images against. */
  base?: string;
  /** The id to keep if it is free (a round trip of this service's own JSON). */
  id?: string;
  oldPaths: string[];
  /** Set when the source itself says why this item cannot be an article. */
  refused?: string;
}

export interface Parsed {
  /** `wxr`, `rss`, `atom`, `wp-rest`, `ninjs`, `article-json`. */
  format: string;
  /** The source's name (a figure's credit when the HTML names none). */
  title: string;
  items: SourceItem[];
  sections: { section: string[]; oldPaths: string[] }[];
  /** Entries that are not articles, by kind (`attachment`, `nav_menu_item`, `page` without --pages). */
  ignored: Record<string, number>;
}

export interface ParseOptions {
  /** Import WordPress pages too. */
  pages?: boolean;
  /** The section of items whose source names none. */
  section: string;
}

/** Plain text of an HTML fragment (titles, excerpts), white space collapsed. */
export function plainText(html: string): string {
  return elementText(fromHtml(html, { fragment: true }));
}

/** A name the schema takes as a section: letters, digits, spaces, & ' - (else the fallback, e.g. the slug, in words). */
export function sectionName(name: string, fallback = ""): string {
  const clean = (s: string) =>
    s
      .replace(/[^\p{L}\p{N} &'’-]+/gu, " ")
      .replace(/\s+/g, " ")
      .replace(/^[^\p{L}\p{N}]+/u, "")
      .trim()
      .slice(0, 60)
      .trim();
  const named = clean(name);
  if (named && slugify(named)) return named;
  const other = clean(fallback.replace(/[-_]+/g, " "));
  return other && slugify(other) ? other.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : "";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `±HH:MM` for an offset in minutes. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

const SQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * WordPress's pair of dates (`2011-01-18 07:40:14` local, and the same instant in UTC) as one RFC 3339
 * date-time with the site's offset then; undefined when the local date is not a date. Without a UTC
 * date (a draft never published has `0000-00-00 00:00:00`), the local time is taken as UTC.
 */
export function wordpressDate(local: string | undefined, gmt: string | undefined): string | undefined {
  const l = SQL_DATE.exec((local ?? "").trim());
  if (!l || l[1] === "0000") return undefined;
  const at = (m: RegExpExecArray) => Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const g = SQL_DATE.exec((gmt ?? "").trim());
  const offset = g && g[1] !== "0000" ? Math.round((at(l) - at(g)) / 60_000) : 0;
  if (Math.abs(offset) > 14 * 60) return undefined;
  return `${l[1]}-${l[2]}-${l[3]}T${l[4]}:${l[5]}:${l[6]}${offsetText(offset)}`;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ZONES: Record<string, number> = { gmt: 0, ut: 0, utc: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };
// A date, not HTML: RFC 822 as RSS 2.0 writes it, `Wed, 31 Jan 2018 20:15:15 GMT`.
const RFC822 = /^(?:\w{3},\s*)?(\d{1,2})\s+(\w{3})\w*\s+(\d{2,4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]+)?$/;

/** An RFC 822 date (RSS) as RFC 3339 with the same offset; undefined when it is not one. */
export function rfc822Date(value: string | undefined): string | undefined {
  const m = RFC822.exec((value ?? "").trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
  const zone = m[7] ?? "GMT";
  const offset = /^[+-]/.test(zone) ? (zone[0] === "-" ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(3)) : ZONES[zone.toLowerCase()];
  if (month < 0 || offset === undefined) return undefined;
  return `${year}-${pad(month + 1)}-${pad(+m[1])}T${m[4]}:${m[5]}:${m[6] ?? "00"}${offset === 0 ? "Z" : offsetText(offset)}`;
}

/** An RFC 3339 date-time as given (Atom, ninjs, JSON), normalized to what the schema takes: seconds, and an offset. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : undefined;
  const zone = !m[4] || /z/i.test(m[4]) ? "Z" : m[4].includes(":") ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`;
  return `${m[1]}T${m[2]}${m[3] ?? ":00"}${zone}`;
}

/** `modified` only when it is a date not before `published` (the schema refuses one before). */
export function modifiedAfter(published: string | undefined, modified: string | undefined): { modified?: string } {
  return published && modified && Date.parse(modified) >= Date.parse(published) ? { modified } : {};
}

/** Up to `max` distinct non-empty strings, each cut to `length`. */
export function distinct(values: (string | undefined)[], max: number, length: number): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = (v ?? "").replace(/\s+/g, " ").trim().slice(0, length).trim();
    if (t && !out.includes(t) && out.length < max) out.push(t);
  }
  return out;
}
