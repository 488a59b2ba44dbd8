// Puts the image files that content/ uses (dist/media.json, written by scripts/build-content.ts) into
// the R2 bucket bound as MEDIA: `--local` for the bucket `wrangler dev` uses, `--remote` for the
// deployed one. Keys are `media/<SHA-256>`, as POST /api/v1/media stores them, so a file already there
// is the same bytes and is put again harmlessly.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { unstable_readConfig } from "wrangler";
import type { MediaFile } from "./lib/media.ts";

const where = process.argv[2];
if (where !== "--local" && where !== "--remote") {
  console.error("usage: node scripts/load-media.ts --local|--remote");
  process.exit(2);
}
const bucket = unstable_readConfig({ config: "wrangler.toml" }).r2_buckets.find((b: { binding: string }) => b.binding === "MEDIA")?.bucket_name;
if (!bucket) throw new Error("wrangler.toml has no R2 bucket bound as MEDIA");
const files: MediaFile[] = existsSync("dist/media.json") ? JSON.parse(readFileSync("dist/media.json", "utf8")) : [];
for (const f of files) {
  execFileSync("wrangler", ["r2", "object", "put", `${bucket}/${f.key}`, "--file", f.file, "--content-type", f.type, where], { stdio: ["ignore", "ignore", "inherit"] });
}
console.log(`media: ${files.length} image(s) put (${where.slice(2)})`);
