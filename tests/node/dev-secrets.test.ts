/**
 * Every secret in .dev.vars reaches the Worker under `wrangler dev`. wrangler.toml declared
 * `[secrets] required = ["PUBLISH_TOKEN"]`, and with a `[secrets]` table wrangler loads only the keys
 * it lists from .dev.vars: EDITOR_TOKENS, DESK_SECRET and PREVIEW_SECRET never reached the Worker
 * locally (named editors got 401, sessions and preview links were signed with PUBLISH_TOKEN). Here
 * wrangler's own resolution of the bindings `wrangler dev` starts with (`unstable_getMiniflareWorkerOptions`,
 * which reads .dev.vars beside the configuration) is asked for the real wrangler.toml, copied beside a
 * .dev.vars with all four; and .dev.vars.example, the newcomer's model of .dev.vars, names all four.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const SECRETS = { PUBLISH_TOKEN: "dev-publish", EDITOR_TOKENS: '{"Alice":"00"}', DESK_SECRET: "dev-desk", PREVIEW_SECRET: "dev-preview" };
const dir = mkdtempSync(join(tmpdir(), "dev-secrets-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("secrets in .dev.vars", () => {
  it("all four reach the Worker under wrangler dev, not only PUBLISH_TOKEN", () => {
    copyFileSync("wrangler.toml", join(dir, "wrangler.toml"));
    writeFileSync(
      join(dir, ".dev.vars"),
      Object.entries(SECRETS)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n") + "\n",
    );
    const { workerOptions } = unstable_getMiniflareWorkerOptions(join(dir, "wrangler.toml"));
    const bindings = (workerOptions.bindings ?? {}) as Record<string, unknown>;
    assert.deepEqual(Object.fromEntries(Object.keys(SECRETS).map((k) => [k, bindings[k]])), SECRETS);
  });

  it("wrangler.toml has no [secrets] table, which would filter them (and make wrangler dev warn of a missing one)", () => {
    assert.doesNotMatch(readFileSync("wrangler.toml", "utf8"), /^\[secrets\]/m);
  });

  it(".dev.vars.example names every secret the Worker reads, and git ignores .dev.vars", () => {
    const example = readFileSync(".dev.vars.example", "utf8");
    for (const name of Object.keys(SECRETS)) assert.match(example, new RegExp(`^#? ?${name}=`, "m"), name);
    assert.match(readFileSync(".gitignore", "utf8"), /^\.dev\.vars$/m);
  });
});
