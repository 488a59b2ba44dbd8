// Checks content/articles/*.md against the schema and writes dist/articles.json, the articles the
// loaders hand to the Newsroom, and dist/media.json, the image files of content/media they use
// (scripts/load-media.ts puts them in R2). On any error nothing is written.
import { mkdirSync, writeFileSync } from "node:fs";
import { unstable_readConfig } from "wrangler";
import { loadContent } from "../src/content/build.ts";
import { readSources } from "./lib/content.ts";
import { localMediaPaths, mediaResolver } from "./lib/media.ts";

const files = readSources();
const canonicalOrigin = String((unstable_readConfig({ config: "wrangler.toml" }).vars as Record<string, unknown>).CANONICAL_ORIGIN);
const media = await mediaResolver(canonicalOrigin, localMediaPaths(files));
const result = loadContent(files, { media: media.resolve });
if (!result.ok) {
  for (const e of result.errors) console.error(`${e.field}: ${e.message}`);
  console.error(`content build failed: ${result.errors.length} error(s); nothing written`);
  process.exit(1);
}
mkdirSync("dist", { recursive: true });
writeFileSync("dist/articles.json", JSON.stringify(result.value));
writeFileSync("dist/media.json", JSON.stringify([...media.files.values()]));
console.log(`content: ${files.length} article(s) checked → dist/articles.json, ${media.files.size} image(s) → dist/media.json`);
