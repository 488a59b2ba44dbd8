/**
 * @module
 * An archive import (`POST /api/v1/admin/import`, `npm run import`): each item is an article from
 * another system with its key there (`source`) and its old paths. An item imported before is
 * skipped and named (a rerun changes nothing); an invalid one is refused with its errors and
 * changes nothing; the rest are stored in one transaction, as a content load is (one tree change
 * per scope per batch), with their old paths, which the read model then answers (redirects.ts).
 */

import { scopesOf } from "../shared/model/index-tree.ts";
import { oldPathOfUrl } from "../shared/model/old-paths.ts";
import { dateValue, validateArticle } from "../shared/model/schema.ts";
import type { Articles, Upsert } from "./articles.ts";
import { importedAs, putSectionRedirects, recordImported, recordOldPaths } from "./redirects.ts";
import { existingSpelling } from "./sections.ts";
import { ARTICLE_ID as ID } from "../shared/model/ids.ts";
import type { ImportItem, SectionRedirect, ImportReport } from "../shared/newsroom-api.ts";

/** Decides and stores an import batch in the caller's transaction. */
export async function importItems(
  sql: SqlStorage,
  articles: Articles,
  items: ImportItem[],
  sections: SectionRedirect[],
  editor: string,
  now: number,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [], refused: [], redirects: 0, taken: [] };
  const used = new Set<string>();
  const sources = new Set<string>();
  let next = Number(articles.nextId());
  const free = (id: string) => !used.has(id) && sql.exec<{ n: number }>("SELECT count(*) AS n FROM revision WHERE id = ?", id).one().n === 0;
  const upserts: Upsert[] = [];
  for (const item of items) {
    const before = importedAs(sql, item.source);
    if (before !== null) {
      report.skipped.push({ source: item.source, id: before });
      continue;
    }
    if (sources.has(item.source)) {
      report.refused.push({ source: item.source, errors: [{ field: "source", message: "is given twice in this import" }] });
      continue;
    }
    let id = item.id !== undefined && ID.test(item.id) && free(item.id) ? item.id : "";
    while (!id) id = free(String(next)) ? String(next) : (next++, "");
    const checked = validateArticle({ ...item.article, id });
    if (!checked.ok) {
      report.refused.push({ source: item.source, errors: checked.errors });
      continue;
    }
    sources.add(item.source);
    used.add(id);
    const article = { ...checked.value, section: existingSpelling(sql, checked.value.section, null) };
    const paths = (item.oldPaths ?? []).map(oldPathOfUrl).filter((p): p is string => p !== undefined);
    const { recorded, taken } = recordOldPaths(sql, paths, { id });
    report.redirects += recorded.length;
    report.taken.push(...taken);
    recordImported(sql, item.source, id, now);
    upserts.push({ article, current: null, origin: "api" });
    const status = article.status === "draft" ? "draft" : dateValue(article.published) > now ? "scheduled" : "published";
    report.imported.push({ source: item.source, id, status });
  }
  if (upserts.length) await articles.upsert(upserts, editor, now);
  for (const { section, oldPaths } of sections) {
    let target: string;
    try {
      target = `/${scopesOf(section).at(-1)}`;
    } catch {
      continue; // a section without a slug: no page to send it to
    }
    if (target === "/all") continue;
    const paths = oldPaths.map(oldPathOfUrl).filter((p): p is string => p !== undefined);
    const { recorded, taken } = recordOldPaths(sql, paths, { target });
    await putSectionRedirects(articles.model, recorded, target);
    report.redirects += recorded.length;
    report.taken.push(...taken);
  }
  return report;
}
