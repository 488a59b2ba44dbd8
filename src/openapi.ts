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
  properties: { type: { const: "figure" }, caption: text, credit: text, src: { type: "string", format: "uri" }, alt: { type: "string" } },
};

export const schemas = {
  Block: {
    oneOf: [
      { type: "object", required: ["type", "text"], additionalProperties: false, properties: { type: { const: "paragraph" }, text } },
      { type: "object", required: ["type", "text"], additionalProperties: false, properties: { type: { const: "heading" }, text } },
      { $ref: "#/components/schemas/Figure" },
    ],
  },
  Figure: figure,
  Image: { ...figure, required: ["caption", "credit"], properties: { ...figure.properties, type: undefined } },
  Article: {
    type: "object",
    additionalProperties: false,
    required: ["id", "url", "canonicalUrl", "section", "headline", "description", "datePublished", "dateModified", "image", "body"],
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
      status: {
        enum: ["draft", "published"],
        description: "A draft is visible nowhere public. A published article whose `published` time is in the future appears then. Default: published.",
      },
    },
  },
  Revision: {
    type: "object",
    required: ["version", "time", "editor", "kind"],
    properties: {
      version: { type: "integer", minimum: 1 },
      time: { type: "string", format: "date-time" },
      editor: { type: "string" },
      kind: { enum: ["upsert", "delete"] },
      url: { type: "string", format: "uri" },
      article: { oneOf: [{ $ref: "#/components/schemas/ArticleInput" }, { type: "null" }] },
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
      errorCount: { type: "integer", description: "How many errors there were; `errors` lists at most 20" },
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
      "/api/v1/articles/{id}": {
        parameters: [id],
        get: {
          summary: "One article",
          description: "With `preview=1` and a bearer token: the current version whatever its status (draft, scheduled), with `status`, `scheduled`, `version` and a signed `previewUrl` of its page (valid 24 h), never cached.",
          parameters: [fields, { name: "preview", in: "query", schema: { type: "string" } }],
          responses: {
            "200": { description: "The article", content: json("Article") },
            "304": { description: "Not modified" },
            "401": problem("preview=1 without a valid token"),
            "404": problem("No such article"),
          },
        },
        put: {
          summary: "Publish or correct an article",
          description:
            "Decided by the Newsroom, one write at a time. `If-Match` (the ETag of the article's JSON) makes it conditional, `If-None-Match: *` creates only. The answer carries the new `ETag`.",
          security: [{ bearer: [] }],
          parameters: [
            { name: "If-Match", in: "header", schema: { type: "string" } },
            { name: "If-None-Match", in: "header", schema: { const: "*" } },
          ],
          requestBody: { required: true, content: json("ArticleInput") },
          responses: {
            "200": { description: "Corrected", content: json("Article") },
            "201": { description: "Published", content: json("Article") },
            "400": problem("Not JSON"),
            "401": problem("Missing or wrong token"),
            "412": problem("If-Match names another version, or If-None-Match: * and the article exists; nothing changed"),
            "413": problem("Body too large"),
            "415": problem("Not application/json"),
            "422": problem("Does not match the schema; `errors` names each field (at most 20)"),
          },
        },
        delete: {
          summary: "Remove an article",
          security: [{ bearer: [] }],
          parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
          responses: {
            "204": { description: "Removed" },
            "401": problem("Missing or wrong token"),
            "404": problem("No such article"),
            "412": problem("If-Match names another version; nothing changed"),
          },
        },
      },
      "/api/v1/articles/{id}/revisions": {
        parameters: [id],
        get: {
          summary: "Every version of an article, newest first, with its editor",
          security: [{ bearer: [] }],
          responses: {
            "200": {
              description: "The revisions",
              content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" }, revisions: { type: "array", items: { $ref: "#/components/schemas/Revision" } } } } } },
            },
            "401": problem("Missing or wrong token"),
            "404": problem("No such article"),
          },
        },
      },
      "/api/v1/articles/{id}/revisions/{version}": {
        parameters: [id, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
        get: {
          summary: "One version, whole (restore it with PUT)",
          security: [{ bearer: [] }],
          responses: { "200": { description: "The revision", content: json("Revision") }, "401": problem("Missing or wrong token"), "404": problem("No such version") },
        },
      },
    },
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
