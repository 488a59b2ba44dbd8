// Restores a snapshot (`npm run backup`, or a nightly one from R2) into the Newsroom (docs/backups.md):
//   npm run restore -- SNAPSHOT --local | --url https://host | --check  [--force]
//     --local    the state `npm run dev` uses (.wrangler/state), through both Workers under `wrangler dev`
//     --url URL  a deployed Worker, with PUBLISH_TOKEN (or an editor's token) in the environment
//     --check    only read the snapshot through and say whether it can be restored
//     --force    replace a Newsroom that is not empty (without it, a restore refuses one)
// The file is read through and checked first: a damaged, truncated or foreign one is refused before
// anything is written. Then it is sent in pages (nothing live changes until the last), put in place in
// one transaction, and the Newsroom moves the articles in and derives KV; this waits for both.
import { parseArgs } from "node:util";
import { type DataRecord, SnapshotProblem, type SnapshotRecord } from "../../src/shared/snapshot-format.ts";
import { waitForReadModel } from "../lib/admin-api.ts";
import { ArchiveRefused, backups, restoreCall } from "../lib/archive-api.ts";
import { draining, progress } from "../lib/progress.ts";
import { checkSnapshot, fileSize, snapshotLines } from "./snapshot-file.ts";
import { RestorePages } from "./snapshot-pages.ts";
import { onService } from "./local.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { local: { type: "boolean" }, url: { type: "string" }, check: { type: "boolean" }, force: { type: "boolean" }, port: { type: "string", default: "8780" } },
});
const [file] = positionals;
if (positionals.length !== 1 || [values.local, values.url, values.check].filter(Boolean).length !== 1) {
  console.error("usage: npm run restore -- SNAPSHOT --local | --url https://host | --check  [--force]");
  process.exit(2);
}
const fail = (message: string): never => {
  console.error(`restore: ${message}`);
  process.exit(1);
};

let checked: Awaited<ReturnType<typeof checkSnapshot>>;
try {
  const reading = progress("restore: check", fileSize(file), { unit: "bytes" });
  checked = await checkSnapshot(file, (n) => reading.tick(n));
  reading.stop();
} catch (e) {
  if (e instanceof SnapshotProblem) fail(`${file} is ${e.kind}: ${e.message}${e.line ? ` (line ${e.line})` : ""}. Nothing was written.`);
  fail(`${file}: ${(e as Error).message}`);
}
const { header, final } = checked!;
const c = final.counts;
console.log(
  `snapshot ${header.name} of ${header.site} (${header.trigger}, ${header.started}): ${c.articles} article(s), ${c.revisions} revision(s), ` +
    `${c.old_paths} old path(s), ${c.imported} import key(s), ${c.sections} section(s); change feed at ${Math.max(header.cursor.feed, final.cursor.feed)}`,
);
if (values.check) process.exit(0);

async function restore(origin: string, token: string): Promise<void> {
  const begun = await restoreCall(origin, token, "", { header, force: values.force === true });
  const sending = progress("restore: send", c.articles);
  const pages = new RestorePages();
  const send = async (list: DataRecord[][]) => {
    for (const page of list) {
      await restoreCall(origin, token, `/${begun.token}`, { records: page });
      sending.tick(new Set(page.filter((r) => r.t === "article").map((r) => (r as { id: string }).id)).size);
    }
  };
  for await (const line of snapshotLines(file)) {
    const record = JSON.parse(line) as SnapshotRecord;
    if (record.t !== "snapshot" && record.t !== "part" && record.t !== "end") await send(pages.add(record));
  }
  await send(pages.flush());
  sending.stop();
  const finished = await restoreCall(origin, token, `/${begun.token}/finish`, { end: final });
  const moving = progress("restore: articles in", finished.total ?? 0);
  for (let state = (await backups(origin, token)).restore; state; state = (await backups(origin, token)).restore) {
    moving.set(state.moved);
    await new Promise((r) => setTimeout(r, 500));
  }
  moving.set(finished.total ?? 0);
  moving.stop();
  const kv = draining("restore: KV");
  await waitForReadModel(origin, token, undefined, kv.left);
  kv.stop();
}

const where = values.url ?? "local";
await onService({ url: values.url, port: Number(values.port) }, "restore", (e) =>
  e instanceof ArchiveRefused && e.status === 409
    ? "nothing was written; run again with --force to replace what it holds"
    : "if it stopped before its last page, nothing live changed, and after it the Newsroom finishes by itself; run the same command again (with --force once the Newsroom holds articles)",
  restore,
);
console.log(`restore (${where}): ${c.articles} article(s) and ${c.revisions} revision(s) restored from ${file}; apps with an older cursor resync (410)`);
