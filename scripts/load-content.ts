// Loads content/ into KV: `--local` for the namespace `wrangler dev` uses, `--remote` to seed the
// deployed one. Builds and checks everything first (scripts/build-content.ts), then puts every entry
// (articles before index keys). The listings it writes hold content/ alone, so it is for a namespace
// that content/ owns; once articles are published through the API, use scripts/publish-content.ts.
// Locally it then deletes what content/ no longer has: articles whose file is gone and listing roots
// of sections left empty (their content-addressed nodes are left unused). Remotely it deletes nothing.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const where = process.argv[2];
if (where !== "--local" && where !== "--remote") {
  console.error("usage: node scripts/load-content.ts --local|--remote");
  process.exit(2);
}
const wrangler = (...args: string[]) =>
  execFileSync("wrangler", [...args, "--binding", "NEWS", where], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

execFileSync(process.execPath, ["scripts/build-content.ts"], { stdio: "inherit" });
wrangler("kv", "bulk", "put", "dist/kv.json");

if (where === "--remote") {
  console.log("content: entries put (remote); nothing deleted");
  process.exit(0);
}
const built = new Set((JSON.parse(readFileSync("dist/kv.json", "utf8")) as { key: string }[]).map((e) => e.key));
const listed = (JSON.parse(wrangler("kv", "key", "list", "--prefix", "v1:")) as { name: string }[]).map((k) => k.name);
const stale = listed.filter((k) => !built.has(k) && (k.startsWith("v1:article:") || k.endsWith(":meta") || k === "v1:index"));
// Index roots first, so no listing names a deleted article.
stale.sort((a, b) => Number(a.startsWith("v1:article:")) - Number(b.startsWith("v1:article:")));
if (stale.length) {
  writeFileSync("dist/stale-keys.json", JSON.stringify(stale));
  wrangler("kv", "bulk", "delete", "dist/stale-keys.json", "--force");
}
console.log(`content: ${built.size} entries put, ${stale.length} stale keys deleted (${where.slice(2)})`);
