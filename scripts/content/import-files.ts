/**
 * @module
 * What `npm run import` reads: a file, or a folder of files (REST API pages saved one per file), each
 * parsed by the importer its content calls for (tools/import/detect.ts).
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Parsed, ParseOptions } from "../../tools/import/items.ts";
import { parseSource } from "../../tools/import/detect.ts";

export { SourceError } from "../../tools/import/detect.ts";

/** The files of a source path: the file itself, or every file of a folder (not its subfolders), by name. */
export function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => /\.(xml|rss|atom|json)$/i.test(f))
    .sort()
    .map((f) => join(path, f));
}

export function readSource(path: string, options: ParseOptions): { file: string; parsed: Parsed }[] {
  return sourceFiles(path).map((file) => ({ file, parsed: parseSource(readFileSync(file, "utf8"), options, file) }));
}
