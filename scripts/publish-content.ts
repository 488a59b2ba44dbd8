// Publishes content/ through the deployed Worker's own write path (PUT /api/v1/articles/<id>), so
// articles published by other means stay listed. Usage:
//   PUBLISH_TOKEN=… node scripts/publish-content.ts --url https://www.presstv.ir
import { parseArgs } from "node:util";
import { parseArticleSource } from "../src/content/source.ts";
import { readSources } from "./lib/content.ts";

const { values } = parseArgs({ options: { url: { type: "string" } } });
const token = process.env.PUBLISH_TOKEN;
if (!values.url || !token) {
  console.error("usage: PUBLISH_TOKEN=… node scripts/publish-content.ts --url https://host");
  process.exit(2);
}
let failed = 0;
for (const { name, source } of readSources()) {
  const parsed = parseArticleSource(source);
  if (!parsed.ok) {
    for (const e of parsed.errors) console.error(`${name}: ${e.field}: ${e.message}`);
    failed++;
    continue;
  }
  const res = await fetch(new URL(`/api/v1/articles/${parsed.value.id}`, values.url), {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(parsed.value),
  });
  console.log(`${name}: ${res.status}${res.ok ? "" : ` ${await res.text()}`}`);
  if (!res.ok) failed++;
}
process.exit(failed ? 1 : 0);
