/**
 * @module
 * An archive import (`POST /api/v1/admin/import`, `npm run import`): each item is an article from
 * another system with its key there (`source`) and its old paths. An item imported before is
 * skipped and named (a rerun changes nothing); an invalid one (the schema's rules, its size included)
 * is refused alone with its errors and changes nothing; the rest are stored in one transaction, as a
 * content load is (one tree change per scope per batch), with their old paths, which the read model
 * then answers (redirects.ts). A section's old paths are recorded only for a section an article may
 * have and readers can see: never for a reserved or malformed name, nor one whose items were refused.
 */

import { scopesOf } from "../shared/model/index-tree.ts";
import { oldPathOfUrl } from "../shared/model/old-paths.ts";
import { dateValue, type FieldError, sectionPath, validateArticle } from "../shared/model/schema.ts";
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
    // Only a section an article may have (the schema's rule: no reserved name, no line break, a slug)…
    const errors: FieldError[] = [];
    const names = sectionPath(section, "section", errors);
    if (errors.length) {
      report.refused.push({ source: `section:${JSON.stringify(section)}`, errors });
      continue;
    }
    // …and readers can see now: a category whose items were all refused (or are drafts) leads nowhere yet.
    const scope = scopesOf(existingSpelling(sql, names, null)).at(-1)!;
    if (sql.exec("SELECT 1 FROM section WHERE scope = ?", scope).toArray().length === 0) {
      (report.unrecorded ??= []).push({ section, oldPaths });
      continue;
    }
    const target = `/${scope}`;
    const paths = oldPaths.map(oldPathOfUrl).filter((p): p is string => p !== undefined);
    const { recorded, taken } = recordOldPaths(sql, paths, { target });
    await putSectionRedirects(articles.model, recorded, target);
    report.redirects += recorded.length;
    report.taken.push(...taken);
  }
  return report;
}
