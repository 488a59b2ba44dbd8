/**
 * @module
 * `APP_LINKS` from wrangler.toml: the Android and iOS apps that may open the site's links.
 */

export interface AppLinks {
  android: { package: string; sha256: string[] }[];
  ios: string[];
  /** The numeric App Store id, for the Smart App Banner on pages. */
  iosStoreId?: string;
}

const PACKAGE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const APP_ID = /^[A-Z0-9]{10}\.[A-Za-z0-9.-]+$/;

/** The configured apps; entries that are not well formed are left out (so a typo never publishes a broken file). */
export function appLinks(env: Env): AppLinks {
  const raw = (env.APP_LINKS ?? {}) as { android?: unknown; ios?: unknown; ios_store_id?: unknown };
  const android = (Array.isArray(raw.android) ? raw.android : [])
    .filter(
      (a): a is { package: string; sha256: string[] } =>
        typeof a?.package === "string" &&
        PACKAGE.test(a.package) &&
        Array.isArray(a.sha256) &&
        a.sha256.length > 0 &&
        a.sha256.every((f: unknown) => typeof f === "string" && FINGERPRINT.test(f)),
    )
    .map((a) => ({ package: a.package, sha256: a.sha256 }));
  const ios = (Array.isArray(raw.ios) ? raw.ios : []).filter((id): id is string => typeof id === "string" && APP_ID.test(id));
  const iosStoreId = typeof raw.ios_store_id === "string" && /^\d{1,12}$/.test(raw.ios_store_id) ? raw.ios_store_id : undefined;
  return { android, ios, ...(iosStoreId && { iosStoreId }) };
}
