import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { NODE_UNIT_TESTS } from "./vitest.unit.config.ts";

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
            // The publish token is a secret in production (`wrangler secret put PUBLISH_TOKEN`); tests use their own.
            miniflare: { bindings: { PUBLISH_TOKEN: "test-publish-token" } },
          }),
        ],
        test: { name: "workers", include: ["tests/**/*.test.ts"], exclude: NODE_UNIT_TESTS },
      },
    ],
  },
});
