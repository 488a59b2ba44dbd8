import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { NODE_UNIT_TESTS } from "./vitest.unit.config.ts";

const PUBLISH_TOKEN = "test-publish-token";
// wrangler.toml declares PUBLISH_TOKEN a required secret; given here, wrangler does not warn that it is missing.
process.env.PUBLISH_TOKEN ??= PUBLISH_TOKEN;

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
            // Secrets in production (`wrangler secret put …`); the tests use their own. EDITOR_TOKENS names
            // "Alice", whose token is "test-editor-alice" (the value is its SHA-256).
            miniflare: {
              bindings: {
                PUBLISH_TOKEN,
                EDITOR_TOKENS: JSON.stringify({
                  Alice: "eda500c8a76fa4ca11b44eddf042ee0512e70b2db26c3c38a98d8e9e579ae3e0",
                  // "test-editor-bob": only the rate-limit test writes as Bob, so his quota is its own.
                  Bob: "7a2ad157c10cf25f55323c54e2f25f829df72259ae063c060b6803ad9cb18b7a",
                }),
              },
            },
          }),
        ],
        // Every file's API responses are checked against /openapi.json when its tests end (tests/contract.ts).
        test: { name: "workers", include: ["tests/**/*.test.ts"], exclude: NODE_UNIT_TESTS, setupFiles: ["tests/contract-setup.ts"] },
      },
    ],
  },
});
