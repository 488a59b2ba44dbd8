/**
 * @module
 * The schemas of what editors read back (src/reader/routes/editor-reads.ts): an article as an editor
 * sees it, with its working copy, and the editors' lists. schemas.ts adds them to the document's
 * components, with the article's own properties.
 */

export function editorSchemas(articleProperties: Record<string, unknown>) {
  return {
    ArticlePreview: {
      type: "object",
      additionalProperties: false,
      description: "An article as `preview=1` returns it to an editor",
      required: ["id", "headline", "status", "scheduled", "version", "previewUrl"],
      properties: {
        ...articleProperties,
        status: { enum: ["draft", "published"] },
        scheduled: { type: "boolean", description: "Published, but its time has not come" },
        version: { type: "integer", minimum: 1 },
        publishAt: { type: "string", format: "date-time", description: "When a scheduled article appears" },
        editor: { type: "string", description: "Who made this version" },
        changed: { type: "string", format: "date-time", description: "When this version was made" },
        previewUrl: { type: ["string", "null"], format: "uri", description: "Its page, signed, for 24 hours" },
        etag: { type: "string", description: "The ETag of the article's JSON representation of this version: what If-Match takes" },
        source: { $ref: "#/components/schemas/ArticleInput", description: "The version as stored, in the shape a PUT takes (what an editing client loads)" },
        workingCopy: {
          type: "object",
          required: ["version", "etag", "text", "saved"],
          additionalProperties: false,
          description: "Added in v1.2: the desk's autosaved working copy of this editor's, if any: private, never public, replaced by their next save",
          properties: {
            version: { type: "integer", minimum: 1, description: "The version it was typed over" },
            etag: { type: "string", description: "That version's ETag (what a save of it sends as If-Match)" },
            text: { type: "object", description: "The desk's form, as the desk sent it" },
            saved: { type: "string", format: "date-time" },
          },
        },
      },
    },
    EditorialList: {
      type: "object",
      additionalProperties: false,
      description: "An editor's list (`status=` with a bearer token), newest change first",
      required: ["status", "articles", "total", "page", "perPage", "pages"],
      properties: {
        status: { enum: ["draft", "scheduled", "published", "all", "removed"] },
        articles: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["id", "url", "apiUrl", "section", "headline", "datePublished", "dateModified", "status", "version", "editor", "changed"],
            properties: {
              id: { type: "string" },
              url: { type: "string", format: "uri", description: "Its page once published" },
              apiUrl: { type: "string", format: "uri", description: "The API resource (GET with the token for the editor's view)" },
              section: { type: "array", items: { type: "string" } },
              headline: { type: "string" },
              datePublished: { type: "string" },
              dateModified: { type: "string" },
              undated: { const: true, description: "Added in v1.2: a draft whose publication time is not chosen yet" },
              status: { enum: ["draft", "scheduled", "published", "removed"] },
              publishAt: { type: "string", format: "date-time", description: "When a scheduled article appears" },
              version: { type: "integer", minimum: 1 },
              editor: { type: "string", description: "Who made the current version (or the removal)" },
              changed: { type: "string", format: "date-time" },
            },
          },
        },
        total: { type: "integer", minimum: 0 },
        page: { type: "integer", minimum: 1 },
        perPage: { type: "integer", minimum: 1 },
        pages: { type: "integer", minimum: 0 },
      },
    },
  };
}
