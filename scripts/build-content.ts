// Checks content/articles/*.md against the schema and writes dist/articles.json, the articles the
// loaders hand to the Newsroom. On any error nothing is written.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadContent } from "../src/content/build.ts";
import { readSources } from "./lib/content.ts";

const files = readSources();
const result = loadContent(files);
if (!result.ok) {
  for (const e of result.errors) console.error(`${e.field}: ${e.message}`);
  console.error(`content build failed: ${result.errors.length} error(s); nothing written`);
  process.exit(1);
}
mkdirSync("dist", { recursive: true });
writeFileSync("dist/articles.json", JSON.stringify(result.value));
console.log(`content: ${files.length} article(s) checked → dist/articles.json`);
