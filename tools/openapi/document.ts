/**
 * @module
 * The OpenAPI 3.1 description of the JSON API, served at `/openapi.json` and written to openapi/openapi.json by `npm run openapi`: every
 * operation, its parameters, and every status it can answer. Schemas: schemas.ts; author, tag and corrections lists (v1.3): topic-paths.ts;
 * live updates' writes: live-update-paths.ts; the banner (v1.4): banner-paths.ts.
 */
import { schemas } from "./schemas.ts";
import { topicPaths } from "./topic-paths.ts";
import { liveUpdatePaths } from "./live-update-paths.ts";
import { withLiveReads } from "./live-read-paths.ts";
import { prefer } from "./common.ts";
import { bannerPaths } from "./banner-paths.ts";
import { ARTICLE_ID } from "../../src/shared/model/ids.ts";
const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const fields = { name: "fields", in: "query", schema: { type: "string" }, description: "Comma-separated top-level members to return; `id` and `url` are always returned" };
const id = { name: "id", in: "path", required: true, schema: { type: "string", pattern: ARTICLE_ID.source } };
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
  "403": problem("The editor's role does not allow it (a contributor writes drafts only), or a desk session's write without its CSRF token; nothing changed"),
  "429": problem("Too many requests from this token, or too many failed tokens from this client; retry after `Retry-After`"),
  "503": problem("The Newsroom did not answer; nothing was changed"),
};
const bearer = [{ bearer: [] }];
const ifMatch = { name: "If-Match", in: "header", schema: { type: "string" }, description: "The ETag of the article's JSON (from a GET or the last write): only that version" };
/** The headers of a committed write. */
const writeHeaders = {
  "Newsroom-Version": { description: "The version this write made", schema: { type: "integer" } },
  "Newsroom-Status": { description: "`published`, `draft`, or `scheduled;at=\"<RFC 3339>\"`", schema: { type: "string" } },
  "Newsroom-Read-Model": { description: "`pending=<n>`: how many of the KV keys this change writes KV does not have yet (0 once readers here see it)", schema: { type: "string" } },
  "Preference-Applied": { description: "`wait=<seconds>` when `Prefer: wait` was honoured", schema: { type: "string" } },
};
/** The answers of a write that takes an article. */
const articleWriteResponses = {
  "400": problem("Not JSON, or If-None-Match other than *"),
  "412": problem("If-Match names another version, or If-None-Match: * and the article exists; nothing changed"),
  "413": problem("Body too large"),
  "415": problem("Not application/json"),
  "422": problem("Does not match the schema; `errors` names each field (at most 20)"),
  ...editorResponses,
};

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
            {
              name: "status",
              in: "query",
              schema: { enum: ["draft", "scheduled", "published", "all", "removed"] },
              description: "With a bearer token: an editor's list from the Newsroom, newest change first, never cached. Without one, only `published` (the public list); anything else is a 401.",
            },
            { name: "preview", in: "query", schema: { type: "string" }, description: "With `status`: the editor's list even for `published`, authenticated by the desk's session as by a token" },
            { name: "author", in: "query", schema: { type: "string" }, description: "Added in v1.2, with `status`: only stories with this byline (a name, exactly)" },
            { name: "editor", in: "query", schema: { type: "string" }, description: "Added in v1.2, with `status`: only stories this editor saved a version of" },
            {
              name: "from",
              in: "query",
              schema: { type: "string", format: "date" },
              description: "Added in v1.2, with `status`: only stories published (or scheduled) from this date or date-time on; for `removed`, removed from then on",
            },
            { name: "to", in: "query", schema: { type: "string", format: "date" }, description: "Added in v1.2, with `status`: … up to this date (the whole day) or date-time" },
            {
              name: "sort",
              in: "query",
              schema: { enum: ["changed", "-changed", "published", "-published", "headline", "-headline"] },
              description: "Added in v1.2, with `status`: by last change (the default), publication time or headline, newest (or Z) first; with `-`, oldest (or A) first",
            },
            ifNoneMatch,
          ],
          responses: {
            "200": {
              description: "A page of articles; `Link` has rel=next/prev (with `status`, the editor's list)",
              content: { "application/json": { schema: { anyOf: [{ $ref: "#/components/schemas/ArticleList" }, { $ref: "#/components/schemas/EditorialList" }] } } },
            },
            "301": { description: "`section` in another case: the canonical spelling" },
            "401": problem("`status` without a valid bearer token"),
            "429": problem("Too many failed tokens from this client; retry after `Retry-After`"),
            ...readResponses,
          },
        },
        post: {
          operationId: "createArticle",
          summary: "Create an article with an id the Newsroom gives it",
          description: "As PUT, but the Newsroom names the article (one past every id it has held). `Location` is the new API resource.",
          security: bearer,
          parameters: [prefer],
          requestBody: { required: true, content: json("ArticleInput") },
          responses: { "201": { description: "Created", headers: writeHeaders, content: json("Article") }, ...articleWriteResponses },
        },
      },
      "/api/v1/media": {
        post: {
          operationId: "uploadMedia",
          summary: "Upload a photo (JPEG, PNG, WebP or AVIF; at most 10 MiB and 40 megapixels)",
          security: bearer,
          requestBody: { required: true, content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
          responses: {
            "200": { description: "Already uploaded (same bytes)", content: json("Media") },
            "201": { description: "Stored", content: json("Media") },
            "413": problem("Larger than 10 MiB"),
            "415": problem("Not a JPEG, PNG, WebP or AVIF by its bytes"),
            "422": problem("Unreadable, truncated, over 40 megapixels or under 320 pixels wide"),
            ...editorResponses,
          },
        },
      },
      "/api/v1/articles/{id}": {
        parameters: [id],
        get: {
          operationId: "getArticle",
          summary: "One article",
          description:
            "With a bearer token (or `preview=1` and one): the current version whatever its status (draft, scheduled), with `status`, `scheduled`, `version`, its editor and a signed `previewUrl` of its page (valid 24 h), never cached.",
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
            "401": problem("A bearer token that is not valid, or preview=1 without one"),
            "429": problem("Too many failed tokens from this client; retry after `Retry-After`"),
            "404": problem("No such article, or one back to a draft for now (it may come back)"),
            "410": problem("Removed by its publisher: an app drops its copy (the change feed has its tombstone too)"),
            ...readResponses,
          },
        },
        put: {
          operationId: "publishArticle",
          summary: "Publish or correct an article",
          description:
            "Decided by the Newsroom, one write at a time, and answered at its commit (`Prefer: wait` for read-your-writes). `If-Match` (the ETag of the article's JSON) makes it conditional, `If-None-Match: *` creates only. The answer carries the new `ETag`; the article exactly as stored makes no new version.",
          security: bearer,
          parameters: [ifMatch, { name: "If-None-Match", in: "header", schema: { const: "*" } }, prefer],
          requestBody: { required: true, content: json("ArticleInput") },
          responses: {
            "200": { description: "Corrected", headers: writeHeaders, content: json("Article") },
            "201": { description: "Published", headers: writeHeaders, content: json("Article") },
            "404": problem("An id outside the scheme"),
            ...articleWriteResponses,
          },
        },
        delete: {
          operationId: "deleteArticle",
          summary: "Remove an article",
          security: bearer,
          parameters: [ifMatch, prefer],
          responses: {
            "204": { description: "Removed", headers: writeHeaders },
            "404": problem("No such article"),
            "412": problem("If-Match names another version; nothing changed"),
            ...editorResponses,
          },
        },
      },
      ...withLiveReads(liveUpdatePaths({ id, ifMatch, prefer, writeHeaders, editorResponses, problem }), { id, ifNoneMatch, readResponses, problem }),
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
          summary: "One version, whole (restore it with POST …/restore)",
          security: bearer,
          responses: { "200": { description: "The revision", content: json("Revision") }, "404": problem("No such version"), ...editorResponses },
        },
      },
      "/api/v1/articles/{id}/revisions/{version}/restore": {
        parameters: [id, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
        post: {
          operationId: "restoreRevision",
          summary: "Make a version's text current again, as a new version dated now, in the article's state (a removed article comes back as a draft)",
          description:
            "The article keeps its state: a live article stays live, a scheduled one scheduled, a draft a draft, whatever the version restored was. A removed article comes back as a draft, off the site, unless `status=published` republishes it (at its old address: the version's publication time). Changed in v1.2: a removed article restored without `status` came back as the version was, live if it had been.",
          security: bearer,
          parameters: [
            ifMatch,
            prefer,
            { name: "status", in: "query", schema: { enum: ["draft", "published"] }, description: "Added in v1.2: the state to restore in (`published` republishes a removed article)" },
          ],
          responses: {
            "200": { description: "Restored", headers: writeHeaders, content: json("Article") },
            "201": { description: "Restored a removed article", headers: writeHeaders, content: json("Article") },
            "404": problem("No such version, or a removal"),
            ...articleWriteResponses,
          },
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
            {
              name: "q",
              in: "query",
              required: true,
              schema: { type: "string", minLength: 1, maxLength: 200 },
              description: "Words to find, at most 12, all of which must match; punctuation and operators (`\"`, `*`, `-`, `:`, `AND`, `OR`, `NOT`, `NEAR`) only separate words",
            },
            section,
            page,
            perPage(50),
            ifNoneMatch,
          ],
          responses: { "200": { description: "Matches", content: json("SearchResults") }, "429": problem("Too many searches from this client; retry after `Retry-After`"), ...readResponses },
        },
      },
      ...topicPaths({ page, ifNoneMatch, readResponses }),
      ...bannerPaths({ ifNoneMatch, prefer, readResponses, editorResponses }),
      "/api/v1/changes": {
        get: {
          operationId: "listChanges",
          summary: "Delta sync: every public change after a cursor, in commit order (deletions as tombstones)",
          description:
            "An app keeps a copy of the lists in step with the site. First run: take the current cursor with `?latest`, then load the lists (`/api/v1/articles`, following `next`), then call with `since=` that cursor: whatever was published while the lists loaded comes again as changes, and applying a change twice is harmless. Later: call with `since=` the last answer's `next` (again while `more`), storing upserts by id and removing tombstones' ids. An upsert carries the list item with `description` and `image`. The newest 10,000 changes are kept; a cursor older than those (`0` or none too, once older ones were dropped), or newer than the newest (from before a reset), is a 410: start again from `?latest`. Each parameter is given once (a repeated one is a 400).",
          security: [],
          parameters: [
            { name: "since", in: "query", schema: { type: "string", pattern: "^(0|[1-9][0-9]{0,14})$" }, description: "The `next` of the previous answer; `0` or absent: from the first change (a 410 once the oldest changes are no longer kept)" },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "latest", in: "query", schema: { type: "string" }, description: "Present (`?latest`): no changes, only the current cursor as `next` (not with `since`)" },
            ifNoneMatch,
          ],
          responses: {
            "200": { description: "Changes; call again with `since=next` while `more`", content: json("Changes") },
            "410": problem("The cursor is older than the changes kept, or newer than the newest: take `?latest`, reload the lists, then sync from it"),
            ...readResponses,
          },
        },
      },
    },
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
