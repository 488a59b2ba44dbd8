/**
 * @module
 * The schemas of what apps need beyond lists (src/reader/routes/discover.ts): the section tree, search
 * results and the change feed of delta sync. schemas.ts adds them to the document's components.
 */

import { date, nullableImage, SUMMARY_REQUIRED, summaryProperties, text } from "./common.ts";

export const discoverSchemas = {
  Section: {
    type: "object",
    additionalProperties: false,
    required: ["name", "path", "url", "articles", "newest", "sections"],
    properties: {
      name: text,
      path: { type: "string", description: "For `section=` and the section page's URL" },
      url: { type: "string", format: "uri" },
      articles: { type: "integer", minimum: 1, description: "Public articles in this section and below" },
      newest: date,
      sections: { type: "array", items: { $ref: "#/components/schemas/Section" } },
    },
  },
  SectionTree: {
    type: "object",
    additionalProperties: false,
    required: ["total", "sections"],
    properties: { total: { type: "integer", minimum: 0 }, sections: { type: "array", items: { $ref: "#/components/schemas/Section" } } },
  },
  SearchResults: {
    type: "object",
    additionalProperties: false,
    required: ["query", "section", "results", "total", "page", "perPage", "pages"],
    properties: {
      query: { type: "string" },
      section: { type: ["string", "null"] },
      results: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: [...SUMMARY_REQUIRED, "snippet", "highlights"],
          properties: {
            ...summaryProperties,
            snippet: { type: "string", description: "Plain text around the matches" },
            highlights: { type: "array", items: { type: "array", items: { type: "integer", minimum: 0 }, minItems: 2, maxItems: 2 }, description: "[start, end) of each match in `snippet`, UTF-16 offsets" },
          },
        },
      },
      total: { type: "integer", minimum: 0 },
      page: { type: "integer", minimum: 1 },
      perPage: { type: "integer", minimum: 1 },
      pages: { type: "integer", minimum: 1 },
    },
  },
  Changes: {
    type: "object",
    additionalProperties: false,
    required: ["changes", "next", "more"],
    properties: {
      changes: {
        type: "array",
        items: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              required: ["type", "time", ...SUMMARY_REQUIRED, "description", "image"],
              properties: {
                type: { const: "upsert" },
                time: { type: "string", format: "date-time" },
                ...summaryProperties,
                description: { type: "string" },
                image: nullableImage,
                live: { $ref: "#/components/schemas/LiveSummary" },
              },
            },
            {
              type: "object",
              additionalProperties: false,
              required: ["type", "id", "time"],
              properties: { type: { const: "delete" }, id: { type: "string" }, time: { type: "string", format: "date-time" } },
            },
          ],
        },
      },
      next: { type: "string", description: "The cursor for the next call's `since`" },
      more: { type: "boolean", description: "Whether more changes follow right away" },
    },
  },
};
