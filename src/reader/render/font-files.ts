/**
 * @module
 * Written by `npm run site` (scripts/build/fonts.ts): the web fonts in public/assets/fonts/, named by their bytes.
 * A page preloads its edition's script's regular and bold; the font route serves these files and no other.
 */

export const FONT_PRELOADS = {
  latin: ["/assets/fonts/source-serif-4-latin-400.442e9094f0.woff2", "/assets/fonts/source-serif-4-latin-700.5d22b560b6.woff2"],
  arabic: ["/assets/fonts/vazirmatn-arabic-400.9f925b1459.woff2", "/assets/fonts/vazirmatn-arabic-700.e87069aa07.woff2"],
} as const;

export const FONT_FILES: readonly string[] = [
  "/assets/fonts/source-serif-4-latin-400.442e9094f0.woff2",
  "/assets/fonts/source-serif-4-latin-700.5d22b560b6.woff2",
  "/assets/fonts/source-serif-4-latin-400-italic.5cb59f46ec.woff2",
  "/assets/fonts/source-serif-4-latin-ext-400.09fa0b1178.woff2",
  "/assets/fonts/source-serif-4-latin-ext-700.edb6e73e4e.woff2",
  "/assets/fonts/vazirmatn-arabic-400.9f925b1459.woff2",
  "/assets/fonts/vazirmatn-arabic-700.e87069aa07.woff2",
];
