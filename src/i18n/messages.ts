/**
 * @module
 * The chrome's fixed texts, one catalog per language: the site's (`SITE_LANGUAGE`) labels the page,
 * an article in another language labels its own block (byline, dateline, tags, corrections) in
 * its language. `{0}`, `{1}` stand for values; `a|b` is the singular and the plural (chosen by
 * `Intl.PluralRules`). A language without a catalog reads the English one.
 */

import { en, type MessageKey, type Messages } from "./en.ts";
import { ar, es, fa, fr } from "./catalogs.ts";

export type { MessageKey, Messages };

/** Every catalog, by primary language subtag. */
export const CATALOGS: Record<string, Messages> = { en, fa, ar, es, fr };

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
  return form.replace("{0}", new Intl.NumberFormat(intlLocale(language)).format(count));
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

/** Names as a list in the language (`A, B and C`; `A، B و C`). */
export function listOf(language: string, names: string[]): string {
  return new Intl.ListFormat(intlLocale(language), { type: "conjunction" }).format(names);
}
