/**
 * @module
 * The article source files, read once for every Node script that needs them (build, serve, bench,
 * publish), in a stable order.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "../../tools/content/build.ts";

export const CONTENT_DIR = "content/articles";

export function readSources(dir = CONTENT_DIR): SourceFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ name: join(dir, f), source: readFileSync(join(dir, f), "utf8") }));
}
