/**
 * The commands that talk to the service say what went wrong and how to go on, without a stack trace,
 * when the service stops answering: a 50 MB import and a 100,000-article `content:remote` used to end
 * in a Node stack trace. Here nothing listens on the port at all, so each fails after the admin
 * client's own retries (scripts/lib/clear-failure.ts).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { freePort } from "../../scripts/lib/ports.ts";

const NOWHERE = `http://127.0.0.1:${await freePort()}`;
const scratch = mkdtempSync(join(tmpdir(), "service-unreachable-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const COMMANDS: { name: string; args: string[]; resume: RegExp }[] = [
  {
    name: "import",
    args: ["scripts/content/import.ts", "tests/support/fixtures/import/wordpress-importer/small-export.xml", "--url", NOWHERE],
    resume: /running the same command again resumes/,
  },
  { name: "content", args: ["scripts/content/load-content.ts", "--remote", "--url", NOWHERE], resume: /run the same command again to finish/ },
  { name: "export", args: ["scripts/content/export-archive.ts", join(scratch, "export"), "--url", NOWHERE], resume: /empty it and run the same command again/ },
  { name: "backup", args: ["scripts/content/take-backup.ts", "--url", NOWHERE], resume: /run the same command again/ },
  { name: "rebuild", args: ["scripts/content/rebuild-content.ts", "--remote", "--url", NOWHERE], resume: /run the same command again/ },
];

describe("a command whose service does not answer", () => {
  for (const { name, args, resume } of COMMANDS)
    it(`${name}: stops with exit 1, the reason and how to go on, and no stack trace`, { timeout: 90_000 }, () => {
      const run = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, PUBLISH_TOKEN: "service-unreachable-test" } });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`^${name}: the service could not be reached \\(.*ECONNREFUSED`, "m"));
      assert.match(run.stderr, resume);
      assert.doesNotMatch(run.stderr, /^\s+at |node:internal/m);
    });
});
