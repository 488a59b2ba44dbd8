/**
 * @module
 * XML for the importers, parsed by fast-xml-parser: every value a string (an id stays `0012`),
 * CDATA joined into the text, attributes as `@_name`, and the elements a source repeats always lists.
 */

import { XMLParser } from "fast-xml-parser";

const REPEATED = new Set([
  "item",
  "entry",
  "category",
  "wp:author",
  "wp:category",
  "wp:tag",
  "wp:term",
  "wp:postmeta",
  "wp:comment",
  "link",
  "author",
  "dc:creator",
  "media:content",
  "contributor",
]);

export function parseXml(xml: string): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => REPEATED.has(name),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

/** The text of an element (with or without attributes), trimmed; "" when absent. */
export function text(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === "object") return text((value as Record<string, unknown>)["#text"]);
  return "";
}

/** The raw text of an element, untrimmed (HTML bodies). */
export function raw(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return raw(value[0]);
  if (value && typeof value === "object") return raw((value as Record<string, unknown>)["#text"]);
  return "";
}

export function list(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null || value === "") return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : { "#text": v }));
}

export const attr = (node: Record<string, unknown>, name: string): string => (typeof node[`@_${name}`] === "string" ? (node[`@_${name}`] as string) : "");
