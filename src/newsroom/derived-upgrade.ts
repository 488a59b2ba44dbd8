/**
 * @module
 * Upgrades what the Newsroom derives when a deploy changes its shape: run once as the object starts,
 * inside one transaction, before any request is served.
 */

import type { Articles } from "./articles.ts";
import { goneEntries } from "./gone.ts";
import { getMeta, setMeta } from "./meta.ts";
import { rebuildModel } from "./read-model/rebuild.ts";

/**
 * The shape of what the Newsroom derives. An object whose stored version is older re-derives everything
 * when it starts (2 added search, sections and list descriptions, 3 listing languages, 4 the nav
 * document, 5 tombstones: a version 4 object only adds those, without rewriting every key; 6 the author, tag and
 * corrections listings, with tags and the latest correction in every entry).
 */
export const DERIVED_VERSION = 6;

/** Re-derives everything when what is stored was derived by an older version (see DERIVED_VERSION). */
export async function upgradeDerived(sql: SqlStorage, transact: (work: (articles: Articles) => Promise<void>) => Promise<unknown>): Promise<void> {
  const derived = getMeta(sql, "derived") ?? 0;
  if (derived >= DERIVED_VERSION) return;
  const any = sql.exec<{ n: number }>("SELECT count(*) AS n FROM article").one().n > 0;
  await transact(async (articles) => {
    if (derived === 4) for (const { key, value } of goneEntries(sql, Date.now())) await articles.model.put(key, value);
    else if (any) {
      await rebuildModel(sql, articles.model, Date.now());
      articles.model.requeueAll([]);
    }
    setMeta(sql, "derived", DERIVED_VERSION);
  });
}
