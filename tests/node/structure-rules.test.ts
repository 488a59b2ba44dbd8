/**
 * The house rules of `npm run check` (scripts/check/structure-rules.ts): the real tree keeps them, and a
 * planted breach of each, in a small tree of its own, is named.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { structureProblems } from "../../scripts/check/structure-rules.ts";

const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A tree of its own: a shared module, one of each Worker, and whatever the test adds. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "structure-"));
  roots.push(root);
  const base: Record<string, string> = {
    "src/shared/model/thing.ts": "export const THING = 1;\n",
    "src/newsroom/room.ts": 'import { THING } from "../shared/model/thing.ts";\nexport const ROOM = THING;\n',
    "src/reader/page.ts": 'import { THING } from "../shared/model/thing.ts";\nexport const PAGE = THING;\n',
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the structure rules", () => {
  it("hold for this repository", () => {
    assert.deepEqual(structureProblems("."), []);
  });

  it("hold for the small tree the breaches are planted in", () => {
    assert.deepEqual(structureProblems(tree({})), []);
  });

  it("refuse the reader importing the Newsroom, even a type", () => {
    const problems = structureProblems(tree({ "src/reader/page.ts": 'import type { ROOM } from "../newsroom/room.ts";\nexport type P = typeof ROOM;\n' }));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /src\/reader\/page\.ts imports src\/newsroom\/room\.ts: src\/reader\/ imports only src\/reader\/ and src\/shared\//);
  });

  it("refuse the Newsroom importing the reader", () => {
    const problems = structureProblems(tree({ "src/newsroom/room.ts": 'import { PAGE } from "../reader/page.ts";\nexport const ROOM = PAGE;\n' }));
    assert.deepEqual(problems, ["src/newsroom/room.ts imports src/reader/page.ts: src/newsroom/ imports only src/newsroom/ and src/shared/"]);
  });

  it("refuse shared/ importing either Worker", () => {
    const problems = structureProblems(tree({ "src/shared/model/thing.ts": 'import { PAGE } from "../../reader/page.ts";\nexport const THING = PAGE;\n' }));
    assert.ok(
      problems.some((p) => p.startsWith("src/shared/model/thing.ts imports src/reader/page.ts: src/shared/ imports only src/shared/")),
      problems.join("\n"),
    );
  });

  it("refuse a module of src/ outside the three folders", () => {
    assert.deepEqual(structureProblems(tree({ "src/util.ts": "export const U = 1;\n" })), ["src/util.ts: outside src/shared, src/newsroom and src/reader"]);
  });

  it("refuse two modules with the same name, whatever their extension", () => {
    const problems = structureProblems(tree({ "src/reader/http/body.ts": "export const A = 1;\n", "src/reader/render/body.tsx": "export const B = 2;\n" }));
    assert.deepEqual(problems, ["src/reader/http/body.ts, src/reader/render/body.tsx: two modules named body"]);
  });

  it("refuse a module over 300 lines, an import cycle, and the literals outside their one place", () => {
    const long = "export const X = 1;\n" + "// a line\n".repeat(300);
    const problems = structureProblems(
      tree({
        "src/reader/long.ts": long,
        "src/reader/a.ts": 'import { B } from "./b.ts";\nexport const A = B;\n',
        "src/reader/b.ts": 'import { A } from "./a.ts";\nexport const B = A;\n',
        "src/reader/ttl.ts": 'export const C = "public, max-age=60";\nexport const O = "https://cache.invalid/v1/x";\nexport const I = /^[1-9][0-9]{0,11}$/;\n',
      }),
    );
    assert.ok(problems.includes("src/reader/long.ts: 302 lines (at most 300)"), problems.join("\n"));
    assert.ok(
      problems.some((p) => p.startsWith("import cycle: src/reader/a.ts → src/reader/b.ts → src/reader/a.ts")),
      problems.join("\n"),
    );
    assert.ok(problems.includes('src/reader/ttl.ts: "max-age" outside src/shared/freshness/policy.ts'), problems.join("\n"));
    assert.ok(problems.includes("src/reader/ttl.ts: a Cache API origin outside src/shared/freshness/resources.ts"), problems.join("\n"));
    assert.ok(problems.includes("src/reader/ttl.ts: the article-id pattern outside src/shared/model/ids.ts"), problems.join("\n"));
  });
});
