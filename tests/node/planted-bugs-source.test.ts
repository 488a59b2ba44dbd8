/**
 * Issue 23, item 18: `npm run test:planted` crashed after 13 of 21 plants because two of them named
 * text the code no longer had. Every planted bug must follow the code: each edit occurs exactly once
 * in today's source, changes it, and the test meant to catch it exists.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ISSUE15, PLANTS, plantedSource } from "../../scripts/test/plants.ts";

const tests = readFileSync("tests/workers/planted/planted-bugs.test.ts", "utf8");

describe("planted bugs follow the code", () => {
  for (const plant of [...PLANTS, ...ISSUE15]) {
    it(`plants "${plant.bug}" in ${plant.file}`, () => {
      const original = readFileSync(plant.file, "utf8");
      assert.notEqual(plantedSource(plant, original), original);
    });
  }

  for (const plant of PLANTS) {
    it(`has a test named "catches: ${plant.bug}"`, () => {
      assert.ok(
        tests.includes(`"catches: ${plant.bug}"`) || tests.includes(`\`catches: ${plant.bug}\``),
        `no test "catches: ${plant.bug}" in tests/workers/planted/planted-bugs.test.ts`,
      );
    });
  }

  it("refuses an edit whose text is gone, naming it", () => {
    assert.throws(
      () => plantedSource({ bug: "x", file: "src/reader/routes/pages.ts", edits: [["kindHeaders(c, kind, ARTICLE_CACHE)", "y"]] }),
      /kindHeaders\(c, kind, ARTICLE_CACHE\).*must occur exactly once/,
    );
  });
});
