/**
 * The pure unit tests, in plain Node (threads pool): modules that need no Workers binding. StrykerJS
 * drives this project (`npm run test:mutation`), since its vitest runner cannot drive the workerd pool.
 * `npm test` runs it too, next to the workerd project in vitest.config.ts.
 */
import { defineConfig } from "vitest/config";

/** The runner is chosen by folder: tests/unit/ in Node, tests/workers/ in workerd (vitest.config.ts). */
export default defineConfig({
  test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", pool: "threads" },
});
