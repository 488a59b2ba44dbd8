/**
 * @module
 * robots.txt (RFC 9309).
 */

import { absoluteUrl } from "./entries.ts";

/**
 * Allows everything (or, with `disallowAll`, nothing — e.g. for a mirror) and names each sitemap by
 * its absolute URL on `origin`, as the Sitemaps protocol requires.
 */
export function robotsTxt(origin: string, sitemapPaths: readonly string[], options: { disallowAll?: boolean } = {}): string {
  const lines = ["User-agent: *", options.disallowAll ? "Disallow: /" : "Allow: /"];
  if (sitemapPaths.length) lines.push("", ...sitemapPaths.map((path) => `Sitemap: ${absoluteUrl(origin, path)}`));
  return lines.join("\n") + "\n";
}
