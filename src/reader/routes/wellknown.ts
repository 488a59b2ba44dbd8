/**
 * @module
 * App links: `/.well-known/assetlinks.json` (Android App Links) and
 * `/.well-known/apple-app-site-association` (iOS Universal Links), generated from `APP_LINKS` in
 * wrangler.toml so the site's article and section URLs open in the apps. No app configured: 404.
 * And IndexNow's key file, `/<key>.txt` (https://www.indexnow.org/documentation): the key, as text,
 * while site.toml's `[indexnow]` is enabled (`INDEXNOW_KEY` set), so a search engine can verify the
 * Newsroom's pings (src/newsroom/pings.ts); any other `.txt` goes on to the routes after.
 */

import { REDIRECT_CACHE } from "../../shared/freshness/policy.ts";
import { appLinks } from "../site/applinks.ts";
import { error } from "./answers.ts";
import { type Ctx, dataHeaders } from "./context.ts";
import { get, type Route } from "./route.ts";

function answer(c: Ctx, body: unknown): Response {
  return c.body(JSON.stringify(body), 200, { ...dataHeaders(REDIRECT_CACHE), "Content-Type": "application/json" });
}

export const wellKnownRoutes: Route[] = [
  get("/:file{[a-zA-Z0-9-]+\\.txt}", async (c, next) => {
    const key = c.env.INDEXNOW_KEY;
    if (!key || c.req.param("file") !== `${key}.txt`) return next();
    return c.body(key, 200, { ...dataHeaders(REDIRECT_CACHE), "Content-Type": "text/plain; charset=utf-8" });
  }),
  get("/.well-known/assetlinks.json", (c) => {
    const { android } = appLinks(c.env);
    if (android.length === 0) return error(c, 404);
    return answer(
      c,
      android.map((a) => ({
        relation: ["delegate_permission/common.handle_all_urls"],
        target: { namespace: "android_app", package_name: a.package, sha256_cert_fingerprints: a.sha256 },
      })),
    );
  }),
  get("/.well-known/apple-app-site-association", (c) => {
    const { ios } = appLinks(c.env);
    if (ios.length === 0) return error(c, 404);
    // Articles and sections open in the app; the API, feeds, search and previews stay on the web.
    const components = [
      { "/": "/Detail/*" },
      { "/": "/api/*", exclude: true },
      { "/": "/preview/*", exclude: true },
      { "/": "/search", exclude: true },
      { "/": "/*.xml", exclude: true },
      { "/": "/*" },
    ];
    return answer(c, { applinks: { details: [{ appIDs: ios, components }] } });
  }),
];
