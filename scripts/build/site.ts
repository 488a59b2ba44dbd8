/**
 * @module
 * `npm run site [-- --check]`: makes the service the site site.toml describes. Checks site.toml
 * (scripts/build/site-config.ts) and writes what follows from it: wrangler.toml's marked `routes` and
 * `[vars]` blocks, newsroom.wrangler.toml's `[vars]`, the link and accent colours in public/site.css, the furniture in public/ (icons
 * in its icon colour, the manifest with its name and language), and the subset web fonts (fonts.ts). With `--check` (run by `npm run
 * check`) it writes nothing and exits 1 if site.toml has a problem or any of those is out of date.
 * Either way it warns of what readers would be poorly served by (an alternate address that only redirects).
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fontFiles } from "./fonts.ts";
import { parseArgs } from "node:util";
import { furniture, PUBLIC_DIR, textFurniture } from "./icons.ts";
import { offeredAddresses, readSite, SITE_FILE } from "./site-config.ts";
import { withNewsroomBlocks, withSiteBlocks, withSiteColours } from "./site-files.ts";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
let site;
try {
  site = readSite();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
// Not errors: the choice is the publisher's, but it should know what readers get.
for (const warning of offeredAddresses(site).warnings) console.warn(`${SITE_FILE}: warning: ${warning}`);
const WRANGLER = "wrangler.toml";
const NEWSROOM = "newsroom.wrangler.toml";
const CSS = join(PUBLIC_DIR, "site.css");
const text: Record<string, string> = {
  [WRANGLER]: withSiteBlocks(readFileSync(WRANGLER, "utf8"), site),
  [NEWSROOM]: withNewsroomBlocks(readFileSync(NEWSROOM, "utf8"), site),
  [CSS]: withSiteColours(readFileSync(CSS, "utf8"), site),
  ...Object.fromEntries(Object.entries(textFurniture(site.name, site.language, site.colours.icon)).map(([f, t]) => [join(PUBLIC_DIR, f), t])),
};

const fonts = await fontFiles();
/** Font files no longer written (an older subset's hashed names). */
const FONT_DIR = join(PUBLIC_DIR, "assets", "fonts");
const oldFonts = existsSync(FONT_DIR)
  ? readdirSync(FONT_DIR)
      .map((f) => join(FONT_DIR, f))
      .filter((f) => !(f in fonts))
  : [];
const same = (file: string, want: Uint8Array | string) =>
  existsSync(file) && (typeof want === "string" ? readFileSync(file, "utf8") === want : Buffer.compare(readFileSync(file), want) === 0);

if (values.check) {
  const stale = [...Object.entries(text), ...Object.entries(fonts)].filter(([file, want]) => !same(file, want));
  for (const file of oldFonts) stale.push([file, ""]);
  if (stale.length) {
    console.error(`${stale.map(([f]) => f).join(", ")} out of date with ${SITE_FILE}: run npm run site`);
    process.exit(1);
  }
  console.log(`${SITE_FILE}: ${site.name} at ${site.origin}; ${Object.keys(text).join(", ")} and ${Object.keys(fonts).length} font files up to date`);
} else {
  const files = {
    [WRANGLER]: text[WRANGLER],
    [NEWSROOM]: text[NEWSROOM],
    [CSS]: text[CSS],
    ...Object.fromEntries(Object.entries(await furniture(site.name, site.language, site.colours.icon)).map(([f, b]) => [join(PUBLIC_DIR, f), b])),
    ...fonts,
  };
  for (const file of oldFonts) rmSync(file);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    console.log(`${path}  ${bytes.length} bytes`);
  }
}
