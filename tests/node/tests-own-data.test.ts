/**
 * Issue 23, item 20: `npm test` and `npm run test:node` failed as soon as a publisher added articles
 * to content/ (the feed count of 50, the 1001-sitemap test, the front page's JSON; a photo article
 * failed whole files), because the tests loaded every file of content/articles. They own their data:
 * the seed article is the one file of content/ they read (tests/support/seed.ts); everything else they need
 * they publish themselves.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

const SEED = "content/articles/2020-02-27-turkish-troops-killed-in-idlib.md";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

describe("the tests own their data", () => {
  // The e2e run serves content/ as `npm run dev` does (tests/support/e2e/content.ts reads it to know what a
  // reader must see): not the suites that must pass whatever content/ holds.
  const owned = files("tests").filter((f) => f !== "tests/node/tests-own-data.test.ts" && !/^tests\/(e2e|support\/e2e)\//.test(f));
  for (const file of owned) {
    it(`${file} reads no file of content/articles but the seed`, () => {
      const source = readFileSync(file, "utf8");
      // A glob or a directory read over content/articles, or readSources() (which reads it all).
      assert.doesNotMatch(source, /content\/articles\/\*|readSources\(|readdirSync\(["'`][^"'`]*content\/articles/, file);
      // A file of it read by name (an import or readFileSync): the seed only. (Names used as labels, or
      // a file a test writes itself and removes, are not reads.)
      for (const m of source.matchAll(/(?:from |import\(|readFileSync\()["'`]((?:\.\.\/)*content\/articles\/[^"'`]+)/g)) {
        assert.ok(m[1].replace(/\?raw$/, "").endsWith(SEED), `${file} reads ${m[1]}`);
      }
    });
  }

  it("the seed file the tests read is there", () => {
    assert.match(readFileSync(SEED, "utf8"), /^id: 100001$/m);
    assert.match(readFileSync("tests/support/seed.ts", "utf8"), new RegExp(SEED.replace(/[.]/g, "\\.")));
  });
});
