/**
 * @module
 * What search makes of text, shared by the Newsroom (which indexes and queries its FTS5 table,
 * write/search.ts) and the routes (which check a query's words before asking it, and mark the
 * matches in snippets). Text is folded the same way on both sides: Arabic-script marks and letter
 * variants here, Latin diacritics by FTS5's unicode61 tokenizer.
 */

/** Highlight markers in snippets (private-use characters, which folded text never contains). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";
/** Most words a query may have; longer queries are refused by the route before this. */
export const MAX_TERMS = 12;

/** Arabic-script folding: tashkil and tatweel dropped, Arabic yeh/kaf as their Persian forms, Arabic-Indic digits as ASCII. */
export function fold(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, "")
    .replace(/[\u064A\u0649]/g, "\u06CC")
    .replace(/\u0643/g, "\u06A9")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\uE000\uE001]/g, " ");
}

/** The words of a query, folded: what is searched for. Empty when it has none. */
export function terms(query: string): string[] {
  // Every word must match: longer queries are refused by the route (400), never cut here.
  return fold(query).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}
