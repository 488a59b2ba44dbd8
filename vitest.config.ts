import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      // The publish token is a secret in production (`wrangler secret put PUBLISH_TOKEN`); tests use their own.
      miniflare: { bindings: { PUBLISH_TOKEN: "test-publish-token" } },
    }),
  ],
  test: { include: ["tests/**/*.test.ts"] },
});
