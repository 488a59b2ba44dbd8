// `npm run desk`: bundles the editors' desk (desk/main.ts and what it imports: the content build's
// CommonMark parser, the schema, jsdiff) into public/desk/desk.js, and the story editor (CodeMirror
// and the editor's page) into a chunk of its own that only the editor's page loads; static assets the
// Worker serves from ASSETS under /desk, so none of it is in the Worker's bundle. It also writes the
// desk's pages from their one template (scripts/build/desk-pages.ts). `--check` (in `npm run check`)
// fails when a committed file is not what this would write; it prints the sizes either way.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { DESK_PAGES } from "./desk-pages.ts";

const DIR = "public/desk/";
const check = process.argv.includes("--check");
const result = await build({
  entryPoints: { desk: "desk/main.ts" },
  bundle: true,
  splitting: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  legalComments: "none",
  outdir: DIR,
  entryNames: "[name]",
  chunkNames: "desk-[name]-[hash]",
  write: false,
  logLevel: "warning",
});
const scripts = Object.fromEntries(result.outputFiles.map((f) => [DIR + basename(f.path), f.text]));
const size = Object.entries(scripts)
  .map(([path, code]) => `${basename(path)} ${(code.length / 1024).toFixed(1)} KiB, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KiB gzipped`)
  .join("; ");
const files: Record<string, string> = { ...scripts, ...Object.fromEntries(Object.entries(DESK_PAGES).map(([name, html]) => [DIR + name, html])) };
// Scripts an earlier build wrote that this one does not (a chunk whose hash changed).
const stale = readdirSync(DIR)
  .filter((name) => name.endsWith(".js") && !(DIR + name in files))
  .map((name) => DIR + name);
if (check) {
  const differ = Object.entries(files).filter(([path, text]) => {
    try {
      return readFileSync(path, "utf8") !== text;
    } catch {
      return true; // missing
    }
  });
  if (differ.length || stale.length) {
    console.error(`${[...differ.map(([path]) => path), ...stale].join(", ")}: not what desk/ builds (run npm run desk)`);
    process.exit(1);
  }
  console.log(`desk: ${Object.keys(scripts).length} scripts and ${Object.keys(DESK_PAGES).length} pages are up to date (${size})`);
} else {
  for (const path of stale) rmSync(path);
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  console.log(`desk: wrote ${size}, and ${Object.keys(DESK_PAGES).length} pages`);
}
