// Publishes content/ through a deployed Worker's own write path (PUT /api/v1/articles/<id>), so
// articles published by other means stay listed, and uploads the photos it uses first (POST
// /api/v1/media, the same token). Each PUT answers at the Newsroom's commit; at the end the script
// waits until KV has them all. Usage:
//   PUBLISH_TOKEN=… node scripts/content/publish-content.ts --url https://www.presstv.ir [--concurrency 8]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Article } from "../../src/shared/model/schema.ts";
import type { MediaFile } from "../lib/content-media.ts";
import { uploadMedia, waitForReadModel } from "../lib/admin-api.ts";

const { values } = parseArgs({ options: { url: { type: "string" }, concurrency: { type: "string", default: "8" } } });
const token = process.env.PUBLISH_TOKEN;
if (!values.url || !token) {
  console.error("usage: PUBLISH_TOKEN=… node scripts/content/publish-content.ts --url https://host [--concurrency N]");
  process.exit(2);
}
try {
  execFileSync(process.execPath, ["scripts/build/build-content.ts"], { stdio: "inherit" });
} catch {
  process.exit(1);
}
const articles = JSON.parse(readFileSync("dist/articles.json", "utf8")) as Article[];
const files = JSON.parse(readFileSync("dist/sources.json", "utf8")) as Record<string, string>;
const media = JSON.parse(readFileSync("dist/media.json", "utf8")) as MediaFile[];
const put = await uploadMedia(values.url, token, media);
if (put) console.log(`media: ${put} image(s) uploaded`);

const started = performance.now();
const statuses = new Map<number, number>();
let failed = 0;
let next = 0;
async function worker(): Promise<void> {
  while (next < articles.length) {
    const article = articles[next++];
    const res = await fetch(new URL(`/api/v1/articles/${article.id}`, values.url), {
      method: "PUT",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(article),
    });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (!res.ok) {
      failed++;
      console.error(`${files[article.id] ?? article.id}: ${res.status} ${(await res.text()).slice(0, 500)}`);
    } else await res.arrayBuffer();
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(values.concurrency)) }, worker));
const answered = (performance.now() - started) / 1000;
await waitForReadModel(values.url, token);
const summary = [...statuses].map(([status, n]) => `${n} × ${status}`).join(", ");
console.log(
  `published ${articles.length} article(s) in ${answered.toFixed(1)} s (${summary}); in KV after ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);
