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

const SUMMARY_REQUIRED = ["id", "url", "canonicalUrl", "section", "headline", "datePublished", "dateModified"];
const summaryProperties = {
  id: { type: "string" },
  url: { type: "string", format: "uri" },
  canonicalUrl: { type: "string", format: "uri" },
  section: { type: "array", items: text },
  headline: text,
  datePublished: date,
  dateModified: date,
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
    required: SUMMARY_REQUIRED,
    properties: {
      ...summaryProperties,
      description: { type: "string", description: "Only with `fields=…,description`" },
      image: { oneOf: [{ $ref: "#/components/schemas/Image" }, { type: "null" }], description: "Only with `fields=…,image`" },
    },
  },
  ArticleFields: {
    type: "object",
    additionalProperties: false,
    description: "An article with only the members `fields=` named",
    properties: {
      id: { type: "string", pattern: "^[1-9][0-9]{0,11}$" },
      url: { type: "string", format: "uri" },
      canonicalUrl: { type: "string", format: "uri" },
      section: { type: "array", items: text, minItems: 1, maxItems: 4 },
      headline: text,
      description: text,
      datePublished: date,
      dateModified: date,
      image: { oneOf: [{ $ref: "#/components/schemas/Image" }, { type: "null" }] },
      body: { type: "array", items: { $ref: "#/components/schemas/Block" } },
    },
  },
  SummaryFields: {
    type: "object",
    additionalProperties: false,
    description: "A list item with only the members `fields=` named",
    properties: {
      id: { type: "string" },
      url: { type: "string", format: "uri" },
      canonicalUrl: { type: "string", format: "uri" },
      section: { type: "array", items: text },
      headline: text,
      datePublished: date,
      dateModified: date,
      description: { type: "string" },
      image: { oneOf: [{ $ref: "#/components/schemas/Image" }, { type: "null" }] },
    },
  },
  ArticleList: {
    type: "object",
    additionalProperties: false,
    required: ["articles", "total", "page", "perPage", "pages"],
    properties: {
      section: { type: "array", items: text, description: "Only on the front page and section pages" },
      articles: { type: "array", items: { anyOf: [{ $ref: "#/components/schemas/ArticleSummary" }, { $ref: "#/components/schemas/SummaryFields" }] } },
      total: { type: "integer", minimum: 0 },
      page: { type: "integer", minimum: 1 },
      perPage: { type: "integer", minimum: 1 },
      pages: { type: "integer", minimum: 1 },
      next: { type: "string", description: "Cursor for `after=`: the page after this one, whatever is published meanwhile (absent on the last page)" },
    },
  },
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
              required: ["type", "time", ...SUMMARY_REQUIRED],
              properties: { type: { const: "upsert" }, time: { type: "string", format: "date-time" }, ...summaryProperties },
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
      id: { type: "string" },
      version: { type: "integer", minimum: 1 },
      time: { type: "string", format: "date-time" },
      editor: { type: "string" },
      kind: { enum: ["upsert", "delete"] },
      url: { type: "string", format: "uri" },
      article: { oneOf: [{ $ref: "#/components/schemas/ArticleInput" }, { type: "null" }] },
    },
  },
  ArticlePreview: {
    type: "object",
    additionalProperties: false,
    description: "An article as `preview=1` returns it to an editor",
    required: ["id", "headline", "status", "scheduled", "version", "previewUrl"],
    properties: {
      id: { type: "string" },
      url: { type: "string", format: "uri" },
      canonicalUrl: { type: "string", format: "uri" },
      section: { type: "array", items: text },
      headline: text,
      description: text,
      datePublished: date,
      dateModified: date,
      image: { oneOf: [{ $ref: "#/components/schemas/Image" }, { type: "null" }] },
      body: { type: "array", items: { $ref: "#/components/schemas/Block" } },
      status: { enum: ["draft", "published"] },
      scheduled: { type: "boolean", description: "Published, but its time has not come" },
      version: { type: "integer", minimum: 1 },
      previewUrl: { type: ["string", "null"], format: "uri", description: "Its page, signed, for 24 hours" },
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
      available: { type: "array", items: { type: "string" }, description: "With 406: the media types this resource has" },
      limit: { type: "integer", description: "With 413: the largest body accepted, in bytes" },
      resync: { type: "string", format: "uri", description: "With 410: where to load the lists again" },
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
const page = { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: 10000 } };
const perPage = (max: number) => ({ name: "per_page", in: "query", schema: { type: "integer", minimum: 1, maximum: max } });
const section = { name: "section", in: "query", schema: { type: "string" }, description: "A section path, e.g. News/Syria (any case: another spelling 301s to the canonical one)" };
const ifNoneMatch = { name: "If-None-Match", in: "header", schema: { type: "string" }, description: "An ETag from an earlier answer: 304 when unchanged" };

/** What every public read can answer besides its 200. */
const readResponses = {
  "304": { description: "Not modified: the `If-None-Match` ETag is current" },
  "400": problem("A malformed query parameter; `errors` names it"),
  "406": problem("The client accepts no JSON; `available` lists the types"),
  "503": problem("The store did not answer and no cached copy was at hand; retry after `Retry-After`"),
};
/** What every editor's call can answer besides its success. */
const editorResponses = {
  "401": problem("Missing or wrong bearer token"),
  "429": problem("Too many requests from this token; retry after `Retry-After`"),
  "503": problem("The Newsroom did not answer; nothing was changed"),
};
const bearer = [{ bearer: [] }];

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Edge news API",
      version: "1.0.0",
      description: "Articles as JSON. Every article URL also answers `Accept: application/json`. Public reads need no credentials; writes and previews take a bearer token.",
      license: { name: "Proprietary: the publisher's content and API, all rights reserved", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: origin }],
    security: bearer,
    paths: {
      "/api/v1/articles": {
        get: {
          operationId: "listArticles",
          summary: "Articles, newest first",
          security: [],
          parameters: [
            page,
            perPage(100),
            section,
            fields,
            { name: "after", in: "query", schema: { type: "string" }, description: "The `next` cursor of an earlier page (instead of `page`)" },
            ifNoneMatch,
          ],
          responses: { "200": { description: "A page of articles; `Link` has rel=next/prev", content: json("ArticleList") }, "301": { description: "`section` in another case: the canonical spelling" }, ...readResponses },
        },
      },
      "/api/v1/articles/{id}": {
        parameters: [id],
        get: {
          operationId: "getArticle",
          summary: "One article",
          description:
            "With `preview=1` and a bearer token: the current version whatever its status (draft, scheduled), with `status`, `scheduled`, `version` and a signed `previewUrl` of its page (valid 24 h), never cached.",
          security: [],
          parameters: [fields, { name: "preview", in: "query", schema: { type: "string" } }, ifNoneMatch],
          responses: {
            "200": {
              description: "The article (with `preview=1`, the editor's view)",
              content: {
                "application/json": {
                  schema: { anyOf: [{ $ref: "#/components/schemas/Article" }, { $ref: "#/components/schemas/ArticleFields" }, { $ref: "#/components/schemas/ArticlePreview" }] },
                },
              },
            },
            "401": problem("preview=1 without a valid token"),
            "404": problem("No such article"),
            ...readResponses,
          },
        },
        put: {
          operationId: "publishArticle",
          summary: "Publish or correct an article",
          description:
            "Decided by the Newsroom, one write at a time. `If-Match` (the ETag of the article's JSON) makes it conditional, `If-None-Match: *` creates only. The answer carries the new `ETag`.",
          security: bearer,
          parameters: [
            { name: "If-Match", in: "header", schema: { type: "string" } },
            { name: "If-None-Match", in: "header", schema: { const: "*" } },
          ],
          requestBody: { required: true, content: json("ArticleInput") },
          responses: {
            "200": { description: "Corrected", content: json("Article") },
            "201": { description: "Published", content: json("Article") },
            "400": problem("Not JSON, or If-None-Match other than *"),
            "404": problem("An id outside the scheme"),
            "412": problem("If-Match names another version, or If-None-Match: * and the article exists; nothing changed"),
            "413": problem("Body too large"),
            "415": problem("Not application/json"),
            "422": problem("Does not match the schema; `errors` names each field (at most 20)"),
            ...editorResponses,
          },
        },
        delete: {
          operationId: "deleteArticle",
          summary: "Remove an article",
          security: bearer,
          parameters: [{ name: "If-Match", in: "header", schema: { type: "string" } }],
          responses: {
            "204": { description: "Removed" },
            "404": problem("No such article"),
            "412": problem("If-Match names another version; nothing changed"),
            ...editorResponses,
          },
        },
      },
      "/api/v1/articles/{id}/revisions": {
        parameters: [id],
        get: {
          operationId: "listRevisions",
          summary: "Every version of an article, newest first, with its editor",
          security: bearer,
          responses: {
            "200": {
              description: "The revisions",
              content: {
                "application/json": {
                  schema: { type: "object", required: ["id", "revisions"], properties: { id: { type: "string" }, revisions: { type: "array", items: { $ref: "#/components/schemas/Revision" } } } },
                },
              },
            },
            "404": problem("No such article"),
            ...editorResponses,
          },
        },
      },
      "/api/v1/articles/{id}/revisions/{version}": {
        parameters: [id, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
        get: {
          operationId: "getRevision",
          summary: "One version, whole (restore it with PUT)",
          security: bearer,
          responses: { "200": { description: "The revision", content: json("Revision") }, "404": problem("No such version"), ...editorResponses },
        },
      },
      "/api/v1/sections": {
        get: {
          operationId: "listSections",
          summary: "The section tree, with article counts and newest dates",
          security: [],
          parameters: [ifNoneMatch],
          responses: { "200": { description: "Every section with public articles", content: json("SectionTree") }, ...readResponses },
        },
      },
      "/api/v1/search": {
        get: {
          operationId: "searchArticles",
          summary: "Full-text search, best match first, with highlighted snippets",
          security: [],
          parameters: [
            { name: "q", in: "query", required: true, schema: { type: "string", minLength: 1, maxLength: 200 }, description: "Words to find (all of them); punctuation and operators are ignored" },
            section,
            page,
            perPage(50),
            ifNoneMatch,
          ],
          responses: { "200": { description: "Matches", content: json("SearchResults") }, "429": problem("Too many searches from this client; retry after `Retry-After`"), ...readResponses },
        },
      },
      "/api/v1/changes": {
        get: {
          operationId: "listChanges",
          summary: "Delta sync: every public change after a cursor, in commit order (deletions as tombstones)",
          security: [],
          parameters: [
            { name: "since", in: "query", schema: { type: "string", pattern: "^(0|[1-9][0-9]{0,14})$" }, description: "The `next` of the previous answer; absent: from the oldest change kept" },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            ifNoneMatch,
          ],
          responses: { "200": { description: "Changes; call again with `since=next` while `more`", content: json("Changes") }, "410": problem("The cursor is older than the changes kept: reload the lists, then sync again"), ...readResponses },
        },
      },
    },
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
