// The house rules `npm run check` enforces on the code (docs/architecture.md):
// - no module of src/, tools/, scripts/ or desk/ over 300 lines;
// - no import cycle in src/;
// - the writer (src/write/) imports nothing of the reader's presentation: routes, render, views,
//   represent, the app, or the reader's caches (only the shared formats of src/model/, the KV
//   reader's errors, and the cache's policy, purge and resources);
// - the reader Worker's modules import nothing of src/write/ but types (the Newsroom is a Worker of
//   its own: a value import would put its code in the reader's bundle);
// - no two modules share a file name (two things called `store.ts` are two things to tell apart);
// - no TTL or Cache-Control literal outside src/cache/policy.ts.
// Exits 1 naming each breach.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, normalize, relative } from "node:path";

const MAX_LINES = 300;
const problems: string[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const code = ["src", "tools", "scripts", "desk"].flatMap(walk);
for (const file of code) {
  const lines = readFileSync(file, "utf8").split("\n").length;
  if (lines > MAX_LINES) problems.push(`${file}: ${lines} lines (at most ${MAX_LINES})`);
}

const byName = new Map<string, string[]>();
for (const file of code) byName.set(basename(file), [...(byName.get(basename(file)) ?? []), file]);
for (const [name, files] of byName) if (files.length > 1) problems.push(`${files.join(", ")}: two modules named ${name}`);

/** Relative imports of a module: the module each names, and whether it is `import type` only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, "utf8");
  const found: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+["'](\.[^"']+)["']/gms)) {
    found.push({ target: normalize(join(dirname(file), m[3])), typeOnly: m[1] === "import" && m[2] !== undefined });
  }
  for (const m of text.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) found.push({ target: normalize(join(dirname(file), m[1])), typeOnly: false });
  return found;
}

const src = code.filter((f) => f.startsWith("src/"));
const graph = new Map(src.map((f) => [f, importsOf(f)]));

// Cycles, by depth-first search over value and type imports alike (a type cycle is still a tangle).
const state = new Map<string, "open" | "done">();
function visit(file: string, path: string[]): void {
  if (state.get(file) === "done") return;
  if (state.get(file) === "open") {
    problems.push(`import cycle: ${[...path.slice(path.indexOf(file)), file].join(" → ")}`);
    return;
  }
  state.set(file, "open");
  for (const { target } of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
  state.set(file, "done");
}
for (const file of src) visit(file, []);

const WRITER_MAY = [/^src\/model\//, /^src\/write\//, /^src\/read\/kv\.ts$/, /^src\/cache\/(policy|purge|resources)\.ts$/];
// The Newsroom Worker's entry also hosts the desk's Access verifier (jose, kept out of the reader's bundle).
const ENTRY_MAY = [/^src\/desk\/access\.ts$/];
for (const [file, imports] of graph) {
  const writer = file.startsWith("src/write/") || file === "src/newsroom-worker.ts";
  for (const { target, typeOnly } of imports) {
    if (writer && !WRITER_MAY.some((re) => re.test(target)) && !(file === "src/newsroom-worker.ts" && ENTRY_MAY.some((re) => re.test(target))))
      problems.push(`${file} imports ${target}: the writer imports only src/model, src/read/kv.ts and the cache's policy, purge and resources`);
    if (!writer && target.startsWith("src/write/") && !typeOnly) problems.push(`${file} imports ${target}: the reader may import only types from the writer`);
  }
}

// Freshness numbers and Cache-Control strings live in one table.
const POLICY = "src/cache/policy.ts";
for (const file of src) {
  if (file === POLICY) continue;
  // Code, not comments, which may say what a policy means.
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  for (const m of text.matchAll(/(max-age|s-maxage|stale-while-revalidate|stale-if-error|no-store|immutable)\b|\b(cacheTtl|expirationTtl)\s*:\s*\d/g))
    problems.push(`${file}: "${m[0]}" outside ${POLICY}`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `structure: ${code.length} modules ≤ ${MAX_LINES} lines, no import cycle in src/, the writer and the reader apart, names unique, freshness in ${relative(".", POLICY)}`,
);
