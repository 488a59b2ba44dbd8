/**
 * @module
 * The site's configuration (wrangler.toml `[vars]`), read once per isolate: the host table every
 * request is matched against, and the site as one origin sees it.
 */

import { appLinks } from "./applinks.ts";
import { type HostTable, parseHostTable } from "./hosts.ts";
import { type SectionNames, sectionNamesOf } from "./section-names.ts";
import { type SectionOrder, sectionOrder } from "./section-order.ts";

/** The site as one origin sees it: what every page, feed and document names. */
export interface Site {
  name: string;
  /** Alternate addresses (host names) linked in the footer and at the end of every article. */
  addresses: string[];
  /** The publisher's apps, linked in the footer when a URL is configured. */
  apps: { name: string; url?: string }[];
  /** Where navigation links point: the canonical origin, or the mirror serving this request. */
  origin: string;
  canonicalOrigin: string;
  /** The iOS app's App Store id, when one is configured (APP_LINKS): pages then offer it. */
  appStoreId?: string;
  /** BCP 47: the language of articles that do not name theirs, and of listings. */
  language: string;
  /** The publisher's logo (https URL), for structured data; absent when none is configured. */
  logo?: string;
  /** The order of sections in menus and on pages (`SITE_SECTIONS`); absent: alphabetical. */
  order?: SectionOrder;
  /** Section names in the site's language (`SECTION_NAMES`), for what pages show. */
  sectionNames?: SectionNames;
}

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

/** `SITE_ADDRESSES`: host names (anything else is left out; an empty list is typed `unknown[]`). */
export function addressesOf(config: readonly unknown[]): string[] {
  return config.filter((a): a is string => typeof a === "string" && a !== "");
}

const sites = new Map<string, { source: Env; site: Site }>();
/** The site as seen from one origin; built once per origin per isolate. */
export function siteFor(env: Env, origin: string, canonicalOrigin: string): Site {
  const known = sites.get(origin);
  if (known?.source === env && known.site.canonicalOrigin === canonicalOrigin) return known.site;
  const appStoreId = appLinks(env).iosStoreId;
  const site: Site = {
    name: env.SITE_NAME,
    addresses: addressesOf(env.SITE_ADDRESSES),
    apps: appsOf(env.SITE_APPS),
    origin,
    canonicalOrigin,
    language: env.SITE_LANGUAGE || "en",
    order: sectionOrder(env.SITE_SECTIONS),
    sectionNames: sectionNamesOf((env as { SECTION_NAMES?: unknown }).SECTION_NAMES, env.SITE_LANGUAGE || "en"),
    ...(/^https:\/\/\S+$/.test(env.SITE_LOGO ?? "") && { logo: env.SITE_LOGO }),
    ...(appStoreId && { appStoreId }),
  };
  if (sites.size > 100) sites.clear();
  sites.set(origin, { source: env, site });
  return site;
}
