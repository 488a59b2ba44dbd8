/**
 * @module
 * The site's configuration (wrangler.toml `[vars]`), read once per isolate: the host table every
 * request is matched against, and the site as one origin sees it.
 */

import { appLinks } from "./http/applinks.ts";
import { type HostTable, parseHostTable } from "./http/hosts.ts";
import { sectionOrder } from "./model/section-order.ts";
import type { Site } from "./views.ts";

let hostTable: { source: unknown; table: HostTable } | undefined;
/** The host table, parsed once per isolate (again only if the configuration object changes). */
export function hosts(env: Env): HostTable {
  if (hostTable?.source !== env.HOSTS) hostTable = { source: env.HOSTS, table: parseHostTable(env.CANONICAL_ORIGIN, env.HOSTS) };
  return hostTable.table;
}

/** `SITE_APPS` entries: a name, or `{ name, url }` with an https URL (anything else is shown as its name only). */
export function appsOf(config: readonly unknown[]): Site["apps"] {
  return config.flatMap((a) => {
    if (typeof a === "string") return [{ name: a }];
    const { name, url } = (a ?? {}) as { name?: unknown; url?: unknown };
    if (typeof name !== "string" || !name) return [];
    return [{ name, ...(typeof url === "string" && /^https:\/\/[^\s"<>]+$/.test(url) && { url }) }];
  });
}

const sites = new Map<string, { source: Env; site: Site }>();
/** The site as seen from one origin; built once per origin per isolate. */
export function siteFor(env: Env, origin: string, canonicalOrigin: string): Site {
  const known = sites.get(origin);
  if (known?.source === env && known.site.canonicalOrigin === canonicalOrigin) return known.site;
  const appStoreId = appLinks(env).iosStoreId;
  const site: Site = {
    name: env.SITE_NAME,
    addresses: [...env.SITE_ADDRESSES],
    apps: appsOf(env.SITE_APPS),
    origin,
    canonicalOrigin,
    language: env.SITE_LANGUAGE || "en",
    order: sectionOrder(env.SITE_SECTIONS),
    ...(/^https:\/\/\S+$/.test(env.SITE_LOGO ?? "") && { logo: env.SITE_LOGO }),
    ...(appStoreId && { appStoreId }),
  };
  if (sites.size > 100) sites.clear();
  sites.set(origin, { source: env, site });
  return site;
}
