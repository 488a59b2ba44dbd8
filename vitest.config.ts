import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      // Secrets in production (`wrangler secret put …`); the tests use their own. EDITOR_TOKENS names
      // "Alice", whose token is "test-editor-alice" (the value is its SHA-256).
      miniflare: {
        bindings: {
          PUBLISH_TOKEN: "test-publish-token",
          EDITOR_TOKENS: JSON.stringify({ Alice: "eda500c8a76fa4ca11b44eddf042ee0512e70b2db26c3c38a98d8e9e579ae3e0" }),
        },
      },
    }),
  ],
  test: { include: ["tests/**/*.test.ts"] },
});
