/**
 * @module
 * The site furniture `npm run site` writes into public/ (served as Workers Static Assets, see
 * wrangler.toml `[assets]`): icon.svg in site.toml's icon colour, the PNG icons and favicon.ico
 * rendered from it with sharp, and manifest.webmanifest with site.toml's name and language. The
 * results are committed; `npm run check` compares the SVG and the manifest (not the PNGs: libvips
 * versions may encode the same pixels differently).
 */

import sharp from "sharp";

export const PUBLIC_DIR = "public";
/** The page backgrounds in public/site.css, light and dark. */
export const THEME = { light: "#ffffff", dark: "#121212" } as const;

/**
 * The mark: a white front page — headline, photo, columns — drawn with paths (no text, so no font is
 * needed to rasterise it) on a square of the icon colour (site.toml `colours.icon`). `rounded` for the icon as shown (favicon, SVG, "any" icons); square
 * corners for a maskable icon and the Apple touch icon, whose platform applies its own mask. The
 * glyph lies within 170 units of the centre, inside a maskable icon's safe zone (a circle of radius
 * 40 % = 204.8 of 512; https://www.w3.org/TR/appmanifest/#icon-masks).
 */
export function mark(rounded: boolean, colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512"${rounded ? ' rx="96"' : ""} fill="${colour}"/><path fill="#fff" d="M136 136H376V184H136ZM136 216H240V312H136ZM272 216H376V240H272ZM272 252H376V276H272ZM272 288H376V312H272ZM136 344H376V368H136Z"/></svg>\n`;
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

/** The text files among the furniture: compared by `npm run check`. */
export function textFurniture(name: string, language: string, colour: string): Record<string, string> {
  return { "icon.svg": mark(true, colour), "manifest.webmanifest": manifest(name, language) };
}

/** Every file of the furniture, the PNGs and favicon.ico rendered from the mark at each size. */
export async function furniture(name: string, language: string, colour: string): Promise<Record<string, Buffer>> {
  const text = textFurniture(name, language, colour);
  const round = text["icon.svg"]!;
  const square = mark(false, colour);
  return {
    ...Object.fromEntries(Object.entries(text).map(([f, t]) => [f, Buffer.from(t)])),
    "favicon.ico": ico([
      { size: 16, png: await png(round, 16) },
      { size: 32, png: await png(round, 32) },
    ]),
    "apple-touch-icon.png": await png(square, 180),
    "icon-192.png": await png(round, 192),
    "icon-512.png": await png(round, 512),
    "icon-maskable-512.png": await png(square, 512),
  };
}
