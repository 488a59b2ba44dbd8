// The bundle budget: the modules `wrangler deploy --dry-run --outdir <dir>` wrote, gzipped, must stay
// within issue 14's 50 KiB (a small upload starts fast). `npm run check` runs this after its build;
// over the budget, it names the size and how far over it is. What keeps it there: the stylesheet,
// the OpenAPI document and the icons are static assets (ASSETS), `hono/tiny`, minify without
// `keep_names`; README "Scale benchmark" has the figures.
import { kib, measureModules } from "./lib/build.ts";

const BUDGET_KIB = 50;
const dir = process.argv[2] ?? "dist/worker";
const { bytes, gzipBytes } = measureModules(dir);
if (bytes === 0) {
  console.error(`bundle: no modules in ${dir}; build it first (wrangler deploy --dry-run --outdir ${dir})`);
  process.exit(1);
}
const size = `${kib(gzipBytes)} KiB gzipped (${kib(bytes)} KiB raw, ${dir})`;
if (gzipBytes > BUDGET_KIB * 1024) {
  console.error(`bundle: ${size} is over the ${BUDGET_KIB} KiB budget by ${kib(gzipBytes - BUDGET_KIB * 1024)} KiB: see the README, "Scale benchmark"`);
  process.exit(1);
}
console.log(`bundle: ${size}, within the ${BUDGET_KIB} KiB budget`);
