/**
 * @module
 * What `npm run import` reads: a file, or a folder of files (REST API pages saved one per file), each
 * parsed by the importer its content calls for (tools/import/detect.ts). A WordPress export is read as
 * it streams, one item at a time (tools/import/xml-stream.ts), so its size does not bound the import;
 * any other file is read whole, up to `MAX_WHOLE_BYTES`.
 */

import { createReadStream, openSync, readdirSync, readFileSync, readSync, closeSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Parsed, ParseOptions } from "../../tools/import/items.ts";
import { parseSource, SourceError } from "../../tools/import/detect.ts";
import { wxrHeader, wxrParts } from "../../tools/import/wxr.ts";
import { xmlPieces, XmlStreamError } from "../../tools/import/xml-stream.ts";

export { SourceError } from "../../tools/import/detect.ts";

/** A file that is not a WordPress export is read whole up to this size (a feed or a REST API page is far smaller). */
export const MAX_WHOLE_BYTES = 32 * 1024 * 1024;
/** One WXR item's XML is kept up to this many characters (an article is at most 256 KiB as JSON; HTML is larger). */
export const MAX_ITEM_CHARS = 8 * 1024 * 1024;
/** A WXR's header (title, authors, categories) up to this many characters. */
export const MAX_HEADER_CHARS = 32 * 1024 * 1024;
/** Items a streamed WXR gives at a time. */
const PART_ITEMS = 100;

/** The files of a source path: the file itself, or every file of a folder (not its subfolders), by name. */
export function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => /\.(xml|rss|atom|json)$/i.test(f))
    .sort()
    .map((f) => join(path, f));
}

/** Its first bytes as text, to tell a WordPress export from anything else before reading on. */
function opening(file: string): string {
  const fd = openSync(file, "r");
  try {
    const bytes = Buffer.alloc(64 * 1024);
    return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0)).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** A WordPress export's parts, as it streams; undefined when the file is not one. */
async function* streamedWxr(file: string, options: ParseOptions): AsyncGenerator<Parsed, boolean> {
  if (!/^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<rss[\s>]/.test(opening(file))) return false;
  const pieces = xmlPieces(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }), { maxItem: MAX_ITEM_CHARS, maxHeader: MAX_HEADER_CHARS });
  try {
    const first = await pieces.next();
    const channel = !first.done && first.value.kind === "header" ? wxrHeader(first.value.text) : undefined;
    if (!channel) return false;
    yield* wxrParts(channel, pieces, options, PART_ITEMS);
    return true;
  } catch (e) {
    if (e instanceof XmlStreamError) throw new SourceError(`${file}: not well-formed XML (${e.message})`);
    throw e;
  } finally {
    await pieces.return(undefined);
  }
}

/** Every file of a source path, in parts: a streamed WordPress export many, any other file one. */
export async function* readSource(path: string, options: ParseOptions): AsyncGenerator<{ file: string; parsed: Parsed; last: boolean }> {
  for (const file of sourceFiles(path)) {
    const streamed = streamedWxr(file, options);
    let step = await streamed.next();
    if (step.done && step.value) continue;
    if (!step.done) {
      while (!step.done) {
        const next = await streamed.next();
        yield { file, parsed: step.value, last: next.done === true };
        step = next;
      }
      continue;
    }
    const size = statSync(file).size;
    if (size > MAX_WHOLE_BYTES)
      throw new SourceError(`${file}: ${(size / 1024 / 1024).toFixed(0)} MB; only a WordPress export (WXR) is read as it streams, any other file up to ${MAX_WHOLE_BYTES / 1024 / 1024} MB (split it)`);
    yield { file, parsed: parseSource(readFileSync(file, "utf8"), options, file), last: true };
  }
}
