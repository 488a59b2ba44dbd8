/**
 * @module
 * One path from content to a cacheable entry: serialize, hash for the ETag, and precompute every
 * response header. HTML, JSON and Markdown of a resource are three serializations of the same view object.
 */

import type { Entry } from "../cache/layers.ts";
import { type Page, renderPage } from "../render/layout.tsx";
import { tokenEstimate } from "../render/markdown.ts";
import { base64url } from "../../shared/model/base64url.ts";

export type Kind = "html" | "json" | "markdown";

export const OFFERS = [
  { type: "text/html", params: [["charset", "utf-8"]] as [string, string][], kind: "html" as Kind },
  { type: "application/json", params: [["charset", "utf-8"]] as [string, string][], kind: "json" as Kind },
  // Last: `*/*` and `text/*` tie between HTML and Markdown, and offer order gives browsers HTML.
  { type: "text/markdown", params: [["charset", "utf-8"]] as [string, string][], kind: "markdown" as Kind },
];

const CONTENT_TYPE: Record<Kind, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
};

const encoder = new TextEncoder();

export interface EntrySpec {
  /**
   * Epoch ms of the last change, for `Last-Modified`; clamped to now (RFC 9110 §8.8.2.1). Left out for
   * listings: a deletion changes a listing but not the newest date in it, so only the ETag is reliable.
   */
  lastModified?: number;
  /** The canonical path of the resource (requests on another path are redirected to it). */
  path: string;
  /** Cache-Control, security, CORS, pagination `Link` and other headers that do not depend on the bytes. */
  headers: Record<string, string>;
  /** The resource's URL on the canonical origin, sent as `Link: <…>; rel="canonical"` (RFC 6596) from every host. */
  canonical: string;
  /** The stylesheet an HTML page inlines (render/stylesheet.ts); the CSP in `headers` allows it by hash. */
  css?: string;
  /** An article's content tag (src/shared/model/article-tag.ts): its JSON's ETag carries it after a dot, so `If-Match` names the version. */
  articleTag?: string;
}

export type EntryData = Omit<Entry, "freshUntil">;

/**
 * A strong ETag over the bytes, prefixed so different serializations never share one; an article's
 * JSON also carries the version's content tag after a dot (`"json-<hash>.<tag>"`).
 */
export async function etagOf(body: Uint8Array, tagPrefix: string, articleTag?: string): Promise<string> {
  const hash = base64url(await crypto.subtle.digest("SHA-256", body)).slice(0, 22);
  return `"${tagPrefix}-${hash}${articleTag && tagPrefix === "json" ? `.${articleTag}` : ""}"`;
}

/** The ETag of an article's JSON representation (`GET /api/v1/articles/<id>`, or its page as JSON) on one site. */
export function articleJsonEtag(view: object, articleTag: string): Promise<string> {
  return etagOf(encoder.encode(JSON.stringify(view)), "json", articleTag);
}

/** The content tags an `If-Match` names (RFC 9110 §13.1.1, strong comparison): those of article JSON ETags; weak tags never match. */
export function ifMatchTags(field: string): string[] {
  return [...field.matchAll(/(?:^|,)\s*"json-[\w-]{22}\.([\w-]{16})"/g)].map((m) => m[1]);
}

/** Bytes, a strong ETag over them, and headers. */
export async function entryFrom(text: string, contentType: string, tagPrefix: string, spec: EntrySpec): Promise<EntryData> {
  const body = encoder.encode(text);
  const etag = await etagOf(body, tagPrefix, spec.articleTag);
  const canonical = `<${spec.canonical}>; rel="canonical"`;
  const link = spec.headers.Link ? `${spec.headers.Link}, ${canonical}` : canonical;
  const headers: [string, string][] = [
    ...Object.entries({ ...spec.headers, Link: link }),
    ["content-type", contentType],
    ["content-length", String(body.byteLength)],
    ["etag", etag],
  ];
  const lastModified = spec.lastModified === undefined ? NaN : Math.min(spec.lastModified, Date.now());
  if (!Number.isNaN(lastModified)) headers.push(["last-modified", new Date(lastModified).toUTCString()]);
  return { body, etag, lastModified, headers, path: spec.path };
}

/** How a view becomes a page and a Markdown document (JSON is the view itself). */
export interface Renderers<V> {
  page: (view: V) => Page;
  markdown: (view: V) => string;
}

/** The HTML, JSON or Markdown serialization of a view; all carry `Vary: Accept`, Markdown a token estimate. */
export async function negotiatedEntry<V>(kind: Kind, view: V, render: Renderers<V>, spec: EntrySpec): Promise<EntryData> {
  const text = kind === "json" ? JSON.stringify(view) : kind === "markdown" ? render.markdown(view) : await renderPage(render.page(view), spec.css ?? "");
  const headers: Record<string, string> = { ...spec.headers, Vary: "Accept" };
  if (kind === "markdown") headers["x-markdown-tokens"] = String(tokenEstimate(text));
  return entryFrom(text, CONTENT_TYPE[kind], kind, { ...spec, headers });
}
