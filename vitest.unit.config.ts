/**
 * The pure unit tests, in plain Node (threads pool): modules that need no Workers binding. StrykerJS
 * drives this project (`npm run test:mutation`), since its vitest runner cannot drive the workerd pool.
 * `npm test` runs it too, next to the workerd project in vitest.config.ts.
 */
import { defineConfig } from "vitest/config";

/** Test files that import nothing from `cloudflare:*`; every other test runs in workerd. */
export const NODE_UNIT_TESTS = ["tests/*-unit.test.ts", "tests/accept-property.test.ts", "tests/schema-property.test.ts"];

export default defineConfig({
  test: { name: "unit", include: NODE_UNIT_TESTS, environment: "node", pool: "threads" },
});
