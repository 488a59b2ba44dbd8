/**
 * @module
 * One path from a view object to a cacheable entry, for HTML and JSON alike: serialize, hash for
 * the ETag, and precompute every response header.
 */

import type { Entry } from "./delivery.ts";
import { type Page, renderPage } from "./render/layout.tsx";

export type Kind = "html" | "json";

export const OFFERS = [
  { type: "text/html", params: [["charset", "utf-8"]] as [string, string][], kind: "html" as Kind },
  { type: "application/json", params: [["charset", "utf-8"]] as [string, string][], kind: "json" as Kind },
];

const CONTENT_TYPE: Record<Kind, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
};

const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export interface EntrySpec<V> {
  kind: Kind;
  view: V;
  page: (view: V) => Page;
  /** Epoch ms. */
  lastModified: number;
  /** The canonical path of the resource. */
  path: string;
  /** Cache-Control, security and other headers that depend on the resource, not on the bytes. */
  headers: Record<string, string>;
}

/** Serializes a view and precomputes its headers. The ETag is a strong validator over the bytes, prefixed by kind. */
export async function buildEntry<V>(spec: EntrySpec<V>): Promise<Omit<Entry, "freshUntil">> {
  const text = spec.kind === "json" ? JSON.stringify(spec.view) : await renderPage(spec.page(spec.view));
  const body = encoder.encode(text);
  const etag = `"${spec.kind}-${base64url(await crypto.subtle.digest("SHA-256", body)).slice(0, 22)}"`;
  const headers: [string, string][] = [
    ...Object.entries(spec.headers),
    ["content-type", CONTENT_TYPE[spec.kind]],
    ["content-length", String(body.byteLength)],
    ["etag", etag],
    ["last-modified", new Date(spec.lastModified).toUTCString()],
    ["vary", "Accept"],
  ];
  return { body, etag, lastModified: spec.lastModified, headers, path: spec.path };
}
