/**
 * @module
 * Site furniture: the favicon, icons and web app manifest, written into public/ from site.toml by
 * `npm run site` and served from Workers Static Assets (`ASSETS`), so their bytes are not in the bundle. The Worker
 * runs first (wrangler.toml `run_worker_first`), so the host policy applies to them as to everything
 * else; the asset service answers `ETag`, `304` and `HEAD`, and this adds the cache policy.
 */

import type { Hono } from "hono";
import { FURNITURE_CACHE } from "../cache/policy.ts";
import { FURNITURE_PATHS } from "../render/furniture.tsx";
import { COMMON_HEADERS } from "../http/security.ts";
import { type AppEnv } from "./context.ts";
import { error } from "./answers.ts";

export function furnitureRoutes(app: Hono<AppEnv>): void {
  for (const path of FURNITURE_PATHS) {
    app.get(path, async (c) => {
      const asset = await c.env.ASSETS.fetch(c.req.raw);
      if (asset.status !== 200 && asset.status !== 304) return error(c, 404);
      const headers = new Headers(asset.headers);
      headers.set("Cache-Control", FURNITURE_CACHE);
      for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
      return new Response(asset.body, { status: asset.status, headers });
    });
  }
}
