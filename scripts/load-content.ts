// Loads content/ into the Newsroom, the only writer, which derives KV from it:
//   --local              the state `wrangler dev` uses (.wrangler/state), through the Worker run as
//                        `wrangler dev` runs it for the moment of the load (with a one-off token)
//   --remote --url URL   a deployed Worker, with PUBLISH_TOKEN (or an editor's token) in the environment
// New and changed articles are stored (a revision each), unchanged ones left alone, and articles that
// came from content/ whose file is gone are removed. Articles published through the API are kept.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startLocal } from "./lib/local.ts";
import { loadArticles } from "./lib/newsroom.ts";
import type { Article } from "../src/content/schema.ts";

const { values } = parseArgs({ options: { local: { type: "boolean" }, remote: { type: "boolean" }, url: { type: "string" } } });
if (values.local === values.remote || (values.remote && !values.url)) {
  console.error("usage: node scripts/load-content.ts --local | --remote --url https://host");
  process.exit(2);
}
/** Runs a script of ours; when it fails (it has printed why), exits with its status, without a stack trace of this one. */
function step(script: string, ...args: string[]): void {
  try {
    execFileSync(process.execPath, [script, ...args], { stdio: "inherit" });
  } catch (e) {
    process.exit((e as { status?: number }).status || 1);
  }
}
// The content build checks every file and writes dist/media.json for scripts/load-media.ts.
step("scripts/build-content.ts");
const articles = JSON.parse(readFileSync("dist/articles.json", "utf8")) as Article[];
// The photos content/ uses go into R2 first (dist/media.json), so no article names one that is not there.
step("scripts/load-media.ts", values.local ? "--local" : "--remote");
const where = values.local ? "local" : values.url!;
let counts;
if (values.remote) {
  const token = process.env.PUBLISH_TOKEN;
  if (!token) {
    console.error("PUBLISH_TOKEN must be set in the environment");
    process.exit(2);
  }
  counts = await loadArticles(values.url!, token, articles, true);
} else {
  const local = await startLocal();
  try {
    counts = await loadArticles(local.origin, local.token, articles, true);
  } finally {
    await local.stop();
  }
}
console.log(`content (${where}): ${articles.length} article(s): ${counts.created} new, ${counts.updated} changed, ${counts.unchanged} unchanged, ${counts.removed} removed`);
