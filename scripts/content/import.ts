// Imports an archive into the Newsroom through the admin API (docs/importing.md):
//   npm run import -- <file or folder> [--local | --url https://host] [--media DIR] [--pages] [--allow-partial]
//     --local            the state `npm run dev` uses (.wrangler/state), through both Workers under
//                        `wrangler dev` for the moment of the import (--port, default 8780; --state DIR for another state)
//     --url URL          a deployed Worker, with PUBLISH_TOKEN (or an editor's token) in the environment
//     --media DIR        the old site's wp-content/uploads folder: its images are uploaded (POST /api/v1/media)
//     --pages            WordPress pages too (posts only without it)
//     --section NAME     the section of items whose source names none (feeds, ninjs; default News)
//     --allow-partial    exit 0 even when items were refused
//     --json FILE        write the report as JSON too
// Formats are told apart by content: WordPress WXR, WordPress REST API JSON, RSS 2.0, Atom, ninjs,
// this service's article JSON. A rerun skips every item imported before and says so.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { describeFailure, failClearly } from "../lib/clear-failure.ts";
import { startWrangler } from "../lib/dev.ts";
import { describeImport, type ImportReport, runImport } from "./import-run.ts";
import { SourceError } from "./import-files.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    local: { type: "boolean" },
    url: { type: "string" },
    media: { type: "string" },
    pages: { type: "boolean" },
    section: { type: "string", default: "News" },
    "allow-partial": { type: "boolean" },
    port: { type: "string", default: "8780" },
    state: { type: "string" },
    json: { type: "string" },
    batch: { type: "string" },
  },
});
if (positionals.length !== 1 || !!values.local === !!values.url) {
  console.error("usage: npm run import -- <file or folder> --local | --url https://host  [--media DIR] [--pages] [--section NAME] [--allow-partial]");
  process.exit(2);
}
const options = { media: values.media, pages: values.pages, section: values.section!, batch: values.batch ? Number(values.batch) : undefined };

let report: ImportReport;
try {
  if (values.url) {
    const token = process.env.PUBLISH_TOKEN;
    if (!token) {
      console.error("PUBLISH_TOKEN must be set in the environment");
      process.exit(2);
    }
    report = await runImport(positionals[0], { ...options, origin: values.url, token });
  } else {
    const token = randomUUID();
    const dev = await startWrangler(Number(values.port), token, values.state ?? null, null);
    try {
      report = await runImport(positionals[0], { ...options, origin: dev.origin, token });
    } finally {
      await dev.stop();
    }
  }
} catch (e) {
  // The Newsroom refused a call, or could not be reached: what was committed stays, and a rerun skips it.
  if (describeFailure(e) !== null) failClearly(e, "import", "stopped; every batch committed before stays, and running the same command again resumes (it skips what is there)");
  if (!(e instanceof SourceError) && (e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  console.error(`import: ${(e as Error).message}`);
  process.exit(2);
}
for (const line of describeImport(report)) console.log(line);
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + "\n");
if (report.refused.length && !values["allow-partial"]) {
  console.error(`import: ${report.refused.length} item(s) refused (--allow-partial to accept a partial import)`);
  process.exit(1);
}
