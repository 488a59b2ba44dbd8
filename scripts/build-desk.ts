// `npm run desk`: bundles the editors' desk (desk/main.ts and what it imports: the content build's
// CommonMark parser, the schema, jsdiff) into public/desk/desk.js, a static asset the Worker serves
// from ASSETS under /desk, so none of it is in the Worker's bundle. `--check` (in `npm run check`)
// fails when the committed file is not what this would write; it prints the script's size either way.
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const OUT = "public/desk/desk.js";
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
if (check) {
  let committed = "";
  try {
    committed = readFileSync(OUT, "utf8");
  } catch {
    // missing: reported below
  }
  if (committed !== code) {
    console.error(`${OUT} is not what desk/ builds (run npm run desk)`);
    process.exit(1);
  }
  console.log(`desk: ${OUT} is up to date (${size})`);
} else {
  writeFileSync(OUT, code);
  console.log(`desk: wrote ${OUT} (${size})`);
}
