/**
 * @module
 * Site furniture: the favicon, icons and web app manifest, written into public/ from site.toml by
 * `npm run site` and served from Workers Static Assets (`ASSETS`), so their bytes are not in the bundle. The Worker
 * runs first (wrangler.toml `run_worker_first`), so the host policy applies to them as to everything
 * else; the asset service answers `ETag`, `304` and `HEAD`, and this adds the cache policy. The web
 * fonts (public/assets/fonts/, named by their bytes) are served the same way, cached a year.
 */

import type { Handler } from "hono";
import { FONT_CACHE, FURNITURE_CACHE } from "../../shared/freshness/policy.ts";
import { COMMON_HEADERS } from "../http/security.ts";
import { FONT_FILES } from "../render/font-files.ts";
import { FURNITURE_PATHS } from "../render/furniture-links.tsx";
import { LIVE_SCRIPT_PATH } from "../render/live-script.ts";
import { error } from "./answers.ts";
import { type AppEnv } from "./context.ts";
import { get, type Route } from "./route.ts";

/** Serves a furniture file from the static assets, cached a day (a font a year). */
const served =
  (cache: string): Handler<AppEnv> =>
  async (c) => {
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    if (asset.status !== 200 && asset.status !== 304) return error(c, 404);
    const headers = new Headers(asset.headers);
    headers.set("Cache-Control", cache);
    for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
    return new Response(asset.body, { status: asset.status, headers });
  };

export const furnitureRoutes: Route[] = [
  ...FURNITURE_PATHS.map((path) => get(path, served(FURNITURE_CACHE))),
  ...FONT_FILES.map((path) => get(path, served(FONT_CACHE))),
  // An open live story's script (render/live-script.ts): its URL carries its hash, so a new one is a new URL.
  get(LIVE_SCRIPT_PATH, served(FURNITURE_CACHE)),
];
