// Exports every article of the Newsroom as a content/ folder (docs/backups.md):
//   npm run export -- DIR --local | --url https://host  [--media]
//     --local    the state `npm run dev` uses (.wrangler/state), through both Workers under `wrangler dev`
//     --url URL  a deployed Worker, with PUBLISH_TOKEN (or an editor's token) in the environment
//     --media    download each photo's original into DIR/media/ and name it there (else figures keep
//                their URLs, and DIR/photos.tsv lists each photo's R2 key and URL)
// DIR/articles/<section path>/<id>-<slug>.md, one file each, drafts (`status: draft`) and scheduled
// stories (a `published` still to come) included; an article the Markdown cannot carry exactly is
// written as its JSON (`.json`) instead. DIR/export.json says what was written, and which articles are
// drafts, scheduled, or JSON. `npm run content:local -- --dir DIR` loads it back. Pages of 200 articles
// are written as they arrive: memory holds a page and one short entry per photo, whatever the archive's size.
import { appendFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { mediaIdOf } from "../../src/shared/model/blocks.ts";
import { scopesOf } from "../../src/shared/model/index-tree.ts";
import type { Article } from "../../src/shared/model/schema.ts";
import { exactMarkdown } from "../../tools/content/article-markdown.ts";
import { archivePage, original } from "../lib/archive-api.ts";
import { progress } from "../lib/progress.ts";
import { onService } from "./local.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { local: { type: "boolean" }, url: { type: "string" }, media: { type: "boolean" }, port: { type: "string", default: "8780" } },
});
const [dir] = positionals;
if (positionals.length !== 1 || !!values.local === !!values.url) {
  console.error("usage: npm run export -- DIR --local | --url https://host  [--media]");
  process.exit(2);
}
if (existsSync(dir) && readdirSync(dir).length > 0) {
  console.error(`export: ${dir} is not empty; export into a new or empty folder`);
  process.exit(2);
}

const PAGE = 200;
const EXTENSION: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/avif": "avif" };

interface Report {
  articles: number;
  drafts: string[];
  scheduled: { id: string; at: string }[];
  /** Written as JSON: the Markdown could not carry them exactly. */
  json: string[];
  photos: number;
}

/** The figures' photos: downloaded (`--media`: id → the file their `src` then names) or listed with their keys and URLs. */
async function photos(origin: string, token: string, article: Article, seen: Map<string, string>, report: Report): Promise<Map<string, string>> {
  const local = new Map<string, string>();
  for (const block of article.body) {
    const id = block.type === "figure" ? mediaIdOf(block.src) : undefined;
    if (!id || block.type !== "figure") continue;
    if (!seen.has(id)) {
      report.photos++;
      if (values.media) {
        const { bytes, type } = await original(origin, token, id);
        seen.set(id, `media/${id}.${EXTENSION[type] ?? "bin"}`);
        writeFileSync(join(dir, seen.get(id)!), bytes);
      } else {
        seen.set(id, "");
        appendFileSync(join(dir, "photos.tsv"), `media/${id}\t${block.src}\n`);
      }
    }
    if (values.media) local.set(id, seen.get(id)!);
  }
  return local;
}

async function exportAll(origin: string, token: string): Promise<Report> {
  const report: Report = { articles: 0, drafts: [], scheduled: [], json: [], photos: 0 };
  mkdirSync(join(dir, "articles"), { recursive: true });
  if (values.media) mkdirSync(join(dir, "media"));
  // One entry per photo (its id and file): the only thing kept beyond a page.
  const seen = new Map<string, string>();
  let after = "";
  let shown: ReturnType<typeof progress> | undefined;
  do {
    const page = await archivePage(origin, token, after, PAGE);
    shown ??= progress("export", page.total);
    for (const { article, state } of page.items) {
      const local = await photos(origin, token, article, seen, report);
      const base = join(dir, "articles", scopesOf(article.section).at(-1)!, `${article.id}-${article.slug}`);
      let text = exactMarkdown(article);
      // A photo downloaded: the figure names the file, which the content build resolves to the same URL and size.
      if (text) for (const [id, file] of local) text = text.replace(new RegExp(`^src: https://\\S+/media/${id}$`, "gm"), `src: ${file}`);
      mkdirSync(dirname(base), { recursive: true });
      if (text) writeFileSync(`${base}.md`, text);
      else {
        writeFileSync(`${base}.json`, JSON.stringify(article, null, 2) + "\n");
        report.json.push(article.id);
      }
      if (state.status === "draft") report.drafts.push(article.id);
      if (state.status === "scheduled") report.scheduled.push({ id: article.id, at: (state as { at: string }).at });
      report.articles++;
    }
    shown.tick(page.items.length);
    after = page.next ?? "";
  } while (after);
  shown?.stop();
  return report;
}

const source = values.url ?? "local";
const report = await onService({ url: values.url, port: Number(values.port) }, "export", `${dir} holds the pages written before; empty it and run the same command again`, exportAll);
writeFileSync(join(dir, "export.json"), JSON.stringify({ source, exported: new Date().toISOString(), media: values.media ? "downloaded" : "referenced", ...report }, null, 2) + "\n");
console.log(
  `export (${source}): ${report.articles} article(s) → ${join(dir, "articles")} (${report.drafts.length} draft(s), ${report.scheduled.length} scheduled), ` +
    `${report.photos} photo(s) ${values.media ? `downloaded to ${join(dir, "media")}` : `listed in ${join(dir, "photos.tsv")}`}` +
    (report.json.length ? `; ${report.json.length} written as JSON, which the Markdown cannot carry exactly (${report.json.slice(0, 10).join(", ")}${report.json.length > 10 ? ", …" : ""})` : ""),
);
