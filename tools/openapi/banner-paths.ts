/**
 * @module
 * Added in v1.4: the breaking-news banner (issue 38, src/reader/routes/banner-api.ts): `GET /api/v1/banner` for
 * apps, `PUT` and `DELETE` for editors; its operations and its schemas, `Banner` and `BannerInput`. document.ts
 * and schemas.ts take them in.
 */

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const json = { "application/json": { schema: { $ref: "#/components/schemas/Banner" } } };

/** The three operations; `shared` are document.ts's parameters and the answers every read and every editor's call can give. */
export function bannerPaths(shared: { ifNoneMatch: object; prefer: object; readResponses: object; editorResponses: object }) {
  const written = { "Newsroom-Read-Model": { description: "`pending=<n>`: how many of its KV keys KV does not have yet", schema: { type: "string" } } };
  const edit = (operationId: string, summary: string) => ({ operationId, summary, security: [{ bearer: [] }], parameters: [shared.prefer] });
  return {
    "/api/v1/banner": {
      get: {
        operationId: "getBanner",
        summary: "Added in v1.4: the breaking-news banner every page shows under its masthead, or null",
        description: "An expired banner is never answered (null), whatever the caches hold; `Cache-Control: public, max-age=5`.",
        security: [],
        parameters: [shared.ifNoneMatch],
        responses: { "200": { description: "The banner, or `{ \"banner\": null }`", content: json }, ...shared.readResponses },
      },
      put: {
        ...edit("setBanner", "Added in v1.4: sets the breaking-news banner (editors, not contributors); it clears itself at `expires`"),
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/BannerInput" } } } },
        responses: {
          "200": { description: "Set: every page shows it within the site's freshness bound", headers: written, content: json },
          "400": problem("Not JSON"),
          "413": problem("Body over 4 KiB"),
          "415": problem("Not application/json"),
          "422": problem("`errors` names each bad field: text empty, over 140 characters or more than one line; link neither https nor a path; expires not an RFC 3339 date-time with an offset, past, or over 7 days ahead"),
          ...shared.editorResponses,
        },
      },
      delete: {
        ...edit("clearBanner", "Added in v1.4: clears the breaking-news banner (editors, not contributors)"),
        responses: { "204": { description: "Cleared (or there was none)", headers: written }, ...shared.editorResponses },
      },
    },
  };
}

export const bannerSchemas = {
  BannerInput: {
    type: "object",
    additionalProperties: false,
    required: ["text", "expires"],
    description: "Added in v1.4: a breaking-news banner as an editor sets it",
    properties: {
      text: { type: "string", minLength: 1, maxLength: 140, description: "One line, at most 140 characters (no line breaks or control characters)" },
      link: { type: "string", maxLength: 2000, description: "An https URL, or a path on this site (`/News/Iran`)" },
      expires: { type: "string", format: "date-time", description: "RFC 3339 with an offset; in the future, at most 7 days ahead" },
    },
  },
  Banner: {
    type: "object",
    additionalProperties: false,
    required: ["banner"],
    description: "Added in v1.4: the breaking-news banner shown now, or null",
    properties: {
      banner: {
        oneOf: [
          { type: "null" },
          {
            type: "object",
            additionalProperties: false,
            required: ["text", "expires", "set"],
            properties: {
              text: { type: "string" },
              link: { type: "string", format: "uri", description: "Absolute: a path on the site is given on its canonical origin" },
              expires: { type: "string", format: "date-time" },
              set: { type: "string", format: "date-time", description: "When an editor set it" },
            },
          },
        ],
      },
    },
  },
};
