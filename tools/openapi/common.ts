/**
 * @module
 * What the OpenAPI schemas share (schemas.ts for articles and writes, discover-schemas.ts for
 * sections, search and sync): strings, dates and the members of a list item.
 */

export const text = { type: "string", minLength: 1 } as const;
export const date = { type: "string", description: "RFC 3339 date (YYYY-MM-DD) or date-time with offset" } as const;

export const nullableImage = { oneOf: [{ $ref: "#/components/schemas/Image" }, { type: "null" }] };

export const SUMMARY_REQUIRED = ["id", "url", "canonicalUrl", "section", "headline", "datePublished", "dateModified"];
export const summaryProperties = {
  id: { type: "string" },
  url: { type: "string", format: "uri" },
  canonicalUrl: { type: "string", format: "uri" },
  section: { type: "array", items: text },
  headline: text,
  datePublished: date,
  dateModified: date,
};

/** `Prefer: wait` of a write (document.ts). */
export const prefer = {
  name: "Prefer",
  in: "header",
  schema: { type: "string", examples: ["wait=10"] },
  description: "`wait=<seconds>` (RFC 7240, at most 60): answer once KV has the change (read-your-writes), or when the time is up. Without it the answer comes at the commit.",
};
