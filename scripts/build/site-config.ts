/**
 * @module
 * site.toml, the one file that makes this service a given publisher's site: read, checked (with the
 * same checks the Worker makes at run time, so a mistake fails `npm run check`, not a request), and
 * turned into what follows from it — the marked blocks of wrangler.toml (`routes`, `[vars]`), the
 * colour properties of public/site.css, and the icons' colour. Build-time only: the Worker reads the
 * `[vars]` this writes, never site.toml.
 */

import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { appsOf } from "../../src/reader/site/config.ts";
import { appLinks } from "../../src/reader/site/applinks.ts";
import { contentSignal } from "../../src/reader/http/content-signal.ts";
import { LOCAL_HOST, matchHost, parseHostTable } from "../../src/reader/site/hosts.ts";
import { sectionNamesProblems } from "../../src/reader/site/section-names.ts";
import { THEME } from "./icons.ts";

export const SITE_FILE = "site.toml";

export interface SiteColours {
  link: string;
  accent: string;
  link_dark: string;
  accent_dark: string;
  icon: string;
}

export interface SiteConfig {
  name: string;
  origin: string;
  language: string;
  logo: string;
  sections: string[];
  addresses: string[];
  apps: (string | { name: string; url?: string })[];
  colours: SiteColours;
  social: { twitter: string };
  hosts: Record<string, string>;
  app_links: Record<string, unknown>;
  content_signal: Record<string, string>;
  /** Section names per language (`[section_names.fa]`: path = name) for that language's edition. */
  section_names?: Record<string, Record<string, string>>;
  /** The Newsroom's snapshots (docs/backups.md): nights kept; absent, `DEFAULT_BACKUP_NIGHTS`. */
  backups?: { nights: number };
  /** IndexNow (src/newsroom/pings.ts): off unless `enabled`, with a key. */
  indexnow?: { enabled: boolean; key: string; endpoint?: string };
  /** WebSub: the hub's URL, or empty for none. */
  websub?: { hub: string };
}

export const DEFAULT_BACKUP_NIGHTS = 30;

/** WCAG 2.2 §1.4.3 (text) and §1.4.11 (graphics: the icon's white mark on its square). */
const TEXT_CONTRAST = 4.5;
const GRAPHIC_CONTRAST = 3;
const COLOUR = /^#[0-9a-f]{6}$/i;

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** Every problem with a parsed site.toml, each naming its field; empty when it is good. */
export function siteProblems(raw: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const s = raw as Partial<SiteConfig>;
  if (typeof s.name !== "string" || !s.name.trim()) problems.push("name: must be the publication's name");
  try {
    parseHostTable(s.origin, s.hosts);
  } catch (err) {
    // One line per problem after a heading that names wrangler.toml, where the Worker meets them.
    const lines = (err as Error).message.split("\n").filter((l) => l.startsWith("- "));
    problems.push(...lines.map((l) => l.slice(2).replaceAll("CANONICAL_ORIGIN", "origin").replaceAll("HOSTS", "hosts")));
  }
  try {
    if (typeof s.language !== "string" || Intl.getCanonicalLocales(s.language).length !== 1) throw new Error();
  } catch {
    problems.push(`language: ${JSON.stringify(s.language)} is not a BCP 47 language tag (e.g. "en", "fa")`);
  }
  if (typeof s.logo !== "string" || (s.logo !== "" && !/^https:\/\/\S+$/.test(s.logo))) problems.push("logo: must be an https URL, or empty");
  if (!isStrings(s.sections)) problems.push("sections: must be a list of section paths");
  if (!isStrings(s.addresses)) problems.push("addresses: must be a list of host names");
  problems.push(...sectionNamesProblems(s.section_names));
  // The Worker's own reading (src/reader/site/config.ts): it drops an app without a name and a url that is not https.
  const apps = s.apps;
  const kept = Array.isArray(apps) ? appsOf(apps) : [];
  if (!Array.isArray(apps) || kept.length !== apps.length || kept.some((app, i) => typeof apps[i] === "object" && apps[i].url !== undefined && !app.url))
    problems.push('apps: each must be a name, or { name = "…", url = "https://…" }');
  const colours = (s.colours ?? {}) as Partial<SiteColours>;
  const pages: [keyof SiteColours, string][] = [
    ["link", THEME.light],
    ["accent", THEME.light],
    ["link_dark", THEME.dark],
    ["accent_dark", THEME.dark],
    ["icon", "#ffffff"],
  ];
  for (const [key, background] of pages) {
    const value = colours[key];
    if (typeof value !== "string" || !COLOUR.test(value)) {
      problems.push(`colours.${key}: must be a colour as #rrggbb`);
      continue;
    }
    const need = key === "icon" ? GRAPHIC_CONTRAST : TEXT_CONTRAST;
    const ratio = contrast(value, background);
    if (ratio < need) problems.push(`colours.${key}: ${value} on ${background} has contrast ${ratio.toFixed(2)}:1; WCAG asks at least ${need}:1`);
  }
  const twitter = s.social?.twitter;
  if (typeof twitter !== "string" || (twitter !== "" && !/^@\w{1,15}$/.test(twitter)))
    problems.push('social.twitter: must be an X handle such as "@name", or empty');
  const links = s.app_links;
  if (typeof links !== "object" || links === null) problems.push("app_links: must be a table");
  else {
    const kept = appLinks({ APP_LINKS: links } as unknown as Env);
    const given = { android: Array.isArray(links.android) ? links.android.length : 0, ios: Array.isArray(links.ios) ? links.ios.length : 0 };
    if (kept.android.length !== given.android || kept.ios.length !== given.ios || ("ios_store_id" in links && !kept.iosStoreId))
      problems.push("app_links: an entry is not well formed (an Android package with SHA-256 fingerprints, an iOS TEAMID.bundle id, a numeric ios_store_id)");
  }
  const nights = s.backups?.nights;
  if (s.backups !== undefined && !(Number.isInteger(nights) && nights! >= 1 && nights! <= 3650))
    problems.push("backups.nights: must be a whole number of nights from 1 to 3650");
  problems.push(...pingProblems(s));
  try {
    contentSignal(s.content_signal);
  } catch (err) {
    problems.push((err as Error).message.replace("CONTENT_SIGNAL", "content_signal"));
  }
  return problems;
}

const isUrl = (v: unknown, https = true) => typeof v === "string" && URL.canParse(v) && (!https || new URL(v).protocol === "https:");

/** `[indexnow]` and `[websub]` (src/newsroom/pings.ts): both optional, off by default. */
function pingProblems(s: Partial<SiteConfig>): string[] {
  const problems: string[] = [];
  const i = s.indexnow;
  if (i !== undefined) {
    if (typeof i.enabled !== "boolean") problems.push("indexnow.enabled: must be true or false");
    if (typeof i.key !== "string" || (i.key !== "" && !/^[a-zA-Z0-9-]{8,128}$/.test(i.key)))
      problems.push('indexnow.key: must be 8 to 128 of a-z, A-Z, 0-9 and "-" (or empty while disabled)');
    else if (i.enabled === true && i.key === "") problems.push("indexnow.key: needed when enabled");
    if (i.endpoint !== undefined && !isUrl(i.endpoint)) problems.push("indexnow.endpoint: must be an https URL");
  }
  const hub = s.websub?.hub;
  if (s.websub !== undefined && !(hub === "" || isUrl(hub))) problems.push("websub.hub: must be an https URL, or empty");
  return problems;
}

/** site.toml, parsed and checked; throws with every problem listed. */
export function readSite(path = SITE_FILE): SiteConfig {
  let raw: Record<string, unknown>;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
  const problems = siteProblems(raw);
  if (problems.length) throw new Error(problems.map((p) => `${path}: ${p}`).join("\n"));
  return raw as unknown as SiteConfig;
}

/**
 * The alternate addresses the pages offer (wrangler.toml's `SITE_ADDRESSES`), and a warning for each of
 * site.toml's that readers would be poorly served by. One that only redirects to `origin` is left out:
 * a site names other addresses for readers who cannot reach its origin, and a redirect sends them
 * there. It stays the publisher's choice — make the host a `mirror` and it is offered. One this Worker
 * does not answer for (not in `[hosts]`: a 421 here) is kept, since something else may serve it, but
 * named.
 */
export function offeredAddresses(site: SiteConfig): { addresses: string[]; warnings: string[] } {
  const table = parseHostTable(site.origin, site.hosts);
  const addresses: string[] = [];
  const warnings: string[] = [];
  for (const address of site.addresses) {
    const policy = URL.canParse(`https://${address}/`) ? matchHost(new URL(`https://${address}/`), table)?.policy : undefined;
    if (policy === "redirect") {
      warnings.push(
        `addresses: ${address} only redirects to ${site.origin} ([hosts] policy "redirect"), so the pages do not offer it: a reader who cannot reach ${site.origin} cannot follow it. Make it a "mirror" in [hosts] to offer it.`,
      );
      continue;
    }
    if (!policy) warnings.push(`addresses: ${address} is not in [hosts], so this Worker answers it 421; the pages offer it, as something else must serve it.`);
    addresses.push(address);
  }
  return { addresses, warnings };
}

/**
 * wrangler.toml's routes for the hosts: a custom domain for each public host, a zone route
 * (`*.example.com/*` in zone example.com) for a public wildcard; local hosts need none.
 */
export function siteRoutes(site: SiteConfig): Record<string, unknown>[] {
  return Object.keys(site.hosts)
    .filter((host) => !LOCAL_HOST.test(host))
    .map((host) => (host.startsWith("*.") ? { pattern: `${host}/*`, zone_name: host.slice(2) } : { pattern: host, custom_domain: true }));
}
