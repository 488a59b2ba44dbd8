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

import { scopesOf } from "../shared/model/index-tree.ts";
import { type Article, dateValue } from "../shared/model/schema.ts";
import type { IndexEntry } from "../shared/model/documents.ts";
import { fold, MARK_END, MARK_START } from "../shared/model/search-terms.ts";
import type { SearchHit } from "../shared/newsroom-api.ts";

export const SEARCH_SCHEMA = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
     scopes UNINDEXED, published UNINDEXED, headline, description, body, tokenize = 'unicode61 remove_diacritics 2')`,
];

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
