/**
 * `npm run import` reads a WordPress export as it streams (scripts/content/import-files.ts): a 50 MB
 * export died at 1.3 GB with a stack trace when it was read and parsed whole. Here a 29 MB generated
 * export is read by the importer's own reader in a Node whose heap is capped at 48 MB, a bound the
 * whole-file parse cannot keep, and every item comes through.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generateWxr } from "../../scripts/bench/wxr-generate.ts";

const dir = mkdtempSync(join(tmpdir(), "import-streaming-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const READER = `
import { readSource } from "./scripts/content/import-files.ts";
let read = 0, parts = 0, sections = 0;
for await (const { parsed, last } of readSource(process.argv[1], { section: "News" })) {
  read += parsed.items.length;
  parts++;
  if (last) sections = parsed.sections.length;
}
console.log(JSON.stringify({ read, parts, sections, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
`;

describe("npm run import reads a WordPress export as it streams", () => {
  it("every item of a 29 MB export, in a 48 MB heap", { timeout: 120_000 }, (t) => {
    const file = join(dir, "wxr-15000.xml");
    const xml = generateWxr(15_000);
    writeFileSync(file, xml);
    assert.ok(xml.length > 29e6, `${xml.length} characters`);
    const run = spawnSync(process.execPath, ["--max-old-space-size=48", "--input-type=module", "-e", READER, file], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr.slice(-2000));
    const out = JSON.parse(run.stdout) as { read: number; parts: number; sections: number; maxRssMiB: number };
    t.diagnostic(`peak RSS ${out.maxRssMiB} MiB`);
    assert.equal(out.read, 15_000);
    // 100 items a part, and the last (with the sections) after them.
    assert.equal(out.parts, 151);
    // 6 parents × 4 children, each a section with its old paths.
    assert.equal(out.sections, 24);
  });
});
