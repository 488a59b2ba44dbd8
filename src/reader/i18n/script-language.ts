/**
 * @module
 * The language of an article that names none. It used to be the site's, so an English story without a
 * `language` in the Persian edition was set right to left ("Turkish troops 34", a full stop at the line's
 * start). Now its letters decide: in the site's script, the site's language; in Arabic script on a Latin
 * site, Persian when it has Persian's own letters (پ چ ژ گ ک ی), else Arabic; in Latin script on a site of
 * another script, English (the one Latin language a script cannot tell apart, and the likeliest).
 */

import type { Article } from "../../shared/model/schema.ts";
import { baseLanguage } from "./messages.ts";

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/g;
const LATIN = /[A-Za-z\u00c0-\u024f]/g;
const PERSIAN = /[\u067e\u0686\u0698\u06af\u06a9\u06cc]/;
const ARABIC_SCRIPT = new Set(["ar", "fa", "ur", "ps", "ckb", "sd", "ug"]);
/** Enough text to tell (the headline, standfirst and the opening), however long the article. */
const SAMPLE = 2000;

type Script = "arabic" | "latin" | "other";

function scriptOfLanguage(language: string): Script {
  const base = baseLanguage(language);
  if (ARABIC_SCRIPT.has(base)) return "arabic";
  // Languages of other scripts (Cyrillic, Han, …) are left as the site says: nothing here can tell them.
  return /^(en|fr|es|de|it|pt|nl|tr|pl|id|ms|sv|da|no|nb|fi|ro|cs|hu|vi|sw|az|uz)$/.test(base) ? "latin" : "other";
}

/** The text to look at: headline, description and the body's words, up to `SAMPLE` characters. */
function sample(a: Pick<Article, "headline" | "description" | "body">): string {
  let text = `${a.headline} ${a.description ?? ""}`;
  for (const block of a.body) {
    if (text.length >= SAMPLE) break;
    if (block.type === "paragraph" || block.type === "heading") text += " " + block.text;
  }
  return text.slice(0, SAMPLE);
}

/** The article's language: its own when it names one, else what its letters say (see the module's note). */
export function articleLanguage(a: Pick<Article, "headline" | "description" | "body" | "language">, siteLanguage: string): string {
  if (a.language) return a.language;
  const site = scriptOfLanguage(siteLanguage);
  if (site === "other") return siteLanguage;
  const text = sample(a);
  const arabic = text.match(ARABIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (arabic === 0 && latin === 0) return siteLanguage;
  const script: Script = arabic > latin ? "arabic" : "latin";
  if (script === site) return siteLanguage;
  return script === "arabic" ? (PERSIAN.test(text) ? "fa" : "ar") : "en";
}
