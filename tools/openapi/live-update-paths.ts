/**
 * @module
 * Added in v1.3 (issue 38): live stories in the OpenAPI document. The live members an article takes
 * (`live`, `updates`, `removed`: src/shared/model/live.ts), the change feed's `live` summary, and the
 * write side of updates (src/reader/routes/live-writes.ts): `POST …/updates`, `PUT` and `DELETE
 * …/updates/{n}`. The public `GET …/updates?since=` is described with the readers' side.
 */

import { text } from "./common.ts";

const dateTime = { type: "string", format: "date-time" } as const;
const count = { type: "integer", minimum: 1 } as const;
const updateMembers = {
  title: { ...text, maxLength: 300 },
  body: { type: "array", minItems: 1, maxItems: 50, items: { $ref: "#/components/schemas/Block" }, description: "1 to 50 blocks with a paragraph or a photo (a figure)" },
  pinned: { type: "boolean", description: "A key point, shown above the updates while coverage is open (in stored updates only when true)" },
  authors: {
    type: "array",
    maxItems: 10,
    items: { type: "object", required: ["name"], additionalProperties: false, properties: { name: text } },
  },
};

/** The live members of ArticleInput (and so of a stored article, `source`, and a revision). */
export const liveInputProperties = {
  live: {
    type: ["object", "null"],
    required: ["start", "end"],
    additionalProperties: false,
    description:
      "Added in v1.3: live coverage, open while `end` is null; closing it (`end` set) keeps the updates. Left out of a write, the story keeps what it has; `null` ends live coverage (of a story with no updates).",
    properties: { start: dateTime, end: { type: ["string", "null"], format: "date-time" } },
  },
  updates: {
    type: "array",
    maxItems: 500,
    items: { $ref: "#/components/schemas/LiveUpdate" },
    description:
      "Added in v1.3: a live story's updates, by number. Managed by `…/updates`: a write that leaves them out keeps the story's; one that gives them over a story that has some keeps the sequence moving forward (changed ones numbered anew, missing ones tombstoned).",
  },
  removed: {
    type: "array",
    maxItems: 500,
    items: { type: "object", required: ["n", "seq"], additionalProperties: false, properties: { n: count, seq: count } },
    description: "Added in v1.3: deleted updates' tombstones (number, and the sequence of the deletion); left out of a write, kept",
  },
};

export const liveSchemas = {
  LiveUpdate: {
    type: "object",
    required: ["n", "seq", "time", "body"],
    additionalProperties: false,
    description: "Added in v1.3: one update of a live story",
    properties: {
      n: { ...count, description: "Its number in the story, never reused" },
      seq: { ...count, description: "The story's update sequence when it was last posted or edited" },
      time: { ...dateTime, description: "When it was first posted" },
      modified: { ...dateTime, description: "When it was last edited" },
      ...updateMembers,
    },
  },
  LiveUpdateInput: {
    type: "object",
    required: ["body"],
    additionalProperties: false,
    description: "Added in v1.3: an update as an editor writes it; the Newsroom numbers and dates it",
    properties: updateMembers,
  },
  LiveUpdateWritten: {
    type: "object",
    required: ["n", "seq", "time", "body", "article"],
    additionalProperties: false,
    description: "Added in v1.3: the update as stored, and the article it made a new version of",
    properties: {
      n: count,
      seq: count,
      time: dateTime,
      modified: dateTime,
      ...updateMembers,
      article: {
        type: "object",
        required: ["id", "version", "etag", "cursor", "url"],
        additionalProperties: false,
        properties: {
          id: { type: "string" },
          version: { type: "integer", minimum: 1, description: "The article's new version" },
          etag: { type: "string", description: "Its JSON ETag: the next write's If-Match" },
          cursor: { type: "integer", minimum: 0, description: "The story's update sequence now (what `…/updates?since=` compares with)" },
          url: { type: "string", format: "uri" },
        },
      },
    },
  },
  LiveSummary: {
    type: "object",
    required: ["start", "end", "cursor", "updates"],
    additionalProperties: false,
    description:
      "Added in v1.3: a live story's coverage in the change feed: when `cursor` moves, there are updates (or deletions) to fetch from `…/updates?since=`",
    properties: { start: dateTime, end: { type: ["string", "null"], format: "date-time" }, cursor: { type: "integer", minimum: 0 }, updates: { type: "integer", minimum: 0 } },
  },
};

type Kit = { id: object; ifMatch: object; prefer: object; writeHeaders: object; editorResponses: object; problem: (description: string) => object };

/** The write paths of updates (bearer token or the desk's session, as every write). */
export function liveUpdatePaths({ id, ifMatch, prefer, writeHeaders, editorResponses, problem }: Kit) {
  const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
  const headers = { ...writeHeaders, "Article-ETag": { description: "The article's new JSON ETag, for the next write's If-Match", schema: { type: "string" } } };
  const n = { name: "n", in: "path", required: true, schema: { type: "integer", minimum: 1 }, description: "The update's number" };
  const refusals = {
    "400": problem("Not JSON, or If-None-Match given"),
    "404": problem("No such article (or update)"),
    "409": problem("The story is not live, or (for a new update) its coverage is closed; nothing changed"),
    "412": problem("If-Match names another version of the article; nothing changed"),
    "413": problem("Body too large"),
    "415": problem("Not application/json"),
    "422": problem("Not an update (`errors` names each field), or the story would grow over the article limit, 256 KiB as JSON"),
    ...editorResponses,
  };
  const body = { required: true, content: json("LiveUpdateInput") };
  const common = { security: [{ bearer: [] }], parameters: [ifMatch, prefer] };
  return {
    "/api/v1/articles/{id}/updates": {
      parameters: [id],
      post: {
        operationId: "postLiveUpdate",
        summary: "Added in v1.3: post an update to a live story (a new version of the article)",
        description:
          "Numbered one more than any update the story had (deleted ones included) and dated now; answered at the commit, or with `Prefer: wait` once KV has it. A contributor posts to a draft story only.",
        ...common,
        requestBody: body,
        responses: { "201": { description: "Posted; `Location` is the update's URL", headers, content: json("LiveUpdateWritten") }, ...refusals },
      },
    },
    "/api/v1/articles/{id}/updates/{n}": {
      parameters: [id, n],
      put: {
        operationId: "editLiveUpdate",
        summary: "Added in v1.3: replace an update's title, body and key-point flag (also in a closed story)",
        ...common,
        requestBody: body,
        responses: { "200": { description: "Edited", headers, content: json("LiveUpdateWritten") }, ...refusals },
      },
      delete: {
        operationId: "deleteLiveUpdate",
        summary: "Added in v1.3: delete an update, leaving its tombstone in `removed` (also in a closed story)",
        ...common,
        responses: { "204": { description: "Deleted", headers }, ...refusals },
      },
    },
  };
}
