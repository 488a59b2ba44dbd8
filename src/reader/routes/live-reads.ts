/**
 * @module
 * The readers' side of live stories (issue 38): `GET /api/v1/articles/<id>/updates?since=<seq>`, what a
 * live page's script and apps poll. JSON `{ id, live, cursor, updates, removed }`: the updates posted or
 * edited after `since` (newest first), the numbers of those deleted after it, and the cursor to ask from
 * next; with `Accept: text/html`, the same updates as the page's own markup (render/live-coverage.tsx `UpdateItem`)
 * for the script to insert. Answered through the cache layers like any resource built from the article's
 * record, so its cost to the Newsroom is bounded by locations, not readers; a write to the article purges it.
 * A story that is not live answers `live: null` and no updates; an unknown id 404; a bad `since` 400.
 */

import { LIVE_UPDATES_CACHE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import { ARTICLE_ID } from "../../shared/model/ids.ts";
import { liveCursor } from "../../shared/model/live.ts";
import { articlePath } from "../../shared/model/paths.ts";
import { negotiateCached } from "../http/accept.ts";
import { hasCatalog } from "../i18n/messages.ts";
import { articleLanguage } from "../i18n/script-language.ts";
import { COMMON_HEADERS } from "../http/security.ts";
import { UpdateItem } from "../render/live-coverage.tsx";
import { entryFrom } from "../views/represent.ts";
import { updateViews, type UpdateView } from "../views/views.ts";
import type { LiveCoverage } from "../../shared/model/live.ts";
import { error } from "./answers.ts";
import { serve } from "./cached.ts";
import { apiHeaders, type Ctx } from "./context.ts";
import { get, type Route } from "./route.ts";

/** What `…/updates` answers as JSON. */
export interface UpdatesPage {
  id: string;
  /** The story's coverage, or null for a story that is not live. */
  live: LiveCoverage | null;
  /** The story's update sequence now: the next `since`. */
  cursor: number;
  /** Posted or edited after `since`, newest first. */
  updates: UpdateView[];
  /** The numbers of the updates deleted after `since`. */
  removed: number[];
}

/** JSON first: `*\/*` (an app, a script's default) gets JSON; the page's script asks for HTML by name. */
const OFFERS = [
  { type: "application/json", params: [["charset", "utf-8"]] as [string, string][], kind: "json" as const },
  { type: "text/html", params: [["charset", "utf-8"]] as [string, string][], kind: "html" as const },
];
const SINCE = /^(0|[1-9]\d{0,8})$/;
/** A fragment is never a page: nothing in it may load or run anything. */
const FRAGMENT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The HTML fragment: a `<div>` with the cursor and the removed numbers, then each update as the page shows it. */
async function fragment(page: UpdatesPage, lang: string): Promise<string> {
  const now = Date.now();
  const items = await Promise.all(page.updates.map((u) => Promise.resolve(UpdateItem({ update: u, lang, now })!.toString())));
  const removed = page.removed.join(" ");
  return `<div class="updates-since" data-cursor="${page.cursor}" data-removed="${removed}">${items.join("")}</div>`;
}

async function updates(c: Ctx): Promise<Response> {
  const id = c.req.param("id") ?? "";
  if (!ARTICLE_ID.test(id)) return error(c, 404);
  const sinceParam = c.req.query("since") ?? "0";
  if (!SINCE.test(sinceParam)) return error(c, 400, {}, {}, "`since` must be a whole number from 0 (the `cursor` of the last answer).");
  const since = Number(sinceParam);
  const offer = negotiateCached(c.req.header("accept"), OFFERS);
  if (!offer) return error(c, 406);
  c.set("kind", offer.kind);
  const { site } = c.var;
  const path = `/api/v1/articles/${id}/updates`;
  return serve(c, {
    key: resourceKey({ type: "live-updates", id, since }),
    variant: offer.kind,
    build: async () => {
      const found = await c.var.services.reads.article(c.env.NEWS, id);
      if (!found) return null;
      const live = found.live ?? null;
      const page: UpdatesPage = {
        id,
        live,
        cursor: live ? liveCursor(found) : 0,
        updates: live ? updateViews(found.updates, site.origin + articlePath(found)).filter((u) => u.seq > since) : [],
        removed: live ? (found.removed ?? []).filter((r) => r.seq > since).map((r) => r.n) : [],
      };
      const spec = { path, canonical: site.canonicalOrigin + path, lastModified: Date.parse(found.modified) };
      if (offer.kind === "json")
        return entryFrom(JSON.stringify(page), "application/json; charset=utf-8", "json", { ...spec, headers: apiHeaders(LIVE_UPDATES_CACHE) });
      const headers = { ...COMMON_HEADERS, "Content-Security-Policy": FRAGMENT_CSP, "Cache-Control": LIVE_UPDATES_CACHE, Vary: "Accept" };
      // In the language the page speaks (render/article.tsx): the article's, when there is a catalog for it.
      const language = articleLanguage(found, site.language);
      const lang = hasCatalog(language) ? language : site.language;
      return entryFrom(await fragment(page, lang), "text/html; charset=utf-8", "html", { ...spec, headers });
    },
  });
}

export const liveReadRoutes: Route[] = [get("/api/v1/articles/:id/updates", updates)];
