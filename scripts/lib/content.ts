/**
 * @module
 * The article source files, read once for every Node script that needs them (build, serve, bench,
 * publish), in a stable order: `.md` files, and `.json` (an article exactly as the Newsroom stores
 * it, which an export writes when the Markdown cannot carry it), in the folder and its subfolders
 * (an export puts them in section folders).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFile } from "../../tools/content/build.ts";

export const CONTENT_DIR = "content/articles";

export function readSources(dir = CONTENT_DIR): SourceFile[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.(md|json)$/.test(f))
    .sort()
    .map((f) => ({ name: join(dir, f), source: readFileSync(join(dir, f), "utf8") }));
}
