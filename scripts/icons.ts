/**
 * @module
 * `npm run icons`: writes the site furniture into public/ (served as Workers Static Assets, see
 * wrangler.toml `[assets]`): icon.svg, the PNG icons and favicon.ico rendered from it with sharp,
 * and manifest.webmanifest from wrangler.toml's SITE_NAME and SITE_LANGUAGE. The results are
 * committed; `npm run icons -- --check` (run by `npm run check`) fails when the SVG or the manifest
 * differ from what this script writes (the PNGs are not compared: libvips versions may encode the same
 * pixels differently).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { unstable_readConfig } from "wrangler";

export const PUBLIC_DIR = "public";
/** The brand colour: the light theme's link colour in public/site.css. */
const BRAND = "#0b4f9c";
/** The page backgrounds in public/site.css, light and dark. */
export const THEME = { light: "#ffffff", dark: "#121212" } as const;

/**
 * The mark: a white front page — headline, photo, columns — drawn with paths (no text, so no font is
 * needed to rasterise it) on a square of the brand colour. `rounded` for the icon as shown (favicon, SVG, "any" icons); square
 * corners for a maskable icon and the Apple touch icon, whose platform applies its own mask. The
 * glyph lies within 170 units of the centre, inside a maskable icon's safe zone (a circle of radius
 * 40 % = 204.8 of 512; https://www.w3.org/TR/appmanifest/#icon-masks).
 */
export function mark(rounded: boolean): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512"${rounded ? ' rx="96"' : ""} fill="${BRAND}"/><path fill="#fff" d="M136 136H376V184H136ZM136 216H240V312H136ZM272 216H376V240H272ZM272 252H376V276H272ZM272 288H376V312H272ZM136 344H376V368H136Z"/></svg>\n`;
}

export interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** The web app manifest (https://www.w3.org/TR/appmanifest/). */
export function manifest(name: string, language: string): string {
  const icons: ManifestIcon[] = [
    { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
    { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ];
  const body = {
    id: "/",
    name,
    short_name: name,
    start_url: "/",
    scope: "/",
    // The browser's back and reload stay (the pages have no controls of their own for that).
    display: "minimal-ui",
    lang: language,
    dir: "auto",
    theme_color: THEME.light,
    background_color: THEME.light,
    icons,
  };
  return JSON.stringify(body, null, 2) + "\n";
}

/**
 * An ICO file holding PNG images (PNG-in-ICO, read by every browser since IE 9). Hand-written: the
 * container is a 6-byte header and a 16-byte entry per image before the PNGs themselves
 * (https://learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10)); a package for that would
 * be larger than this function.
 */
export function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size % 256, entry); // width; 0 means 256
    header.writeUInt8(size % 256, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

function png(svg: string, size: number): Promise<Buffer> {
  // Rendered at the target size (density scales the 512-unit viewBox), not downscaled from a large bitmap.
  return sharp(Buffer.from(svg), { density: (72 * size) / 512 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: size <= 32 ? false : true, effort: 10 })
    .toBuffer();
}

function siteVars(): { name: string; language: string } {
  const vars = unstable_readConfig({ config: "wrangler.toml" }).vars as Record<string, unknown>;
  return { name: String(vars.SITE_NAME), language: String(vars.SITE_LANGUAGE || "en") };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const { name, language } = siteVars();
  const text: Record<string, string> = { "icon.svg": mark(true), "manifest.webmanifest": manifest(name, language) };
  if (values.check) {
    const stale = Object.entries(text).filter(([file, want]) => readFileSync(join(PUBLIC_DIR, file), "utf8") !== want);
    if (stale.length) {
      console.error(`${stale.map(([f]) => `${PUBLIC_DIR}/${f}`).join(", ")} out of date: run npm run icons`);
      process.exit(1);
    }
    console.log(`${PUBLIC_DIR}/: icon.svg and manifest.webmanifest up to date`);
    return;
  }
  const square = mark(false);
  const files: Record<string, Buffer> = {
    ...Object.fromEntries(Object.entries(text).map(([f, t]) => [f, Buffer.from(t)])),
    "favicon.ico": ico([
      { size: 16, png: await png(text["icon.svg"]!, 16) },
      { size: 32, png: await png(text["icon.svg"]!, 32) },
    ]),
    "apple-touch-icon.png": await png(square, 180),
    "icon-192.png": await png(text["icon.svg"]!, 192),
    "icon-512.png": await png(text["icon.svg"]!, 512),
    "icon-maskable-512.png": await png(square, 512),
  };
  for (const [file, bytes] of Object.entries(files)) {
    writeFileSync(join(PUBLIC_DIR, file), bytes);
    console.log(`${PUBLIC_DIR}/${file}  ${bytes.length} bytes`);
  }
}

await main();
