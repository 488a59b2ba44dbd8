/**
 * @module
 * The site's sections as the write side knows them: one row per listing scope with its names, the
 * number of public articles and the newest publication date, read from the index roots after each
 * change, and materialised in KV as one document, `v1:sections`, for `GET /api/v1/sections`, the
 * case-insensitive section paths and the site's navigation.
 */

import { asRoot, rootKey, scopesOf } from "../shared/model/index-tree.ts";
import { NAV_KEY, type NavDocument, SECTIONS_KEY, type SectionsDocument } from "../shared/model/documents.ts";
import type { ReadModel } from "./read-model/outbox.ts";

export const SECTIONS_SCHEMA = [
  "CREATE TABLE IF NOT EXISTS section (scope TEXT PRIMARY KEY, names TEXT NOT NULL, total INTEGER NOT NULL, newest TEXT NOT NULL)",
];

/** Re-reads the roots of every scope of these section paths and rewrites `v1:sections` (and `v1:nav`) if anything changed. */
export async function updateSections(sql: SqlStorage, model: ReadModel, paths: string[][]): Promise<void> {
  const seen = new Set<string>();
  for (const names of paths) {
    const scopes = scopesOf(names);
    scopes.forEach((scope, i) => {
      if (seen.has(scope)) return;
      seen.add(scope);
      const text = model.value(rootKey(scope));
      const root = text === null ? null : asRoot(JSON.parse(text));
      if (!root || root.total === 0) sql.exec("DELETE FROM section WHERE scope = ?", scope);
      else
        sql.exec(
          "INSERT INTO section (scope, names, total, newest) VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET names = excluded.names, total = excluded.total, newest = excluded.newest",
          scope,
          JSON.stringify(names.slice(0, i)),
          root.total,
          root.newest[0]?.published ?? "",
        );
    });
  }
  const rows = sql.exec<{ scope: string; names: string; total: number; newest: string }>("SELECT * FROM section ORDER BY scope").toArray();
  const site = rows.find((r) => r.scope === "all");
  const doc: SectionsDocument = {
    v: 1,
    total: site?.total ?? 0,
    sections: rows.filter((r) => r.scope !== "all").map((r) => ({ path: r.scope, names: JSON.parse(r.names) as string[], total: r.total, newest: r.newest })),
  };
  await model.put(SECTIONS_KEY, JSON.stringify(doc));
  // Unchanged (the same sections with articles) is no write at all: `put` compares.
  const nav: NavDocument = { v: 1, sections: doc.sections.map(({ path, names }) => ({ path, names })) };
  await model.put(NAV_KEY, JSON.stringify(nav));
}

/**
 * The section path with each level spelled as the site already spells it, whatever the case given:
 * section URLs match in any case (`/news` answers as `/News`), so two spellings would be two sections
 * reachable by one URL. The existing spelling wins, unless `id` is the only article there (then the
 * new spelling renames it).
 */
export function existingSpelling(sql: SqlStorage, section: string[], listed: string[] | null): string[] {
  const out = [...section];
  const own = new Set(listed ? scopesOf(listed) : []);
  for (let depth = 1; depth <= out.length; depth++) {
    const scope = scopesOf(out.slice(0, depth)).at(-1)!;
    const row = sql
      .exec<{ scope: string; names: string; total: number }>(
        "SELECT scope, names, total FROM section WHERE lower(scope) = lower(?) ORDER BY scope = ? DESC, total DESC LIMIT 1",
        scope,
        scope,
      )
      .toArray()[0];
    if (!row || row.scope === scope || (row.total === 1 && own.has(row.scope))) continue;
    const names = JSON.parse(row.names) as string[];
    out.splice(0, depth, ...names.slice(0, depth));
  }
  return out;
}
