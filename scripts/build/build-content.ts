// Checks content/articles/ (its .md and .json files, subfolders included) against the schema and writes
// dist/articles.json, the articles the loaders hand to the Newsroom, dist/sources.json (each article's
// file, for the loaders' reports) and dist/media.json, the image files of content/media they use (the
// loaders upload them through POST /api/v1/media). On any error nothing is written.
//   --dir DIR   another folder laid out as content/ (an export: DIR/articles, DIR/media)
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { unstable_readConfig } from "wrangler";
import { loadContent } from "../../tools/content/build.ts";
import { readSources } from "../lib/content.ts";
import { localMediaPaths, mediaResolver } from "../lib/content-media.ts";

const root = parseArgs({ options: { dir: { type: "string", default: "content" } } }).values.dir!;
if (!existsSync(join(root, "articles"))) {
  console.error(`content build: ${join(root, "articles")} does not exist (--dir names a folder laid out as content/: articles/, media/)`);
  process.exit(2);
}
const files = readSources(join(root, "articles"));
const canonicalOrigin = String((unstable_readConfig({ config: "wrangler.toml" }).vars as Record<string, unknown>).CANONICAL_ORIGIN);
const media = await mediaResolver(canonicalOrigin, localMediaPaths(files), root);
const result = loadContent(files, { media: media.resolve });
if (!result.ok) {
  for (const e of result.errors) console.error(`${e.field}: ${e.message}`);
  console.error(`content build failed: ${result.errors.length} error(s); nothing written`);
  process.exit(1);
}
mkdirSync("dist", { recursive: true });
writeFileSync("dist/articles.json", JSON.stringify(result.value));
// loadContent returns the articles in the order of the files, one each.
writeFileSync("dist/sources.json", JSON.stringify(Object.fromEntries(result.value.map((a, i) => [a.id, files[i].name]))));
writeFileSync("dist/media.json", JSON.stringify([...media.files.values()]));
console.log(`content: ${files.length} article(s) checked → dist/articles.json, ${media.files.size} image(s) → dist/media.json`);
