/**
 * @module
 * The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`. Its schemas are the ones
 * the tests validate real responses against, so it cannot drift from what the Worker returns.
 */

const text = { type: "string", minLength: 1 } as const;
const date = { type: "string", description: "RFC 3339 date (YYYY-MM-DD) or date-time with offset" } as const;

const figure = {
  type: "object",
  required: ["type", "caption", "credit"],
  additionalProperties: false,
  properties: {
    type: { const: "figure" },
    caption: text,
    credit: text,
    src: { type: "string", format: "uri", description: "An https URL; for a photo uploaded here, the `url` POST /api/v1/media answered" },
    alt: { type: "string" },
    width: { type: "integer", minimum: 1, maximum: 20000, description: "Added in v1.1: the original's pixels; required with height for an uploaded photo" },
    height: { type: "integer", minimum: 1, maximum: 20000 },
    renditions: {
      type: "array",
      description: "Added in v1.1, in responses only: an uploaded photo's sizes, narrowest first (AVIF, WebP or JPEG by Accept)",
      items: { type: "object", required: ["width", "url"], additionalProperties: false, properties: { width: { type: "integer" }, url: { type: "string", format: "uri" } } },
    },
  },
};

const runs = { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Run" }, description: "Added in v1.1: the text with its links and emphasis; joined, the runs are `text`" } as const;
const inline = { type: "object", required: ["text"], additionalProperties: false, properties: { text, runs } } as const;
// Blocks added in v1.1 carry `text` too (items or paragraphs joined by a line break; an embed's title or URL).
const richText = { type: "string", description: "Plain text of the block, for clients that do not know its type" } as const;

/** Article metadata, added in v1.1. */
const metadata = {
  authors: {
    type: "array",
    maxItems: 20,
    items: { type: "object", required: ["name"], additionalProperties: false, properties: { name: text, url: { type: "string", format: "uri" } } },
  },
  tags: { type: "array", maxItems: 30, items: text },
  language: { type: "string", description: "BCP 47; in responses, the site's language when the article names none" },
  corrections: {
    type: "array",
    maxItems: 50,
    items: { type: "object", required: ["date", "text"], additionalProperties: false, properties: { date, text } },
  },
} as const;

export const schemas = {
  Run: {
    type: "object",
    required: ["text"],
    additionalProperties: false,
    properties: {
      text: { type: "string", minLength: 1 },
      em: { const: true },
      strong: { const: true },
      href: { type: "string", pattern: "^(https?://|mailto:|/(?!/))", description: "http(s), mailto, or a site-relative path" },
    },
  },
  Block: {
    oneOf: [
      { type: "object", required: ["type", "text"], additionalProperties: false, properties: { type: { const: "paragraph" }, text, runs } },
      { type: "object", required: ["type", "text"], additionalProperties: false, properties: { type: { const: "heading" }, text, runs, level: { const: 3, description: "A sub-heading; absent for level 2" } } },
      { $ref: "#/components/schemas/Figure" },
      {
        type: "object",
        required: ["type", "ordered", "items"],
        additionalProperties: false,
        properties: { type: { const: "list" }, ordered: { type: "boolean" }, items: { type: "array", minItems: 1, maxItems: 100, items: inline }, text: richText },
      },
      {
        type: "object",
        required: ["type", "paragraphs"],
        additionalProperties: false,
        properties: { type: { const: "quote" }, paragraphs: { type: "array", minItems: 1, maxItems: 20, items: inline }, attribution: text, text: richText },
      },
      {
        type: "object",
        required: ["type", "url"],
        additionalProperties: false,
        description: "A video or social post, shown as a link card (no third-party script or iframe)",
        properties: { type: { const: "embed" }, url: { type: "string", format: "uri", pattern: "^https://" }, provider: { type: "string" }, title: text, text: richText },
      },
    ],
  },
  Figure: figure,
  Image: { ...figure, required: ["caption", "credit"], properties: { ...figure.properties, type: undefined } },
  Article: {
    type: "object",
    additionalProperties: false,
    required: ["id", "url", "canonicalUrl", "section", "headline", "description", "datePublished", "dateModified", "image", "body", "authors", "tags", "language", "corrections"],
    properties: {
      id: { type: "string", pattern: "^[1-9][0-9]{0,11}$" },
      url: { type: "string", format: "uri", description: "On the host that answered (a mirror keeps its own)" },
      canonicalUrl: { type: "string", format: "uri" },
      section: { type: "array", items: text, minItems: 1, maxItems: 4 },
      headline: text,
      description: text,
      datePublished: date,
      dateModified: date,
      image: { oneOf: [{ $ref: "#/components/schemas/Image" }, { type: "null" }], description: "The lead image: the first figure of the body" },
      body: { type: "array", items: { $ref: "#/components/schemas/Block" } },
      ...metadata,
    },
  },
  ArticleSummary: {
    type: "object",
    additionalProperties: false,
    required: ["id", "url", "canonicalUrl", "section", "headline", "datePublished", "dateModified"],
    properties: {
      id: { type: "string" },
      url: { type: "string", format: "uri" },
      canonicalUrl: { type: "string", format: "uri" },
      section: { type: "array", items: text },
      headline: text,
      datePublished: date,
      dateModified: date,
    },
  },
  ArticleList: {
    type: "object",
    additionalProperties: false,
    required: ["articles", "total", "page", "perPage", "pages"],
    properties: {
      section: { type: "array", items: text, description: "Only on the front page and section pages" },
      articles: { type: "array", items: { $ref: "#/components/schemas/ArticleSummary" } },
      total: { type: "integer", minimum: 0 },
      page: { type: "integer", minimum: 1 },
      perPage: { type: "integer", minimum: 1 },
      pages: { type: "integer", minimum: 1 },
    },
  },
  ArticleInput: {
    type: "object",
    description: "The content schema (the same one content/ is checked against). `id`, when given, must match the URL.",
    required: ["section", "headline", "published", "body"],
    additionalProperties: false,
    properties: {
      id: { type: "string" },
      slug: { type: "string", pattern: "^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$" },
      section: { type: "array", items: text, minItems: 1, maxItems: 4 },
      headline: text,
      description: text,
      published: date,
      modified: date,
      body: { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Block" } },
      ...metadata,
    },
  },
  Media: {
    type: "object",
    additionalProperties: false,
    required: ["id", "url", "type", "width", "height", "renditions"],
    properties: {
      id: { type: "string", pattern: "^[0-9a-f]{64}$", description: "SHA-256 of the original's bytes" },
      url: { type: "string", format: "uri", description: "Put this in a figure's `src`" },
      type: { enum: ["image/jpeg", "image/png", "image/webp", "image/avif"], description: "From the bytes, not the request's Content-Type" },
      width: { type: "integer", minimum: 320 },
      height: { type: "integer", minimum: 1 },
      renditions: {
        type: "array",
        items: { type: "object", required: ["width", "url"], additionalProperties: false, properties: { width: { type: "integer" }, url: { type: "string", format: "uri" } } },
        description: "Each fixed width not wider than the original; AVIF, WebP or JPEG by Accept",
      },
    },
  },
  Problem: {
    type: "object",
    required: ["type", "status", "title"],
    properties: {
      type: { type: "string" },
      status: { type: "integer" },
      title: { type: "string" },
      detail: { type: "string" },
      errors: {
        type: "array",
        items: { type: "object", required: ["field", "message"], properties: { field: { type: "string" }, message: { type: "string" } } },
      },
    },
  },
};

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const fields = { name: "fields", in: "query", schema: { type: "string" }, description: "Comma-separated top-level members to return" };
const id = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[1-9][0-9]{0,11}$" } };

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Edge news API", version: "1.0.0", description: "Articles as JSON. Every article URL also answers `Accept: application/json`." },
    servers: [{ url: origin }],
    paths: {
      "/api/v1/articles": {
        get: {
          summary: "Articles, newest first",
          parameters: [
            { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: 10000 } },
            { name: "per_page", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "section", in: "query", schema: { type: "string" }, description: "A section path, e.g. News/Syria" },
            fields,
          ],
          responses: { "200": { description: "A page of articles; `Link` has rel=next/prev", content: json("ArticleList") }, "400": problem("Bad query") },
        },
      },
      "/api/v1/media": {
        post: {
          summary: "Upload a photo (JPEG, PNG, WebP or AVIF; at most 10 MiB and 40 megapixels)",
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
          responses: {
            "200": { description: "Already uploaded (same bytes)", content: json("Media") },
            "201": { description: "Stored", content: json("Media") },
            "401": problem("Missing or wrong token"),
            "413": problem("Larger than 10 MiB"),
            "415": problem("Not a JPEG, PNG, WebP or AVIF by its bytes"),
            "422": problem("Unreadable, truncated, over 40 megapixels or under 320 pixels wide"),
          },
        },
      },
      "/api/v1/articles/{id}": {
        parameters: [id],
        get: {
          summary: "One article",
          parameters: [fields],
          responses: { "200": { description: "The article", content: json("Article") }, "304": { description: "Not modified" }, "404": problem("No such article") },
        },
        put: {
          summary: "Publish or correct an article",
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json("ArticleInput") },
          responses: {
            "200": { description: "Corrected", content: json("Article") },
            "201": { description: "Published", content: json("Article") },
            "400": problem("Not JSON"),
            "401": problem("Missing or wrong token"),
            "413": problem("Body too large"),
            "415": problem("Not application/json"),
            "422": problem("Does not match the schema; `errors` names each field"),
          },
        },
        delete: {
          summary: "Remove an article",
          security: [{ bearer: [] }],
          responses: { "204": { description: "Removed" }, "401": problem("Missing or wrong token"), "404": problem("No such article") },
        },
      },
    },
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
