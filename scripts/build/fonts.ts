/**
 * @module
 * The web fonts `npm run site` writes into public/assets/fonts/ (`assets` is a reserved section name, so no section
 * page or feed can land on them) (served by src/reader/routes/furniture.ts, named
 * by their bytes so they are cached a year): Source Serif 4 for text in Latin script (regular, bold and
 * italic; its Latin Extended letters in files of their own, fetched only by a page that has them) and
 * Vazirmatn for Persian and Arabic (regular and bold), each subset with subset-font (HarfBuzz) from the
 * @fontsource packages to the letters and OpenType features a news page uses. Beside them:
 * public/fonts.css, the `@font-face` rules the stylesheet inlines before site.css, and
 * src/reader/render/font-files.ts, the files a page preloads and the font route serves.
 *
 * `font-display: optional`: a font that is not there within the first ~100 ms is not swapped in later,
 * so text never moves (CLS 0); the regular and bold of the edition's script are preloaded so they are
 * usually there in time, and the next page has them from the cache. Until then, and when they never
 * come, Source Serif's stand-in is the local Times New Roman (or a metric twin: Liberation Serif, Tinos)
 * scaled by `size-adjust` to Source Serif's average letter width, with its ascent and descent, so the
 * fallback sets nearly the same lines as the font.
 */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as hb from "harfbuzzjs";
import { format, resolveConfig } from "prettier";
import subsetFont from "subset-font";

const SOURCE = "node_modules/@fontsource";
const LATIN_FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"];
const ARABIC_FEATURES = [...LATIN_FEATURES, "isol", "init", "medi", "fina", "rlig", "curs"];

type Range = readonly [number, number];
/** Basic Latin, Latin-1 and the punctuation, currency and symbols of English and French news text. */
const LATIN: Range[] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x131, 0x131],
  [0x152, 0x153],
  [0x2c6, 0x2c6],
  [0x2da, 0x2da],
  [0x2dc, 0x2dc],
  [0x2013, 0x2014],
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x2030, 0x2030],
  [0x2039, 0x203a],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2212, 0x2212],
];
/** Latin Extended-A and -B and Additional: the names of Turkish, Polish, Vietnamese… places and people. */
const LATIN_EXT: Range[] = [
  [0x100, 0x24f],
  [0x1e00, 0x1eff],
];
/** Arabic letters Persian and Arabic use, both kinds of digits, their punctuation, the joiners and direction marks. */
const ARABIC: Range[] = [
  [0x60c, 0x60c],
  [0x61b, 0x61b],
  [0x61f, 0x61f],
  [0x621, 0x63a],
  [0x640, 0x655],
  [0x660, 0x66d],
  [0x670, 0x670],
  [0x67e, 0x67e],
  [0x686, 0x686],
  [0x698, 0x698],
  [0x6a9, 0x6a9],
  [0x6af, 0x6af],
  [0x6c0, 0x6c0],
  [0x6cc, 0x6cc],
  [0x6f0, 0x6f9],
  [0x200c, 0x200f],
];

interface Face {
  family: "Source Serif 4" | "Vazirmatn";
  /** The @fontsource file, under node_modules/@fontsource. */
  from: string;
  weight: 400 | 700;
  style: "normal" | "italic";
  ranges: Range[];
  script: "latin" | "latin-ext" | "arabic";
  /** Preloaded on pages whose edition is in this script. */
  preload?: "latin" | "arabic";
}

const FACES: Face[] = [
  {
    family: "Source Serif 4",
    from: "source-serif-4/files/source-serif-4-latin-400-normal.woff2",
    weight: 400,
    style: "normal",
    ranges: LATIN,
    script: "latin",
    preload: "latin",
  },
  {
    family: "Source Serif 4",
    from: "source-serif-4/files/source-serif-4-latin-700-normal.woff2",
    weight: 700,
    style: "normal",
    ranges: LATIN,
    script: "latin",
    preload: "latin",
  },
  {
    family: "Source Serif 4",
    from: "source-serif-4/files/source-serif-4-latin-400-italic.woff2",
    weight: 400,
    style: "italic",
    ranges: LATIN,
    script: "latin",
  },
  {
    family: "Source Serif 4",
    from: "source-serif-4/files/source-serif-4-latin-ext-400-normal.woff2",
    weight: 400,
    style: "normal",
    ranges: LATIN_EXT,
    script: "latin-ext",
  },
  {
    family: "Source Serif 4",
    from: "source-serif-4/files/source-serif-4-latin-ext-700-normal.woff2",
    weight: 700,
    style: "normal",
    ranges: LATIN_EXT,
    script: "latin-ext",
  },
  {
    family: "Vazirmatn",
    from: "vazirmatn/files/vazirmatn-arabic-400-normal.woff2",
    weight: 400,
    style: "normal",
    ranges: ARABIC,
    script: "arabic",
    preload: "arabic",
  },
  {
    family: "Vazirmatn",
    from: "vazirmatn/files/vazirmatn-arabic-700-normal.woff2",
    weight: 700,
    style: "normal",
    ranges: ARABIC,
    script: "arabic",
    preload: "arabic",
  },
];

/** Times New Roman's average width of a–z, in its 2048 units per em (the figure Next.js's font fallbacks use). */
const TIMES_AZ_AVG = 854.3953488372093 / 2048;

const text = (ranges: Range[]) => ranges.map(([a, b]) => String.fromCodePoint(...Array.from({ length: b - a + 1 }, (_, i) => a + i))).join("");
const hex = (n: number) => n.toString(16).toUpperCase();
const unicodeRange = (ranges: Range[]) => ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(",");
const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;

/** Source Serif's metrics for its stand-in: average a–z width, ascent, descent and line gap, per em. */
async function metrics(font: Uint8Array) {
  const sfnt = await subsetFont(Buffer.from(font), "abcdefghijklmnopqrstuvwxyz", { targetFormat: "sfnt" });
  const face = new hb.Face(new hb.Blob(sfnt));
  const hbFont = new hb.Font(face);
  const upem = face.upem;
  let sum = 0;
  for (const letter of "abcdefghijklmnopqrstuvwxyz") sum += hbFont.glyphHAdvance(hbFont.nominalGlyph(letter.codePointAt(0)!)!);
  const hhea = face.referenceTable("hhea")!;
  const view = new DataView(hhea.buffer, hhea.byteOffset, hhea.byteLength);
  return { az: sum / 26 / upem, ascent: view.getInt16(4) / upem, descent: -view.getInt16(6) / upem, lineGap: view.getInt16(8) / upem };
}

/** Every file the fonts make, by path from the repository's root. */
export async function fontFiles(): Promise<Record<string, Uint8Array | string>> {
  const files: Record<string, Uint8Array | string> = {};
  const rules: string[] = [];
  const preload: Record<"latin" | "arabic", string[]> = { latin: [], arabic: [] };
  const served: string[] = [];
  for (const face of FACES) {
    const source = readFileSync(`${SOURCE}/${face.from}`);
    const features = face.script === "arabic" ? ARABIC_FEATURES : LATIN_FEATURES;
    const bytes = new Uint8Array(await subsetFont(source, text(face.ranges), { targetFormat: "woff2", noHinting: true, keepFeatures: features }));
    const slug = `${face.family.toLowerCase().replaceAll(" ", "-")}-${face.script}-${face.weight}${face.style === "italic" ? "-italic" : ""}`;
    const url = `/assets/fonts/${slug}.${createHash("sha256").update(bytes).digest("hex").slice(0, 10)}.woff2`;
    files[`public${url}`] = bytes;
    served.push(url);
    if (face.preload) preload[face.preload].push(url);
    // Bytes count here: the rules are inlined in every page. A face's main file names no range (a later face's range wins for
    // its letters, CSS Fonts 4 §4.5), only the Latin Extended files do, so they are fetched for a page that has such letters alone.
    const range = face.script === "latin-ext" ? `;unicode-range:${unicodeRange(face.ranges)}` : "";
    const style = face.style === "italic" ? ";font-style:italic" : "";
    rules.push(`@font-face{font-family:"${face.family}";src:url(${url})format("woff2");font-weight:${face.weight}${style};font-display:optional${range}}`);
  }
  const m = await metrics(readFileSync(`${SOURCE}/${FACES[0].from}`));
  const adjust = m.az / TIMES_AZ_AVG;
  rules.push(
    `@font-face{font-family:"Source Serif 4 Fallback";src:local("Times New Roman"),local("Liberation Serif"),local("Tinos");size-adjust:${pct(adjust)};ascent-override:${pct(m.ascent / adjust)};descent-override:${pct(m.descent / adjust)};line-gap-override:${pct(m.lineGap / adjust)}}`,
  );
  files["public/fonts.css"] = `${rules.join("\n")}\n`;
  const module = "src/reader/render/font-files.ts";
  const source = [
    "/**",
    " * @module",
    " * Written by `npm run site` (scripts/build/fonts.ts): the web fonts in public/assets/fonts/, named by their bytes.",
    " * A page preloads its edition's script's regular and bold; the font route serves these files and no other.",
    " */",
    "",
    `export const FONT_PRELOADS = ${JSON.stringify(preload)} as const;`,
    "",
    `export const FONT_FILES: readonly string[] = ${JSON.stringify(served)};`,
    "",
  ].join("\n");
  files[module] = await format(source, { ...(await resolveConfig(module)), filepath: module });
  return files;
}
