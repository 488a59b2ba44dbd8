/**
 * @module
 * One path from a view object to the bytes and headers we send, for HTML and JSON alike:
 * serialize, hash for the ETag, then answer 200 or 304.
 */


import { notModified } from "./http/conditional.ts";
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

export interface Representation {
  kind: Kind;
  body: Uint8Array;
  /** Strong validator over the bytes, prefixed by kind so HTML and JSON never share one. */
  etag: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
}

const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function represent<V>(kind: Kind, view: V, page: (view: V) => Page, lastModified: number): Promise<Representation> {
  const text = kind === "json" ? JSON.stringify(view) : await renderPage(page(view));
  const body = encoder.encode(text);
  const hash = base64url(await crypto.subtle.digest("SHA-256", body)).slice(0, 22);
  return { kind, body, etag: `"${kind}-${hash}"`, lastModified };
}

/** The response for a representation: 304 when the request's validators match, else 200. */
export function respond(request: Request, rep: Representation, headers: Record<string, string>): Response {
  const h = new Headers(headers);
  h.set("ETag", rep.etag);
  h.set("Last-Modified", new Date(rep.lastModified).toUTCString());
  h.set("Vary", "Accept");
  if (notModified(request.headers, rep.etag, rep.lastModified)) return new Response(null, { status: 304, headers: h });
  h.set("Content-Type", CONTENT_TYPE[rep.kind]);
  h.set("Content-Length", String(rep.body.byteLength));
  return new Response(request.method === "HEAD" ? null : rep.body, { status: 200, headers: h });
}
