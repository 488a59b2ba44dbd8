// Re-derives every KV key from the Newsroom (unless `--check-only`), waits until KV has what the
// Newsroom has queued, then compares the Newsroom's read model with KV key by key and fails if
// anything differs (a key still queued is pending, never a difference):
//   node scripts/content/rebuild-content.ts --local [--check-only]
//   PUBLISH_TOKEN=… node scripts/content/rebuild-content.ts --remote --url https://host [--check-only]
import { parseArgs } from "node:util";
import { onService } from "./local.ts";
import { checkReadModel, rebuildReadModel, waitForReadModel } from "../lib/admin-api.ts";

const { values } = parseArgs({
  options: { local: { type: "boolean" }, remote: { type: "boolean" }, url: { type: "string" }, "check-only": { type: "boolean" } },
});
if (values.local === values.remote || (values.remote && !values.url)) {
  console.error("usage: node scripts/content/rebuild-content.ts --local | --remote --url https://host  [--check-only]");
  process.exit(2);
}

async function run(origin: string | URL, token: string): Promise<boolean> {
  if (!values["check-only"]) console.log("rebuilt:", JSON.stringify(await rebuildReadModel(origin, token)));
  // What the Newsroom still owes KV is not a difference: wait for it (a 100,000-article rebuild takes minutes).
  await waitForReadModel(origin, token, 30 * 60_000);
  const report = await checkReadModel(origin, token);
  console.log(
    `read model: ${report.checked} key(s) checked, ${report.missing.length} missing in KV, ${report.different.length} different, ${report.pending} pending`,
  );
  for (const key of [...report.missing, ...report.different].slice(0, 20)) console.log(`  ${key}`);
  return report.missing.length + report.different.length === 0;
}

const ok = await onService({ url: values.remote ? values.url : undefined }, "rebuild", "KV keys written before stay (each is derived again the same way); run the same command again", run);
process.exit(ok ? 0 : 1);
