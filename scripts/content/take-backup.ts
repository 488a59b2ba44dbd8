// Takes a snapshot of the Newsroom now, as the nightly Cron Trigger does (docs/backups.md):
//   npm run backup -- --local | --url https://host  [--out FILE]
//     --local     the state `npm run dev` uses (.wrangler/state), through both Workers under `wrangler dev`
//     --url URL   a deployed Worker, with PUBLISH_TOKEN (or an editor's token) in the environment
//     --out FILE  also download it (gzipped JSON lines), e.g. for `npm run restore -- FILE`
// The Newsroom writes it into R2 (`backups/<date>T<time>Z.jsonl.gz`) step by step from its alarm;
// this follows it and says where it is, or why it failed (exit 1).
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import type { BackupOutcome } from "../../src/shared/archive-answers.ts";
import { backups, snapshotStream } from "../lib/archive-api.ts";
import { progress } from "../lib/progress.ts";
import { onService } from "./local.ts";

const { values } = parseArgs({ options: { local: { type: "boolean" }, url: { type: "string" }, out: { type: "string" }, port: { type: "string", default: "8780" } } });
if (!!values.local === !!values.url) {
  console.error("usage: npm run backup -- --local | --url https://host  [--out FILE]");
  process.exit(2);
}

async function backup(origin: string, token: string): Promise<BackupOutcome> {
  const { running } = await backups(origin, token, true);
  if (!running) throw new Error("the Newsroom did not start a snapshot");
  const shown = progress(`backup ${running.name}`, running.total);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const status = await backups(origin, token);
    if (status.running?.name === running.name) {
      shown.set(status.running.articles);
      continue;
    }
    const outcome = status.recent.find((r) => r.name === running.name);
    if (outcome?.counts) shown.set(outcome.counts.articles);
    shown.stop();
    if (!outcome) throw new Error(`snapshot ${running.name} is neither running nor logged`);
    if (outcome.outcome === "complete" && values.out) {
      const { size, body } = await snapshotStream(origin, token, outcome.name);
      const saving = progress("download", size, { unit: "bytes" });
      const count = new Transform({ transform: (chunk: Buffer, _, done) => (saving.tick(chunk.length), done(null, chunk)) });
      await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), count, createWriteStream(values.out));
      saving.stop();
    }
    return outcome;
  }
}

const where = values.url ?? "local";
const outcome = await onService(
  { url: values.url, port: Number(values.port) },
  "backup",
  "nothing is lost; a snapshot the Newsroom had started goes on in R2 by itself; run the same command again to take (and download) a new one",
  backup,
);
if (outcome.outcome !== "complete") {
  console.error(`backup (${where}): ${outcome.name} failed after ${outcome.attempts} attempt(s): ${outcome.error}`);
  process.exit(1);
}
const c = outcome.counts!;
console.log(
  `backup (${where}): ${outcome.key}, ${outcome.bytes} bytes: ${c.articles} article(s), ${c.revisions} revision(s), ${c.old_paths} old path(s), ${c.imported} import key(s)` +
    (values.out ? `; saved as ${values.out}` : ""),
);
