/**
 * @module
 * Full-text search over public articles, in the Newsroom's SQLite with FTS5: headline, standfirst
 * and body, ranked by bm25 (headline hits weigh most) with newer articles first among equals, and
 * highlighted snippets. The row id is the article id. Text is folded before indexing and querying
 * (Latin diacritics by FTS5's unicode61 tokenizer; Arabic-script marks and letter variants here), so
 * `Erdogan` finds `Erdoğan` and Persian text is found whichever keyboard typed it.
 *
 * Nothing the user types reaches FTS5 as syntax: a query is cut into words (letters and digits) and
 * each becomes a quoted term; quotes, `*`, `NEAR`, `-` or `:` are only ever separators or text.
 */

import { type Article, dateValue } from "../content/schema.ts";
import { scopesOf } from "../content/listing.ts";
import type { IndexEntry } from "../content/store.ts";

export const SEARCH_SCHEMA = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
     scopes UNINDEXED, published UNINDEXED, headline, description, body, tokenize = 'unicode61 remove_diacritics 2')`,
];

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

/** An FTS5 MATCH expression that means "all these words" and nothing else (each a quoted string). */
export function matchExpression(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" ");
}

function bodyText(article: Article): string {
  return article.body.map((b) => (b.type === "figure" ? b.caption : b.text)).join("\n");
}

/** Adds or replaces a public article in the index (`known` false: it has no row yet). */
export function index(sql: SqlStorage, article: Article, known = true): void {
  // An article not listed before has no row to replace.
  if (known) sql.exec("DELETE FROM search WHERE rowid = ?", Number(article.id));
  sql.exec(
    "INSERT INTO search (rowid, scopes, published, headline, description, body) VALUES (?, ?, ?, ?, ?, ?)",
    Number(article.id),
    ` ${scopesOf(article.section).join(" ")} `,
    dateValue(article.published),
    fold(article.headline),
    fold(article.description),
    fold(bodyText(article)),
  );
}

export function unindex(sql: SqlStorage, id: string): void {
  sql.exec("DELETE FROM search WHERE rowid = ?", Number(id));
}

export interface SearchHit {
  entry: IndexEntry;
  /** Plain text with `MARK_START`/`MARK_END` around each match. */
  snippet: string;
}

/** Matches of all `words` (in `scope`, "all" for the site), best first; and how many there are. */
export function search(sql: SqlStorage, words: string[], scope: string, offset: number, limit: number): { total: number; hits: SearchHit[] } {
  if (words.length === 0) return { total: 0, hits: [] };
  const match = matchExpression(words);
  const inScope = ` ${scope} `;
  const total = sql.exec<{ n: number }>("SELECT count(*) AS n FROM search WHERE search MATCH ? AND instr(scopes, ?) > 0", match, inScope).one().n;
  const rows = sql
    .exec<{ id: number; snippet: string; listed: string | null }>(
      `SELECT s.rowid AS id, snippet(search, -1, ?, ?, '…', 20) AS snippet, a.listed AS listed
         FROM search s JOIN article a ON a.id = CAST(s.rowid AS TEXT)
        WHERE search MATCH ? AND instr(s.scopes, ?) > 0
        ORDER BY bm25(search, 0.0, 0.0, 10.0, 4.0, 1.0), s.published DESC
        LIMIT ? OFFSET ?`,
      MARK_START,
      MARK_END,
      match,
      inScope,
      limit,
      offset,
    )
    .toArray();
  const hits = rows.filter((r) => r.listed !== null).map((r) => ({ entry: JSON.parse(r.listed!) as IndexEntry, snippet: r.snippet }));
  return { total, hits };
}
