import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { createHash, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { defineConfig } from "vitest/config";

const PUBLISH_TOKEN = "test-publish-token";
const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");
/** Named editors and their tokens: `EDITOR_TOKENS` holds the SHA-256 of each. */
const EDITORS: Record<string, string> = {
  Alice: "test-editor-alice",
  // Only the rate-limit test writes as Bob, so his quota is its own.
  Bob: "test-editor-bob",
  // A contributor (drafts only): DESK.roles below.
  Carol: "test-editor-carol",
  // One editor per burst of 100 concurrent publishes in newsroom-integration (each its own quota).
  Burst200000: "test-editor-burst-200000",
  Burst201000: "test-editor-burst-201000",
  Burst202000: "test-editor-burst-202000",
  Burst303000: "test-editor-burst-303000",
};
// Cloudflare Access as the desk tests meet it: a team, an audience, and the team's keys as a JWKS
// (the public half of a key made for this run; the tests sign tokens with the private half).
const access = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ACCESS_KID = "test-access-key";
const DESK = {
  access_team: "https://newsroom-test.cloudflareaccess.com",
  access_aud: "test-access-aud",
  access_jwks: JSON.stringify({ keys: [{ ...access.publicKey.export({ format: "jwk" }), kid: ACCESS_KID, alg: "RS256", use: "sig" }] }),
  roles: { Carol: "contributor" },
  editors: { "alice@example.com": { name: "Alice", role: "editor" }, "carl@example.com": { name: "Carl", role: "contributor" } },
};

// The site's hosts (site.toml, written into wrangler.toml) and three of the tests' own, so the tests of
// redirects and mirrors pass whatever hosts the site has (tests/support/helpers.ts: REDIRECT, REDIRECT_WWW, MIRROR).
const HOSTS = {
  ...(parse(readFileSync("wrangler.toml", "utf8")) as { vars: { HOSTS: Record<string, string> } }).vars.HOSTS,
  "redirect.test": "redirect",
  "www.redirect.test": "redirect",
  "mirror.test": "mirror",
};

// The Newsroom Worker's own bindings (newsroom.wrangler.toml): its snapshots' bucket and its vars, beside the reader's.
type R2Config = { r2_buckets: { binding: string; bucket_name: string }[]; vars: Record<string, string | number> };
const readerToml = parse(readFileSync("wrangler.toml", "utf8")) as unknown as R2Config;
const newsroomToml = parse(readFileSync("newsroom.wrangler.toml", "utf8")) as unknown as R2Config;
const R2_BUCKETS = Object.fromEntries([...readerToml.r2_buckets, ...newsroomToml.r2_buckets].map((b) => [b.binding, b.bucket_name]));

// Two projects: the pure unit tests in Node (vitest.unit.config.ts, also what Stryker mutates against)
// and everything else inside workerd against real bindings.
export default defineConfig({
  test: {
    projects: [
      "./vitest.unit.config.ts",
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // The reader and the Newsroom in one script (tests/support/worker.ts), the Newsroom bound as in
            // newsroom.wrangler.toml but without a script of its own, so tests can reach into it.
            main: "./tests/support/worker.ts",
            miniflare: {
              durableObjects: { NEWSROOM: { className: "Newsroom", useSQLite: true } },
              r2Buckets: R2_BUCKETS,
              // The Newsroom Worker's Access verifier, here in the same script as the reader.
              serviceBindings: { ACCESS: { name: "edge-news", entrypoint: "DeskAccess" } },
              // Secrets in production (`wrangler secret put …`); the tests use their own, every one of them, so
              // a developer's .dev.vars (which the plugin loads, as wrangler dev does) changes no test.
              bindings: {
                ...newsroomToml.vars,
                PUBLISH_TOKEN,
                DESK_SECRET: "test-desk-secret",
                PREVIEW_SECRET: "test-preview-secret",
                DESK,
                HOSTS,
                TEST_ACCESS_KEY: JSON.stringify({ ...access.privateKey.export({ format: "jwk" }), kid: ACCESS_KID, alg: "RS256" }),
                EDITOR_TOKENS: JSON.stringify(Object.fromEntries(Object.entries(EDITORS).map(([name, token]) => [name, sha256(token)]))),
              },
            },
          }),
        ],
        // Every file's API responses are checked against /openapi.json when its tests end (tests/support/contract.ts).
        // A minute a test: on a loaded machine (two runs sharing two cores) a write and its drain can take
        // seconds; no test measures time by its own timeout.
        // The ping sink: a local HTTP endpoint the Newsroom's IndexNow and WebSub pings reach (tests/workers/write/pings.test.ts).
        test: {
          name: "workers",
          include: ["tests/workers/**/*.test.ts"],
          setupFiles: ["tests/support/contract-setup.ts"],
          globalSetup: ["tests/support/ping-sink.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
