/**
 * Issue 39: the archive's commands end to end, as a newsroom runs them, on the service as deployed
 * (workerd through Miniflare): an archive with second revisions, drafts, scheduled stories and a photo;
 * `npm run export -- --media` into files, `npm run backup -- --out` into a snapshot, `npm run restore`
 * of that snapshot into a fresh service (every article's JSON, status, version, editor and time as it
 * was) and `npm run content:remote -- --dir` of the export into another (every article's JSON and
 * status as it was, the photo uploaded from the export's media/). The same run as `npm run
 * bench:backup`, at 120 articles.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { archiveRun } from "../../scripts/bench/archive-run.ts";

const scratch = mkdtempSync(join(tmpdir(), "archive-scripts-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("export, backup and restore as commands (issue 39)", () => {
  it("bring every article back, from the snapshot and from the export", { timeout: 600_000 }, async () => {
    process.env.WRANGLER_SEND_METRICS = "false";
    const lines: string[] = [];
    const run = await archiveRun(120, scratch, (line) => lines.push(line));
    assert.deepEqual(run.differences, []);
    assert.deepEqual(run.identical, { restore: true, export: true });
    assert.equal(run.exportFiles, 120);
    assert.ok(run.drafts > 0 && run.scheduled > 0);
    assert.match(lines.join("\n"), /^export \(http:\/\/127\.0\.0\.1:\d+\/?\): 120 article\(s\) → .* \(3 draft\(s\), 3 scheduled\), 1 photo\(s\) downloaded/m);
    assert.match(lines.join("\n"), /^restore \(http.*\): 120 article\(s\) and 132 revision\(s\) restored/m);
  });
});
