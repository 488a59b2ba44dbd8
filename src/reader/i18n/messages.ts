/**
 * @module
 * The chrome's fixed texts, one catalog per language: the site's (`SITE_LANGUAGE`) labels the page,
 * an article in another language labels its own block (byline, dateline, tags, corrections) in
 * its language. `{0}`, `{1}` stand for values; `a|b` is the singular and the plural (chosen by
 * `Intl.PluralRules`). A language without a catalog reads the English one.
 *
 * English is in the bundle (en.ts: the keys every catalog has). The others (Persian, Arabic, Spanish,
 * French) are `public/messages.json`, a static asset read through ASSETS once per isolate with the
 * stylesheet (render/stylesheet.ts), so their 9 KB are not in the bundle; until it is read, or if a
 * key is missing from it, the English text stands.
 */

import { en, type MessageKey, type Messages } from "./en.ts";

export type { MessageKey, Messages };

/** Every catalog, by primary language subtag: English, and those `addCatalogs` took in. */
export const CATALOGS: Record<string, Messages> = { en };

/** Takes in `public/messages.json` (`{ "fa": { key: text, … }, … }`): each key English has, as a string; anything else is left out. */
export function addCatalogs(json: unknown): void {
  if (typeof json !== "object" || json === null) return;
  for (const [language, texts] of Object.entries(json as Record<string, unknown>)) {
    if (language === "en" || typeof texts !== "object" || texts === null) continue;
    const catalog = { ...en };
    for (const key of Object.keys(en) as MessageKey[]) {
      const text = (texts as Record<string, unknown>)[key];
      if (typeof text === "string" && text) catalog[key] = text;
    }
    CATALOGS[language] = catalog;
  }
}

/** The primary language subtag of a BCP 47 tag, lower case (`fa-IR` → `fa`). */
export const baseLanguage = (tag: string): string => tag.split("-")[0].toLowerCase();

/** Whether a language has a catalog of its own. */
export const hasCatalog = (tag: string): boolean => baseLanguage(tag) in CATALOGS;

/** A text of the catalog of `language` (English where there is none), `{0}`, `{1}` filled in. */
export function t(language: string, key: MessageKey, ...values: (string | number)[]): string {
  return raw(language, key).replace(/\{(\d)\}/g, (_, i: string) => String(values[+i] ?? ""));
}

const raw = (language: string, key: MessageKey): string => (CATALOGS[baseLanguage(language)] ?? en)[key];

/** A `one|other` text for a count, the count written in the language's digits. */
export function plural(language: string, key: MessageKey, count: number): string {
  const [one, other = one] = raw(language, key).split("|");
  const form = new Intl.PluralRules(language).select(count) === "one" ? one : other;
  return form.replace("{0}", number(language, count));
}

/** An error page's heading and text for a status with a catalog entry, else undefined (the English of answers.ts stands). */
export function errorText(language: string, status: number): [string, string] | undefined {
  const key = `e${status}` as MessageKey;
  if (!(key in en)) return undefined;
  const [title, detail] = t(language, key).split("|");
  return [title, detail];
}

/**
 * The locale Intl formats in for a language: the tag itself when Intl knows it, with two choices of
 * the house. A bare `ar` writes Arabic-Indic digits (CLDR's `ar` alone now prefers Latin ones, its
 * Middle Eastern regions Arabic-Indic); a bare `en` is British English (day before month).
 */
export function intlLocale(language: string): string {
  const tag = language === "ar" ? "ar-u-nu-arab" : language === "en" ? "en-GB" : language;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? "en-GB";
  } catch {
    return "en-GB";
  }
}

const lists = new Map<string, Intl.ListFormat>();
function listFormat(language: string): Intl.ListFormat {
  const locale = intlLocale(language);
  let f = lists.get(locale);
  if (!f) lists.set(locale, (f = new Intl.ListFormat(locale, { type: "conjunction" })));
  return f;
}

/** Names as a list in the language (`A, B and C`; `A،‏ B، و C`). */
export function listOf(language: string, names: string[]): string {
  return listFormat(language).format(names);
}

/** The same list as parts: each name's index, or the separator text between them (for lists of links). */
export function listParts(language: string, names: string[]): (number | string)[] {
  let i = 0;
  return listFormat(language)
    .formatToParts(names)
    .map((p) => (p.type === "element" ? i++ : p.value));
}

const numbers = new Map<string, Intl.NumberFormat>();
/** A number in the language's digits (`۳` in Persian). */
export function number(language: string, n: number): string {
  const locale = intlLocale(language);
  let f = numbers.get(locale);
  if (!f) numbers.set(locale, (f = new Intl.NumberFormat(locale, { useGrouping: false })));
  return f.format(n);
}
