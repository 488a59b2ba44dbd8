/**
 * @module
 * The `<head>` tags that name the site furniture (served by src/reader/routes/furniture.ts from public/,
 * written by `npm run icons`): favicon, SVG icon, Apple touch icon, web app manifest and the browser
 * chrome's colour for light and dark pages.
 */

import type { Site } from "../site/config.ts";

/** Every furniture URL; the manifest names the PNG icons. */
export const FURNITURE_PATHS = [
  "/favicon.ico",
  "/icon.svg",
  "/apple-touch-icon.png",
  "/icon-192.png",
  "/icon-512.png",
  "/icon-maskable-512.png",
  "/manifest.webmanifest",
] as const;

/** The page backgrounds of public/site.css, light and dark, for `theme-color`. */
const THEME = { light: "#ffffff", dark: "#121212" } as const;

// `site` is unused for now: the URLs are root-relative, so they stay on the host that served the page.
export function Furniture(_: { site: Site }) {
  return (
    <>
      <link rel="icon" href="/favicon.ico" sizes="32x32" />
      <link rel="icon" href="/icon.svg" type="image/svg+xml" />
      <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
      <link rel="manifest" href="/manifest.webmanifest" />
      <meta name="theme-color" media="(prefers-color-scheme: light)" content={THEME.light} />
      <meta name="theme-color" media="(prefers-color-scheme: dark)" content={THEME.dark} />
    </>
  );
}
