/**
 * @module
 * The breaking-news banner's API (issue 38): `GET /api/v1/banner` for apps (the banner or null, through
 * the cache layers like any document the Newsroom writes), `PUT` and `DELETE` for editors (a bearer
 * token, or the desk's session with its CSRF token; never a contributor). The Newsroom checks the
 * banner and commits it as `v1:banner`, which every page reads: a change purges every page copy here
 * once KV has it, and reaches every other location through the change channel.
 */

import { BANNER_CACHE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import { type BannerDocument, liveBanner } from "../../shared/model/banner.ts";
import { preferredWait } from "../http/prefer.ts";
import { newsroom } from "../newsroom-client.ts";
import { readBanner } from "../read/store.ts";
import { expiresAt } from "../read/kv.ts";
import type { Site } from "../site/config.ts";
import { entryFrom } from "../views/represent.ts";
import { error } from "./answers.ts";
import { serve } from "./cached.ts";
import { acceptsJson, apiHeaders, type Ctx } from "./context.ts";
import { privateHeaders, writer } from "./editor-auth.ts";
import { forget, invalid, jsonBody } from "./publishing.ts";
import { del, get, put, type Route } from "./route.ts";

const JSON_TYPE = "application/json; charset=utf-8";
/** A banner is a line, a link and a date: 4 KiB is plenty (413 over it). */
const MAX_BANNER_BYTES = 4_096;
const EDITORS_ONLY = "The breaking-news banner is set and cleared by editors, not contributors.";

/** The banner as apps see it: its text, its link made absolute on the canonical origin, its expiry and when it was set. */
function bannerView(doc: BannerDocument | null, site: Site) {
  if (!doc) return { banner: null };
  const link = doc.link && (doc.link.startsWith("/") ? site.canonicalOrigin + doc.link : doc.link);
  return { banner: { text: doc.text, ...(link && { link }), expires: doc.expires, set: doc.set } };
}

/** `GET /api/v1/banner`: `{ banner: { text, link?, expires, set } | null }`; an expired banner is null whatever KV still holds. */
async function current(c: Ctx): Promise<Response> {
  if (!acceptsJson(c)) return error(c, 406);
  const site = c.var.site;
  return serve(c, {
    key: resourceKey({ type: "banner" }),
    variant: "json",
    build: async () => {
      const banner = liveBanner(await readBanner(c.env.NEWS), Date.now());
      // Not served past its expiry, whether or not the Newsroom's removal has arrived.
      if (banner) expiresAt(Date.parse(banner.expires));
      return entryFrom(JSON.stringify(bannerView(banner, site)), JSON_TYPE, "json", {
        path: "/api/v1/banner",
        headers: apiHeaders(BANNER_CACHE),
        canonical: `${site.canonicalOrigin}/api/v1/banner`,
      });
    },
  });
}

/** `PUT /api/v1/banner` `{ text, link?, expires }` (200 with the banner), `DELETE` (204); `Prefer: wait` as for articles. */
async function change(c: Ctx, clear: boolean): Promise<Response> {
  const name = await writer(c);
  if (typeof name !== "string") return name;
  if (c.var.role === "contributor") return error(c, 403, {}, {}, EDITORS_ONLY);
  const body = clear ? null : await jsonBody(c, MAX_BANNER_BYTES);
  if (body instanceof Response) return body;
  const wait = preferredWait(c.req.header("prefer"));
  const result = await newsroom(c.env).setBanner(body, name, wait === undefined ? {} : { waitMs: wait * 1000 });
  if (result.status === 422) return invalid(c, result.errors);
  await forget(c, result, wait !== undefined);
  const headers = privateHeaders({
    "Newsroom-Read-Model": `pending=${result.pending}`,
    ...(wait !== undefined && { "Preference-Applied": `wait=${wait}` }),
  });
  if (clear) return c.body(null, 204, headers);
  return c.body(JSON.stringify(bannerView(result.banner, c.var.site)), 200, { ...headers, "Content-Type": JSON_TYPE });
}

export const bannerRoutes: Route[] = [
  get("/api/v1/banner", current),
  put("/api/v1/banner", (c) => change(c, false)),
  del("/api/v1/banner", (c) => change(c, true)),
];
