/**
 * @module
 * Which host a request arrived on and what to do about it. The table comes from `wrangler.toml`
 * (`CANONICAL_ORIGIN`, `HOSTS`) and is checked once per isolate; nothing here trusts the `Host`
 * header beyond looking it up in that table.
 */

export type HostPolicy = "canonical" | "redirect" | "mirror";
const POLICIES: readonly string[] = ["canonical", "redirect", "mirror"];

export interface HostTable {
  canonicalOrigin: string;
  exact: Map<string, HostPolicy>;
  /** `*.example.com` entries as `[".example.com", policy]`. */
  wildcard: [string, HostPolicy][];
}

export interface HostMatch {
  policy: HostPolicy;
  /** Origin for links and same-host redirects: the canonical origin, or the mirror as configured. */
  origin: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const HOSTNAME = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/;

/** Validates the configuration; every problem names the host or variable at fault. */
export function parseHostTable(canonicalOrigin: unknown, hosts: unknown): HostTable {
  const problems: string[] = [];
  let origin: URL | undefined;
  try {
    origin = new URL(String(canonicalOrigin));
  } catch {
    problems.push(`CANONICAL_ORIGIN ${JSON.stringify(canonicalOrigin)} is not a URL`);
  }
  if (origin && (origin.protocol !== "https:" || origin.origin + "/" !== origin.href || String(canonicalOrigin) !== origin.origin))
    problems.push(`CANONICAL_ORIGIN ${JSON.stringify(canonicalOrigin)} must be an https origin with no path, e.g. "https://www.example.com"`);
  const table: HostTable = { canonicalOrigin: origin?.origin ?? "", exact: new Map(), wildcard: [] };
  if (typeof hosts !== "object" || hosts === null || Array.isArray(hosts)) {
    problems.push("HOSTS must be a table of host = policy");
  } else {
    for (const [host, policy] of Object.entries(hosts)) {
      if (!HOSTNAME.test(host)) problems.push(`HOSTS: "${host}" is not a lower-case host name (no scheme, port or trailing dot)`);
      else if (typeof policy !== "string" || !POLICIES.includes(policy))
        problems.push(`HOSTS: "${host}" has policy ${JSON.stringify(policy)}; use "canonical", "redirect" or "mirror"`);
      else if (policy === "canonical" && host !== origin?.hostname)
        problems.push(`HOSTS: "${host}" is "canonical" but CANONICAL_ORIGIN names ${origin?.hostname ?? "no host"}`);
      else if (host.startsWith("*.")) table.wildcard.push([host.slice(1), policy as HostPolicy]);
      else table.exact.set(host, policy as HostPolicy);
    }
    if (origin && table.exact.get(origin.hostname) !== "canonical")
      problems.push(`HOSTS: "${origin.hostname}" (the host of CANONICAL_ORIGIN) must be listed as "canonical"`);
  }
  if (problems.length) throw new ConfigError(`Invalid host configuration in wrangler.toml:\n- ${problems.join("\n- ")}`);
  return table;
}

export const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])$|^\*\.workers\.dev$/;

/**
 * Deploy-time check: every public host in HOSTS needs a route (or custom domain) in wrangler.toml,
 * or Cloudflare never sends its requests to this Worker. Local and workers.dev hosts need none.
 */
export function unroutedHosts(hosts: unknown, routes: readonly (string | { pattern: string })[]): string[] {
  const routed = new Set(routes.map((r) => (typeof r === "string" ? r : r.pattern).replace(/\/\*?$/, "").toLowerCase()));
  return Object.keys(typeof hosts === "object" && hosts ? hosts : {})
    .filter((host) => !LOCAL_HOST.test(host) && !routed.has(host))
    .map((host) => `HOSTS: "${host}" has no route in wrangler.toml (add { pattern = "${host}", custom_domain = true })`);
}

/** The policy for a request URL, or `undefined` for a host that is not configured (answer 421). */
export function matchHost(url: URL, table: HostTable): HostMatch | undefined {
  const host = url.hostname.replace(/\.+$/, "");
  let policy = table.exact.get(host);
  if (!policy) policy = table.wildcard.find(([suffix]) => host.endsWith(suffix) && host.length > suffix.length)?.[1];
  if (!policy) return undefined;
  if (policy !== "mirror") return { policy, origin: table.canonicalOrigin };
  return { policy, origin: `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}` };
}

/**
 * A path that stays a path when appended to an origin: leading runs of `/` and `\` (which
 * browsers read as `//host`) fold into one `/`. Percent-encoded forms stay encoded and harmless.
 */
export function safePath(pathname: string): string {
  return pathname.replace(/^[/\\]+/, "/");
}

/**
 * RFC 3986 §6.2.2.2: percent-encoded unreserved characters are the same as the characters
 * themselves, so `/%64etail/…` is `/detail/…`. Everything else stays encoded.
 */
export function normalizePath(pathname: string): string {
  return pathname.replace(/%([0-9A-Fa-f]{2})/g, (match, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : match.toUpperCase();
  });
}

/** 301 for GET and HEAD, 308 otherwise so the method and body are kept (RFC 9110 §15.4). */
export function redirectStatus(method: string): 301 | 308 {
  return method === "GET" || method === "HEAD" ? 301 : 308;
}
