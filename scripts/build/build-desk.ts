// `npm run desk`: bundles the editors' desk (desk/main.ts and what it imports: the content build's
// CommonMark parser, the schema, jsdiff) into public/desk/desk.js, a static asset the Worker serves
// from ASSETS under /desk, so none of it is in the Worker's bundle, and writes the desk's pages
// from their one template (scripts/build/desk-pages.ts). `--check` (in `npm run check`) fails when a
// committed file is not what this would write; it prints the script's size either way.
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { DESK_PAGES } from "./desk-pages.ts";

const OUT = "public/desk/desk.js";
const DIR = "public/desk/";
const check = process.argv.includes("--check");
const result = await build({
  entryPoints: ["desk/main.ts"],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  legalComments: "none",
  write: false,
  // hono/jsx is not used by what the desk imports; the schema and the Markdown writer are plain TypeScript.
  logLevel: "warning",
});
const code = result.outputFiles[0].text;
const size = `${(code.length / 1024).toFixed(1)} KiB, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped`;
const files: Record<string, string> = { [OUT]: code, ...Object.fromEntries(Object.entries(DESK_PAGES).map(([name, html]) => [DIR + name, html])) };
if (check) {
  const stale = Object.entries(files).filter(([path, text]) => {
    try {
      return readFileSync(path, "utf8") !== text;
    } catch {
      return true; // missing
    }
  });
  if (stale.length) {
    console.error(`${stale.map(([path]) => path).join(", ")}: not what desk/ builds (run npm run desk)`);
    process.exit(1);
  }
  console.log(`desk: ${OUT} and ${Object.keys(DESK_PAGES).length} pages are up to date (${size})`);
} else {
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  console.log(`desk: wrote ${OUT} (${size}) and ${Object.keys(DESK_PAGES).length} pages`);
}
