/**
 * @module
 * The schemas of the OpenAPI document (document.ts): every JSON shape the API answers or takes. The
 * tests validate every real API response against them, so they cannot drift from what the Worker returns.
 */

import { date, nullableImage, SUMMARY_REQUIRED, summaryProperties, text } from "./common.ts";
import { discoverSchemas } from "./discover-schemas.ts";
import { editorSchemas } from "./editor-schemas.ts";
import { topicSchemas } from "./topic-paths.ts";
import { liveInputProperties, liveSchemas } from "./live-update-paths.ts";
import { bannerSchemas } from "./banner-paths.ts";
import { liveArticleProperties, liveReadSchemas } from "./live-read-paths.ts";
import { ARTICLE_ID } from "../../src/shared/model/ids.ts";

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
    focus: {
      type: "object",
      required: ["x", "y"],
      additionalProperties: false,
      description: "Added in v1.2: the point the crops (1280x720, 960x720, 720x720) keep in view, in whole percent from the left and the top; absent, the centre",
      properties: { x: { type: "integer", minimum: 0, maximum: 100 }, y: { type: "integer", minimum: 0, maximum: 100 } },
    },
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
  featured: {
    type: "boolean",
    description:
      "Added in v1.1: an editor's pick, which leads the front page and its sections' pages (else the newest story with a picture among the newest few); in responses only when true",
  },
  seoTitle: { ...text, maxLength: 200, description: "Added in v1.2: the title in search results, `<title>` and the social cards (else the headline); in responses only when set" },
  seoDescription: { ...text, maxLength: 500, description: "Added in v1.2: the description in search results and the social cards (else the standfirst); in responses only when set" },
  socialImage: {
    type: "string",
    format: "uri",
    pattern: "^https://",
    description: "Added in v1.2: the image of the social cards (`og:image`; else the lead photo), an https URL: for a photo uploaded here, the `url` its upload answered",
  },
} as const;

const articleProperties = {
  id: { type: "string", pattern: ARTICLE_ID.source },
  url: { type: "string", format: "uri", description: "On the host that answered (a mirror keeps its own)" },
  canonicalUrl: { type: "string", format: "uri" },
  section: { type: "array", items: text, minItems: 1, maxItems: 4 },
  headline: text,
  description: text,
  datePublished: date,
  dateModified: date,
  image: { ...nullableImage, description: "The lead image: the first figure of the body" },
  body: { type: "array", items: { $ref: "#/components/schemas/Block" } },
  ...metadata,
  ...liveArticleProperties,
};

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
      { type: "object", required: ["type", "text"], additionalProperties: false, properties: { type: { const: "heading" }, text, runs, level: { enum: [2, 3], description: "2 (the default) or 3, a sub-heading; answers leave out a level of 2" } } },
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
    properties: articleProperties,
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
    required: ["id", "url"],
    description: "An article with only the members `fields=` named, and `id` and `url` always",
    properties: articleProperties,
  },
  SummaryFields: {
    type: "object",
    additionalProperties: false,
    required: ["id", "url"],
    description: "A list item with only the members `fields=` named, and `id` and `url` always",
    properties: { ...summaryProperties, description: { type: "string" }, image: nullableImage },
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
  ...discoverSchemas,
  ...topicSchemas,
  ...bannerSchemas,
  ArticleInput: {
    type: "object",
    description:
      "The content schema (the same one content/ is checked against). `id`, when given, must match the URL. `published` may be left out (v1.2): the story keeps its time, or is dated when it is saved; a draft saved so has its time open (`undated`) until it is published.",
    required: ["section", "headline", "body"],
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
      status: {
        enum: ["draft", "published"],
        description: "A draft is visible nowhere public. A published article whose `published` time is in the future appears then. Default: published.",
      },
      undated: {
        const: true,
        description: "Added in v1.2, a draft only: its publication time is not chosen yet (`published` holds when it was saved, and publishing it without a time dates it then)",
      },
      ...liveInputProperties,
    },
  },
  ...liveSchemas,
  ...liveReadSchemas,
  Revision: {
    type: "object",
    required: ["version", "time", "editor", "kind"],
    properties: {
      id: { type: "string" },
      version: { type: "integer", minimum: 1 },
      time: { type: "string", format: "date-time" },
      editor: { type: "string" },
      kind: { enum: ["upsert", "delete"] },
      origin: { enum: ["api", "content"], description: "Through the API or a content/ load (absent for versions made before it was recorded)" },
      url: { type: "string", format: "uri" },
      article: { oneOf: [{ $ref: "#/components/schemas/ArticleInput" }, { type: "null" }] },
    },
  },
  ...editorSchemas(articleProperties),
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

