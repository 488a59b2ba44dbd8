// The bundle budget: the modules `wrangler deploy --dry-run --outdir <dir>` wrote, gzipped. Issue 14's
// goal is 50 KiB (a small upload starts fast); `npm run check` runs this after its build, reports the
// size against the goal, and fails above the ceiling: the size the reader's site (issue 12) brought it
// to, rounded up, so the bundle cannot grow unnoticed while the goal is missed. Over the ceiling, it
// names the size and how far over it is. README "Scale benchmark" has the figures and what is left.
import { kib, measureModules } from "./lib/build.ts";

const GOAL_KIB = 50;
const CEILING_KIB = 52;
const dir = process.argv[2] ?? "dist/worker";
const { bytes, gzipBytes } = measureModules(dir);
if (bytes === 0) {
  console.error(`bundle: no modules in ${dir}; build it first (wrangler deploy --dry-run --outdir ${dir})`);
  process.exit(1);
}
const size = `${kib(gzipBytes)} KiB gzipped (${kib(bytes)} KiB raw, ${dir})`;
if (kib(gzipBytes) > CEILING_KIB) {
  console.error(`bundle: ${size} is over the ${CEILING_KIB} KiB ceiling by ${kib(gzipBytes - CEILING_KIB * 1024)} KiB: see the README, "Scale benchmark"`);
  process.exit(1);
}
const goal = kib(gzipBytes) > GOAL_KIB ? `over the ${GOAL_KIB} KiB goal by ${kib(gzipBytes - GOAL_KIB * 1024)} KiB` : `within the ${GOAL_KIB} KiB goal`;
console.log(`bundle: ${size}, ${goal}, within the ${CEILING_KIB} KiB ceiling`);
