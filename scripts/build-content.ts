// Builds content/articles/*.md into dist/kv.json, the entry list `wrangler kv bulk put` takes.
// Every file is checked against the schema first; on any error nothing is written.
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
writeFileSync("dist/kv.json", JSON.stringify(result.value));
console.log(`content: ${files.length} article(s), ${result.value.length} KV entries → dist/kv.json`);
