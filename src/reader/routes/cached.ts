/**
 * @module
 * `serve`: a route's resource through the cache layers (cache/layers.ts), answered with 404, a
 * redirect to its canonical path, 200 or 304. What it was built from is recorded with it, for
 * renewal by the write log (cache/renewal.ts) and for purges (cache/purge.ts).
 */

import { ALL_DEP, ANY_DEP, SEARCH_DEP } from "../../shared/freshness/resources.ts";
import { answer, cacheKey, type Entry, lookup } from "../cache/layers.ts";
import { recordKeys } from "../read/kv.ts";
import type { EntryData } from "../views/represent.ts";
import { error, toCanonicalPath } from "./answers.ts";
import type { Ctx } from "./context.ts";
import { after } from "../background.ts";

export interface Resource {
  /** Identifies the resource within this host's origin, e.g. `article 100001` or `list all 2`. */
  key: string;
  /** A variant beyond the origin, e.g. the negotiated kind or `rss`. */
  variant: string;
  build: () => Promise<EntryData | null>;
  /**
   * False when `build` uses data from elsewhere than KV and the deploy itself (static assets and
   * code change only with a deploy, which `RENEW_MAX_MS` bounds): the Newsroom's search results.
   * No key then records what the entry rests on, and it is rebuilt once its TTL ends.
   */
  renewable?: false;
  /** Built from the Newsroom's search index, not KV: purged by any article's change (cache/purge.ts `SEARCH_DEP`). */
  searched?: true;
  /** False when the query belongs to another site (an old path's `?p=123`): a redirect to the path leaves it behind. */
  keepQuery?: false;
}

/**
 * Runs a resource through the cache layers and answers: 404 when it does not exist, a redirect when
 * the request used another path than the resource's canonical one, else 200 or 304 (or the 410 it was built as).
 */
export async function serve(c: Ctx, resource: Resource): Promise<Response> {
  const key = cacheKey(resource.variant, c.var.host.origin, resource.key);
  const renewable = resource.renewable !== false;
  const found = await lookup(
    c.var.services.layers,
    key,
    async () => {
      const builtAt = Date.now();
      const { value: built, keys, failed, until } = await recordKeys(resource.build);
      // Built on a fallback after a failed read: not what KV holds, so never renewed, and purged by any write.
      // Every copy is purged by a write log that starts over (cache/log-purge.ts).
      const deps = failed ? [ANY_DEP] : [...(resource.searched ? [SEARCH_DEP] : []), ...keys, ALL_DEP];
      return (
        built && ({ ...built, freshUntil: 0, builtAt, deps, ...(renewable && !failed && { keys }), ...(until !== undefined && { until }) } satisfies Entry)
      );
    },
    (p) => after(c, p, "cache write"),
    async (entry) =>
      renewable && entry.keys !== undefined && entry.builtAt !== undefined && c.var.services.reads.renewable(c.env.NEWS, entry.keys, entry.builtAt),
    () => c.var.services.sync(c.env.NEWS),
  );
  if (!found) return error(c, 404);
  c.set("layer", found.layer);
  // Compared with the path exactly as sent, so an encoded or otherwise different spelling is redirected
  // (not to a 410: a removed article is gone at any spelling of its id).
  if (!found.entry.status && c.var.url.pathname !== found.entry.path) return toCanonicalPath(c, found.entry.path, resource.keepQuery !== false);
  return answer(c.req.raw, found.entry);
}
