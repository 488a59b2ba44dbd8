/**
 * @module
 * Added in v1.3: an author's, a tag's and the corrections' listings (src/reader/routes/topics.ts), JSON by
 * `Accept` at the pages' own URLs (each also has `/rss.xml` and `/atom.xml`): their operations and their
 * one schema, `TopicList`. document.ts and schemas.ts take them in.
 */

import { SUMMARY_REQUIRED, summaryProperties, text } from "./common.ts";

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const slug = {
  name: "slug",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "The name's slug: lower case, the letters and digits of any script joined by `-` (`Zoë Ångström` → `zoe-angstrom`); another spelling 301s to it",
};

/** The three operations; `shared` are document.ts's `page` and `If-None-Match` parameters and the answers every read can give. */
export function topicPaths(shared: { page: object; ifNoneMatch: object; readResponses: object }) {
  const list = (operationId: string, summary: string, parameters: object[], missing?: string) => ({
    get: {
      operationId,
      summary,
      security: [],
      parameters: [...parameters, shared.page, shared.ifNoneMatch],
      responses: {
        "200": {
          description: "A page of 20 articles, newest first; `Link` has rel=next/prev",
          content: { "application/json": { schema: { $ref: "#/components/schemas/TopicList" } } },
        },
        ...(missing ? { "301": { description: "The slug in another spelling: its own" }, "404": problem(missing) } : { "404": problem("A page past the last") }),
        ...shared.readResponses,
      },
    },
  });
  return {
    "/author/{slug}": list("listAuthorArticles", "Added in v1.3: an author's articles (by the byline's name)", [slug], "No public article has an author of that slug"),
    "/tag/{slug}": list("listTagArticles", "Added in v1.3: the articles with a tag", [slug], "No public article has a tag of that slug"),
    "/corrections": list("listCorrections", "Added in v1.3: corrected articles, each with its latest correction (the latest first within a page)", []),
  };
}

export const topicSchemas = {
  TopicList: {
    type: "object",
    additionalProperties: false,
    required: ["topic", "section", "articles", "total", "page", "perPage", "pages"],
    description: "Added in v1.3: an author's, a tag's or the corrections' list (`/author/{slug}`, `/tag/{slug}`, `/corrections`)",
    properties: {
      topic: {
        type: "object",
        additionalProperties: false,
        required: ["kind", "name", "slug"],
        properties: {
          kind: { enum: ["author", "tag", "corrections"] },
          name: { type: "string", description: "The author's name or the tag as the newest article has it; the corrections' title" },
          slug: { type: "string", description: "Empty for the corrections" },
        },
      },
      section: { type: "array", items: text, maxItems: 0 },
      articles: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: SUMMARY_REQUIRED,
          properties: {
            ...summaryProperties,
            correction: {
              type: "object",
              additionalProperties: false,
              required: ["date", "text"],
              properties: { date: { type: "string" }, text: { type: "string" } },
              description: "On `/corrections`: the article's latest correction",
            },
          },
        },
      },
      total: { type: "integer", minimum: 0 },
      page: { type: "integer", minimum: 1 },
      perPage: { type: "integer", minimum: 1 },
      pages: { type: "integer", minimum: 1 },
    },
  },
};
