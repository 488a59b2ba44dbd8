/**
 * @module
 * The house rules `npm run check` enforces on the code (docs/architecture.md, "Rules the code keeps"),
 * as a function of a checkout's root so a test can plant a breach of each in a tree of its own
 * (tests/node/structure-rules.test.ts):
 * - src/ is three folders: src/shared (what both Workers compile in), src/newsroom (the Newsroom
 *   Worker) and src/reader (the reader Worker); newsroom/ and reader/ import only shared/ and
 *   themselves, shared/ imports neither, types included (the contract is src/shared/newsroom-api.ts);
 * - no module of src/, tools/, scripts/ or desk/ over 300 lines, and no two with the same name, with
 *   or without their extension (`body.ts` and `body.tsx` are two things to tell apart);
 * - no import cycle in src/;
 * - no TTL or Cache-Control literal outside src/shared/freshness/policy.ts, no Cache API origin
 *   outside src/shared/freshness/resources.ts, no article-id pattern outside src/shared/model/ids.ts.
 */

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, normalize, relative } from "node:path";

export const MAX_LINES = 300;
export const FOLDERS = ["shared", "newsroom", "reader"] as const;
/** What each folder of src/ may import (besides itself). */
const MAY_IMPORT: Record<(typeof FOLDERS)[number], string[]> = { shared: [], newsroom: ["shared"], reader: ["shared"] };
export const POLICY = "src/shared/freshness/policy.ts";
export const CACHE_KEYS = "src/shared/freshness/resources.ts";
export const IDS = "src/shared/model/ids.ts";

function walk(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? walk(root, path) : /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative imports of a module (value and type imports alike, and dynamic ones), as paths from the root. */
function importsOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?:type\s+)?[^;]*?\sfrom\s+["'](\.[^"']+)["']/gms)) found.push(normalize(join(dirname(file), m[1])));
  for (const m of text.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) found.push(normalize(join(dirname(file), m[1])));
  return found;
}

/** Code without comments, for the literal rules (comments may say what a policy means). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

/** Every breach of the house rules in the checkout at `root`, one line each (none: the rules hold). */
export function structureProblems(root: string): string[] {
  const problems: string[] = [];
  const modules = ["src", "tools", "scripts", "desk"].flatMap((dir) => walk(root, dir));
  for (const file of modules) {
    const lines = readFileSync(join(root, file), "utf8").split("\n").length;
    if (lines > MAX_LINES) problems.push(`${file}: ${lines} lines (at most ${MAX_LINES})`);
  }

  const byName = new Map<string, string[]>();
  for (const file of modules) {
    const name = basename(file).replace(/\.tsx?$/, "");
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  for (const [name, files] of byName) if (files.length > 1) problems.push(`${files.join(", ")}: two modules named ${name}`);

  const src = modules.filter((f) => f.startsWith("src/"));
  const folderOf = (file: string) => FOLDERS.find((f) => file.startsWith(`src/${f}/`));
  const graph = new Map(src.map((f) => [f, importsOf(root, f)]));
  for (const [file, imports] of graph) {
    const folder = folderOf(file);
    if (!folder) {
      problems.push(`${file}: outside src/shared, src/newsroom and src/reader`);
      continue;
    }
    for (const target of imports) {
      if (!target.startsWith("src/")) continue;
      const to = folderOf(target);
      if (to !== folder && !(to && MAY_IMPORT[folder].includes(to)))
        problems.push(`${file} imports ${target}: src/${folder}/ imports only ${[folder, ...MAY_IMPORT[folder]].map((f) => `src/${f}/`).join(" and ")}`);
    }
  }

  // Cycles, by depth-first search over value and type imports alike (a type cycle is still a tangle).
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      problems.push(`import cycle: ${[...path.slice(path.indexOf(file)), file].join(" → ")}`);
      return;
    }
    state.set(file, "open");
    for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
    state.set(file, "done");
  };
  for (const file of src) visit(file, []);

  for (const file of src) {
    const text = code(readFileSync(join(root, file), "utf8"));
    if (file !== POLICY)
      for (const m of text.matchAll(/(max-age|s-maxage|stale-while-revalidate|stale-if-error|no-store|immutable)\b|\b(cacheTtl|expirationTtl)\s*:\s*\d/g))
        problems.push(`${file}: "${m[0]}" outside ${POLICY}`);
    if (file !== CACHE_KEYS && text.includes("cache.invalid")) problems.push(`${file}: a Cache API origin outside ${CACHE_KEYS}`);
    if (file !== IDS && text.includes("[1-9][0-9]{0,11}")) problems.push(`${file}: the article-id pattern outside ${IDS}`);
  }
  return problems;
}

/** The summary line of a tree that keeps every rule. */
export function structureSummary(root: string): string {
  const count = ["src", "tools", "scripts", "desk"].flatMap((dir) => walk(root, dir)).length;
  return `structure: ${count} modules ≤ ${MAX_LINES} lines, src/ in ${FOLDERS.map((f) => `${f}/`).join(", ")} importing only as allowed, no import cycle, names unique, freshness in ${relative(".", POLICY)}`;
}
