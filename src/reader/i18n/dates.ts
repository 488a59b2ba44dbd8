/**
 * @module
 * Dates as readers of each language read them, through `Intl.DateTimeFormat` in UTC: the article's
 * dateline and lists' times. English keeps the house style (`Tuesday 1 December 2026, 07:30 GMT`);
 * Persian writes the Solar Hijri date in Persian digits with the Gregorian one beside it (assembled
 * from parts: CLDR's full Persian-calendar pattern puts the year first); Arabic, Spanish and French
 * take CLDR's own patterns. Feeds and JSON never come here: they keep RFC 3339 and RFC 822.
 */

import { baseLanguage, intlLocale } from "./messages.ts";

const LONG: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
const SHORT: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const ZONE: Intl.DateTimeFormatOptions = { ...TIME, timeZoneName: "short" };

const formats = new Map<string, Intl.DateTimeFormat>();
/** A formatter in UTC, made once per isolate per locale and options (making one costs far more than using it). */
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" })));
  return f;
}

/** `weekday day month year` (or without the weekday) from the formatter's parts. */
function fromParts(f: Intl.DateTimeFormat, ms: number): string {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  return [p.weekday, p.day, p.month, p.year].filter(Boolean).join(" ");
}

/** A schema date or date-time as an instant; `timed` when it names a time (a bare date says none). */
function instant(value: string): { ms: number; timed: boolean } | undefined {
  const timed = value.length > 10 ? Date.parse(value) : NaN;
  if (!Number.isNaN(timed)) return { ms: timed, timed: true };
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  const ms = Date.UTC(y, m - 1, d);
  return Number.isNaN(ms) ? undefined : { ms, timed: false };
}

/** The day as runs that a line may break between: Persian's long form is two (Solar Hijri, then the Gregorian in brackets). */
function day(language: string, ms: number, long: boolean): string[] {
  const locale = intlLocale(language);
  const options = long ? LONG : SHORT;
  switch (baseLanguage(language)) {
    case "fa": {
      const solar = fromParts(format(locale, { ...options, calendar: "persian" }), ms);
      return long ? [solar, `(${fromParts(format(locale, { ...SHORT, month: "long", calendar: "gregory" }), ms)})`] : [solar];
    }
    case "en":
      return [fromParts(format(locale, options), ms)];
    default:
      return [format(locale, options).format(ms)];
  }
}

/** The date's runs; the time joins the last one (a line never breaks between a date and its time). */
function dated(value: string, language: string, long: boolean): string[] {
  const at = instant(value);
  if (!at) return [value];
  const days = day(language, at.ms, long);
  if (!at.timed) return days;
  const locale = intlLocale(language);
  const last = days.length - 1;
  switch (baseLanguage(language)) {
    case "en":
      days[last] += `, ${format(locale, TIME).format(at.ms)} GMT`;
      return days;
    case "fa":
      days[last] += `، ساعت ${format(locale, ZONE).format(at.ms)}`;
      return days;
    default:
      return [format(locale, { ...(long ? LONG : SHORT), ...ZONE }).format(at.ms)];
  }
}

/**
 * The dateline as runs joined by spaces, for the byline: each run is kept on one line, and a narrow
 * screen breaks only between them (the Persian dateline is wider than a 360 px phone's line).
 */
export function readerDateRuns(value: string, language = "en"): string[] {
  return dated(value, language, true);
}

/** The dateline: `Tuesday 1 December 2026, 07:30 GMT`, `mardi 1 décembre 2026 à 07:30 UTC`, …; a bare date without a time. */
export function readerDate(value: string, language = "en"): string {
  return dated(value, language, true).join(" ");
}

/** For lists, where forty dates share a page: `1 Dec 2026, 07:30 GMT`, `۱۰ آذر ۱۴۰۵، ساعت ۰۷:۳۰ (UTC)`, … */
export function shortDate(value: string, language = "en"): string {
  return dated(value, language, false).join(" ");
}

/** A time of day alone, for a live story's updates: `07:30 GMT`, `۰۷:۳۰ (UTC)`, `07:30 UTC`, … */
export function clockTime(value: string, language = "en"): string {
  const at = instant(value);
  if (!at?.timed) return value;
  const locale = intlLocale(language);
  return baseLanguage(language) === "en" ? `${format(locale, TIME).format(at.ms)} GMT` : format(locale, ZONE).format(at.ms);
}

/** A calendar day alone (a correction's date): `Thursday 27 February 2020`. */
export function longDate(value: string, language = "en"): string {
  const at = instant(value.slice(0, 10));
  return at ? day(language, at.ms, true).join(" ") : value;
}

const DAY_MS = 86_400_000;
const relatives = new Map<string, Intl.RelativeTimeFormat>();

/**
 * A list's time: within its first day a story's age (`12 minutes ago`, `3 hours ago`, in the page's
 * language, by `Intl.RelativeTimeFormat`), as news sites print it; older, a bare date or one in the
 * future, `shortDate` (`readerDate` when `long`: the lead has room). A listing's copy lives a minute or
 * two (policy.ts), so the age is that close.
 */
export function listTime(value: string, language = "en", now = Date.now(), long = false): string {
  const at = instant(value);
  const age = at?.timed ? now - at.ms : NaN;
  if (!(age >= 0 && age < DAY_MS)) return long ? readerDate(value, language) : shortDate(value, language);
  const locale = intlLocale(language);
  let f = relatives.get(locale);
  if (!f) relatives.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: "always" })));
  const minutes = Math.max(1, Math.floor(age / 60_000));
  return minutes < 60 ? f.format(-minutes, "minute") : f.format(-Math.floor(minutes / 60), "hour");
}
