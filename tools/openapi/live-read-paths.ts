/**
 * @module
 * Added in v1.3 (issue 38): the readers' side of live stories in the OpenAPI document. A live article's
 * `live`, `updates` (newest first, each with its anchor `url`) and `cursor`, and the public
 * `GET /api/v1/articles/{id}/updates?since=` (src/reader/routes/live-reads.ts) beside the write paths
 * of live-update-paths.ts.
 */

import { liveSchemas } from "./live-update-paths.ts";

const dateTime = { type: "string", format: "date-time" } as const;
const coverage = {
  type: "object",
  required: ["start", "end"],
  additionalProperties: false,
  properties: { start: dateTime, end: { type: ["string", "null"], format: "date-time" } },
};

/** The members a live article's JSON has (only a live one). */
export const liveArticleProperties = {
  live: { ...coverage, description: "Added in v1.3, only on a live story: its coverage, open while `end` is null" },
  updates: {
    type: "array",
    items: { $ref: "#/components/schemas/LiveUpdateView" },
    description: "Added in v1.3, only on a live story: its updates, newest first",
  },
  cursor: { type: "integer", minimum: 0, description: "Added in v1.3, only on a live story: its update sequence (`…/updates?since=` from it)" },
};

export const liveReadSchemas = {
  LiveUpdateView: {
    ...liveSchemas.LiveUpdate,
    required: [...liveSchemas.LiveUpdate.required, "url"],
    properties: { ...liveSchemas.LiveUpdate.properties, url: { type: "string", format: "uri", description: "The update on the article's page: `…#update-<n>`" } },
    description: "Added in v1.3: an update as readers get it (LiveUpdate with its `url`)",
  },
  LiveUpdatesPage: {
    type: "object",
    required: ["id", "live", "cursor", "updates", "removed"],
    additionalProperties: false,
    description: "Added in v1.3: what changed in a live story's updates after `since`",
    properties: {
      id: { type: "string" },
      live: { oneOf: [coverage, { type: "null" }], description: "The story's coverage; null for a story that is not live (then no updates)" },
      cursor: { type: "integer", minimum: 0, description: "The story's update sequence now: the next `since`" },
      updates: { type: "array", items: { $ref: "#/components/schemas/LiveUpdateView" }, description: "Posted or edited after `since`, newest first" },
      removed: { type: "array", items: { type: "integer", minimum: 1 }, description: "The numbers of the updates deleted after `since`" },
    },
  },
};

type Kit = { id: object; ifNoneMatch: object; readResponses: object; problem: (description: string) => object };

/** The paths with `GET …/updates` added to the write side's `…/updates`. */
export function withLiveReads<P extends Record<string, object>>(paths: P, { id, ifNoneMatch, readResponses, problem }: Kit): P {
  const path = "/api/v1/articles/{id}/updates";
  const since = {
    name: "since",
    in: "query",
    schema: { type: "integer", minimum: 0, maximum: 999999999 },
    description: "The `cursor` of the last answer (0 or absent: every update)",
  };
  const get = {
    operationId: "getLiveUpdates",
    summary: "Added in v1.3: a live story's updates since a cursor, for pages and apps that poll",
    description:
      "Public and cached: browsers revalidate each time (`max-age=0`, 304 by the ETag), a shared cache may keep an answer 1 s, and the Worker's caches are purged by any write to the article, so polling every 2 s at any audience costs the Newsroom about one request a second per location. `Accept: text/html` answers the same updates as HTML fragments (the page's own markup, in a `div` with `data-cursor` and `data-removed`). A story that is not live answers `live: null`, cursor 0 and no updates.",
    security: [],
    parameters: [since, ifNoneMatch],
    responses: {
      "200": {
        description: "The updates after `since`",
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/LiveUpdatesPage" } },
          "text/html": {},
        },
      },
      ...readResponses,
      "400": problem("`since` is not a whole number from 0"),
      "404": problem("No such article"),
    },
  };
  return { ...paths, [path]: { parameters: [id], ...paths[path], get } };
}
