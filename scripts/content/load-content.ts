// Loads content/ into the Newsroom, the only writer, which derives KV from it:
//   --local              the state `wrangler dev` uses (.wrangler/state), through the Worker run as
//                        `wrangler dev` runs it for the moment of the load (with a one-off token)
//   --remote --url URL   a deployed Worker, with PUBLISH_TOKEN (or an editor's token) in the environment
//   --force              overwrite what editors changed through the API since the last load (each is reported)
//   --dir DIR            another folder laid out as content/ (an export, `npm run export`): DIR/articles, DIR/media
// The photos content/ uses are uploaded first (POST /api/v1/media, the same token: no Cloudflare API
// token needed). New and changed files are stored (a revision each), unchanged ones left alone, and
// articles that came from content/ whose file is gone are removed. An article an editor corrected or
// removed through the API since the last load is left as the editor made it, and reported.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Article } from "../../src/shared/model/schema.ts";
import { onService } from "./local.ts";
import type { MediaFile } from "../lib/content-media.ts";
import { describeConflicts, type LoadCounts, loadArticles, uploadMedia } from "../lib/admin-api.ts";
import { progress } from "../lib/progress.ts";

const { values } = parseArgs({
  options: { local: { type: "boolean" }, remote: { type: "boolean" }, url: { type: "string" }, force: { type: "boolean" }, dir: { type: "string" } },
});
if (values.local === values.remote || (values.remote && !values.url)) {
  console.error("usage: node scripts/content/load-content.ts --local | --remote --url https://host  [--force] [--dir DIR]");
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
// The content build checks every file (a clear message and exit 1 on any error).
step("scripts/build/build-content.ts", ...(values.dir ? ["--dir", values.dir] : []));
const articles = JSON.parse(readFileSync("dist/articles.json", "utf8")) as Article[];
const files = JSON.parse(readFileSync("dist/sources.json", "utf8")) as Record<string, string>;
const media = JSON.parse(readFileSync("dist/media.json", "utf8")) as MediaFile[];
const where = values.local ? "local" : values.url!;

async function load(origin: string, token: string): Promise<LoadCounts> {
  // The photos first, so no article names one that is not there.
  const put = await uploadMedia(origin, token, media);
  if (put) console.log(`media: ${put} image(s) uploaded`);
  const shown = progress("content", articles.length);
  const counts = await loadArticles(origin, token, articles, true, { files, force: values.force, onBatch: (n) => shown.tick(n) });
  shown.stop();
  return counts;
}

const counts = await onService({ url: values.url }, "content", "every batch stored before stays; run the same command again to finish (what is stored already is left alone)", load);
for (const line of describeConflicts(counts)) console.log(line);
console.log(
  `content (${where}): ${articles.length} article(s): ${counts.created} new, ${counts.updated} changed, ${counts.unchanged} unchanged, ${counts.removed} removed` +
    (counts.conflicts.length ? `, ${counts.conflicts.length} left as editors made them` : "") +
    (counts.overwritten.length ? `, ${counts.overwritten.length} editors' change(s) overwritten` : ""),
);
