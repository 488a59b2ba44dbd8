// `npm run check`'s house rules (scripts/check/structure-rules.ts): exits 1 naming each breach.
import { structureProblems, structureSummary } from "./structure-rules.ts";

const problems = structureProblems(".");
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(structureSummary("."));
