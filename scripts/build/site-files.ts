/**
 * @module
 * What `npm run site` writes from site.toml (scripts/build/site-config.ts): the two marked blocks of
 * wrangler.toml — `routes`, and `[vars]` with the tables the Worker reads (`CONTENT_SIGNAL`, `HOSTS`,
 * `APP_LINKS`) —, the `[vars]` block of newsroom.wrangler.toml (the origin, the backups' retention, IndexNow and WebSub),
 * and the colour properties of public/site.css. Each function takes the file as it is
 * and returns it as it should be, so `--check` compares the two and writing changes nothing else.
 * TOML is written by hand (strings as JSON, which TOML's basic strings read the same): smol-toml's
 * `stringify` cannot put a table's keys in the order, and with the comments, a reader expects.
 */

import { DEFAULT_BACKUP_NIGHTS, offeredAddresses, siteRoutes, type SiteConfig } from "./site-config.ts";

const BEGIN = (block: string) => `# >>> ${block}: written by \`npm run site\` from site.toml (edit that file, not this block)`;
const END = (block: string) => `# <<< ${block}`;

const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

/** A TOML value: strings, numbers, booleans, arrays and inline tables. */
export function tomlValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(", ")}]`;
  if (typeof v === "object" && v !== null)
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${key(k)} = ${tomlValue(x)}`)
      .join(", ")} }`;
  throw new TypeError(`cannot write ${String(v)} as TOML`);
}

const table = (name: string, entries: Record<string, unknown>) => [`[${name}]`, ...Object.entries(entries).map(([k, v]) => `${key(k)} = ${tomlValue(v)}`)];

/** `[vars.SECTION_NAMES.<language>]` tables, each followed by a blank line (an empty `[vars.SECTION_NAMES]` when there are none). */
function sectionNameTables(site: SiteConfig): string[] {
  const languages = Object.entries(site.section_names ?? {});
  if (languages.length === 0) return ["[vars.SECTION_NAMES]", ""];
  return languages.flatMap(([language, names]) => [...table(`vars.SECTION_NAMES.${language}`, names), ""]);
}

/** IndexNow's key while it is enabled; empty (off) otherwise. */
const indexNowKey = (site: SiteConfig) => (site.indexnow?.enabled ? site.indexnow.key : "");
const DEFAULT_INDEXNOW_ENDPOINT = "https://api.indexnow.org/indexnow";

/** The blocks' text, between their markers. */
export function wranglerBlocks(site: SiteConfig): Record<"routes" | "vars", string[]> {
  const routes = siteRoutes(site);
  return {
    routes: routes.length ? ["routes = [", ...routes.map((r) => `  ${tomlValue(r)},`), "]"] : ["routes = []"],
    vars: [
      ...table("vars", {
        CANONICAL_ORIGIN: site.origin,
        SITE_NAME: site.name,
        // Those that serve the site: not one that only redirects (offeredAddresses).
        SITE_ADDRESSES: offeredAddresses(site).addresses,
        SITE_APPS: site.apps,
        SITE_SECTIONS: site.sections,
        SITE_LANGUAGE: site.language,
        SITE_LOGO: site.logo,
        SITE_TWITTER: site.social.twitter,
        // The key file (/<key>.txt) and the feeds' rel="hub": only while each is on.
        INDEXNOW_KEY: indexNowKey(site),
        WEBSUB_HUB: site.websub?.hub ?? "",
      }),
      "",
      ...table("vars.CONTENT_SIGNAL", site.content_signal),
      "",
      ...sectionNameTables(site),
      ...table("vars.HOSTS", site.hosts),
      "",
      ...table("vars.APP_LINKS", site.app_links),
    ],
  };
}

/** newsroom.wrangler.toml's block: what the Newsroom Worker needs of site.toml. */
export function newsroomBlocks(site: SiteConfig): Record<"vars", string[]> {
  return {
    vars: table("vars", {
      CANONICAL_ORIGIN: site.origin,
      BACKUP_NIGHTS: site.backups?.nights ?? DEFAULT_BACKUP_NIGHTS,
      INDEXNOW_KEY: indexNowKey(site),
      INDEXNOW_ENDPOINT: site.indexnow?.endpoint ?? DEFAULT_INDEXNOW_ENDPOINT,
      WEBSUB_HUB: site.websub?.hub ?? "",
    }),
  };
}

/** `text` (of the file `file`) with each block replaced between its markers; throws when a marker is missing. */
function withBlocks(text: string, blocks: Record<string, string[]>, file: string): string {
  let out = text;
  for (const [block, lines] of Object.entries(blocks)) {
    const begin = out.indexOf(BEGIN(block));
    const end = out.indexOf(END(block), begin);
    if (begin < 0 || end < 0) throw new Error(`${file}: the lines "${BEGIN(block)}" and "${END(block)}" must mark where site.toml's ${block} go`);
    out = out.slice(0, begin) + [BEGIN(block), ...lines, ""].join("\n") + out.slice(end);
  }
  return out;
}

/** wrangler.toml with both blocks replaced; throws when a marker is missing. */
export function withSiteBlocks(wrangler: string, site: SiteConfig): string {
  return withBlocks(wrangler, wranglerBlocks(site), "wrangler.toml");
}

/** newsroom.wrangler.toml with its `[vars]` block replaced. */
export function withNewsroomBlocks(newsroom: string, site: SiteConfig): string {
  return withBlocks(newsroom, newsroomBlocks(site), "newsroom.wrangler.toml");
}

/** public/site.css with the colour properties of both schemes set from site.toml (the first `:root` rule of each). */
export function withSiteColours(css: string, site: SiteConfig): string {
  const { link, accent, link_dark, accent_dark } = site.colours;
  const set = (rule: string, l: string, a: string) => rule.replace(/--link:#[0-9a-f]{6}/i, `--link:${l}`).replace(/--brand:#[0-9a-f]{6}/i, `--brand:${a}`);
  const lines = css.split("\n");
  const light = lines.findIndex((l) => l.startsWith(":root{"));
  const dark = lines.findIndex((l) => l.startsWith("@media (prefers-color-scheme:dark){:root{"));
  if (light < 0 || dark < 0) throw new Error("public/site.css: the light :root rule and the dark scheme's must each open a line");
  lines[light] = set(lines[light], link, accent);
  lines[dark] = set(lines[dark], link_dark, accent_dark);
  return lines.join("\n");
}
