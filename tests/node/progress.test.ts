/**
 * Issue 39: long work shows its progress — done of total, the rate and the time left — as a bar on a
 * terminal and as plain periodic lines when stdout is not one (CI), ending with the count and the time
 * it took (scripts/lib/progress.ts). And `npm run restore` as a process: it reads a snapshot made of
 * several gzip members, shows its progress in plain lines, and refuses a damaged, truncated or foreign
 * file with one clear line and exit 1, before anything is written.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { after, describe, it } from "node:test";
import { duration, progress } from "../../scripts/lib/progress.ts";

/** A stream that keeps what is written; `tty` makes it look like a terminal 100 columns wide. */
function stream(tty: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY: tty, columns: 100, text: "" });
  out.on("data", (chunk: Buffer) => (out.text += chunk.toString()));
  return out;
}

describe("progress (issue 39)", () => {
  it("writes plain lines with done of total, percent, rate and time left when not on a terminal, then the count and time", async () => {
    const out = stream(false);
    const shown = progress("export", 1000, { stream: out, everyMs: 40 });
    for (let i = 0; i < 5; i++) {
      await sleep(60);
      shown.tick(200);
    }
    shown.stop();
    const lines = out.text.trimEnd().split("\n");
    assert.ok(lines.length >= 4, out.text);
    assert.match(lines[0], /^export: 0\/1,000 articles \(0%\), 0\/s$/);
    for (const line of lines.slice(1, -1)) assert.match(line, /^export: [\d,]+\/1,000 articles \(\d+%\), [\d,]+\/s(, \d+ s left)?$/);
    assert.ok(
      lines.some((l) => / s left$/.test(l)),
      "some line tells the time left",
    );
    assert.match(lines.at(-1)!, /^export: 1,000\/1,000 articles in \d+ s, [\d,]+ articles\/s$/);
    assert.doesNotMatch(out.text, /\x1b|█/);
  });

  it("draws a bar in place on a terminal, and leaves the count and time on its own line", async () => {
    const out = stream(true);
    const shown = progress("backup", 300, { stream: out });
    shown.tick(100);
    await sleep(250);
    shown.set(300);
    shown.stop();
    const screen = out.text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, "");
    assert.match(screen, /backup █+░+ 100\/300 articles \| [\d,]+\/s \| \d+ s left/);
    assert.match(out.text, /\x1b\[/, "the bar is redrawn with cursor movements");
    assert.match(screen, /backup: 300\/300 articles in \d+ s, [\d,]+ articles\/s\n$/);
  });

  it("says a duration as a person reads it", () => {
    assert.deepEqual([duration(0), duration(45), duration(200), duration(3900)], ["0 s", "45 s", "3 min 20 s", "1 h 5 min"]);
  });
});

describe("npm run restore -- FILE --check (issue 39)", () => {
  const dir = mkdtempSync(join(tmpdir(), "restore-check-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const article = (id: number) => ({
    t: "article",
    id: String(id),
    current: { version: 1, status: "published", origin: "api", contentHash: null, contentVersion: null },
    revisions: [
      {
        version: 1,
        time: "2026-12-01T10:00:00.000Z",
        editor: "Alice",
        kind: "upsert",
        origin: "api",
        article: {
          id: String(id),
          slug: "A-story",
          section: ["News"],
          headline: "A story",
          description: "Text.",
          published: "2026-12-01",
          modified: "2026-12-01",
          body: [{ type: "paragraph", text: "Text." }],
        },
      },
    ],
  });
  const header = {
    t: "snapshot",
    format: "edge-news/snapshot",
    version: 1,
    site: "https://news.example",
    name: "2026-12-01",
    trigger: "schedule",
    started: "2026-12-01T02:30:00.000Z",
    cursor: { feed: 7, change: 9 },
  };
  const ids = Array.from({ length: 3000 }, (_, i) => 391000 + i);
  const counts = { articles: ids.length, revisions: ids.length, old_paths: 0, imported: 0, sections: 0 };
  // Two parts, each its own gzip member, as the nightly backup writes them.
  const part1 = [header, { t: "part", n: 1 }, ...ids.slice(0, 1500).map(article)];
  const part2 = [
    { t: "part", n: 2 },
    ...ids.slice(1500).map(article),
    { t: "end", parts: 2, counts, cursor: { feed: 7, change: 9 }, finished: "2026-12-01T02:31:00.000Z" },
  ];
  const member = (records: object[]) => gzipSync(records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const good = Buffer.concat([member(part1), member(part2)]);
  const restore = (file: string) =>
    spawnSync(process.execPath, ["scripts/content/restore-snapshot.ts", file, "--check"], {
      encoding: "utf8",
      env: { ...process.env, PROGRESS_EVERY_MS: "1" },
    });

  it("reads a snapshot of several gzip members and shows its progress in plain lines", () => {
    writeFileSync(join(dir, "good.jsonl.gz"), good);
    const run = restore(join(dir, "good.jsonl.gz"));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^restore: check: 0 B\/[\d.]+ KiB \(0%\), 0 B\/s$/m);
    assert.match(run.stdout, /^restore: check: [\d.]+ KiB\/[\d.]+ KiB in \d+ s, [\d.]+ (KiB|MiB|B)\/s$/m);
    assert.match(run.stdout, /^snapshot 2026-12-01 of https:\/\/news\.example \(schedule, 2026-12-01T02:30:00\.000Z\): 3000 article\(s\), 3000 revision\(s\)/m);
    assert.doesNotMatch(run.stdout, /\x1b/);
  });

  it("refuses a truncated, damaged or foreign file with one line, exit 1", () => {
    const cases: [string, Buffer, RegExp][] = [
      ["cut.jsonl.gz", good.subarray(0, good.length - 100), /is truncated: the file is cut short/],
      ["second-part-lost.jsonl.gz", member(part1), /is truncated: it ends without its end record/],
      ["flipped.jsonl.gz", Buffer.from(good.map((b, i) => (i === 400 ? b ^ 0xff : b))), /is damaged: /],
      ["other.jsonl.gz", gzipSync('{"posts":[]}\n'), /is foreign: not a snapshot of this service/],
      ["newer.jsonl.gz", member([{ ...header, version: 2 }]), /is foreign: snapshot format version 2, and this version reads 1/],
      ["plain.txt", Buffer.from("not gzip"), /is foreign: not a gzip file/],
    ];
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(dir, name), bytes);
      const run = restore(join(dir, name));
      assert.equal(run.status, 1, name);
      assert.match(run.stderr, message, name);
      assert.match(run.stderr, /Nothing was written\.\n$/, name);
      assert.doesNotMatch(run.stderr, /^\s+at |node:internal/m, name);
    }
    assert.deepEqual(readFileSync(join(dir, "good.jsonl.gz")), good);
  });
});
