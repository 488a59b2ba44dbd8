/**
 * @module
 * Which importer reads a source: told apart by content (XML: a WordPress export, RSS 2.0 or Atom;
 * JSON: WordPress REST API posts, ninjs or this service's article JSON), never by file name.
 */

import type { Parsed, ParseOptions } from "./items.ts";
import { jsonFormat, parseJsonSource } from "./json-sources.ts";
import { isFeed, parseFeed } from "./syndication.ts";
import { isWxr, parseWxr } from "./wxr.ts";
import { parseXml } from "./xml-read.ts";

export class SourceError extends Error {}

/** One file's content as a source, or a SourceError saying why it is none. */
export function parseSource(content: string, options: ParseOptions, name = "the source"): Parsed {
  const start = content.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("<")) {
    let root: Record<string, unknown>;
    try {
      root = parseXml(start);
    } catch (e) {
      throw new SourceError(`${name}: not well-formed XML (${(e as Error).message})`);
    }
    if (isWxr(root)) return parseWxr(start, options);
    if (isFeed(root)) return parseFeed(start, options);
    throw new SourceError(`${name}: XML, but neither a WordPress export (WXR), RSS 2.0 nor Atom`);
  }
  let value: unknown;
  try {
    value = JSON.parse(start);
  } catch {
    throw new SourceError(`${name}: neither XML nor JSON`);
  }
  if (!jsonFormat(value)) throw new SourceError(`${name}: JSON, but neither WordPress REST API posts, ninjs nor this service's article JSON`);
  return parseJsonSource(value, options);
}
