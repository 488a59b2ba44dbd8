/**
 * @module
 * What every route uses: the Hono context type and the services it carries, content negotiation,
 * and the headers of each kind of document.
 */

import type { Context } from "hono";
import type { Role } from "../auth/tokens.ts";
import type { Layer } from "../cache/layers.ts";
import type { Services } from "../cache/services.ts";
import { negotiateCached } from "../http/accept.ts";
import { contentSignal } from "../http/content-signal.ts";
import { CORS_HEADERS } from "../http/cors.ts";
import { COMMON_HEADERS, htmlHeaders } from "../http/security.ts";
import { stylesheet } from "../render/stylesheet.ts";
import type { HostMatch } from "../site/hosts.ts";
import { type EntrySpec, type Kind, OFFERS } from "../views/represent.ts";
import type { Site } from "../site/config.ts";

export type AppEnv = {
  Bindings: Env;
  /** `url` is the request URL, parsed once. */
  /** `role` and `session` (the desk session's id, when that is how the editor came) are set by editor-auth.ts. */
  Variables: { url: URL; host: HostMatch; policy: HostMatch["policy"]; site: Site; kind: Kind; layer: Layer; services: Services; role: Role; session: string };
};
export type Ctx = Context<AppEnv>;

/** The negotiated kind, or null when the client accepts neither HTML nor JSON. */
export function negotiated(c: Ctx): Kind | null {
  const offer = negotiateCached(c.req.header("accept"), OFFERS);
  if (offer) c.set("kind", offer.kind);
  return offer?.kind ?? null;
}

/** Headers of a document for machines (JSON, feeds, sitemaps): readable from any origin. */
export function dataHeaders(cacheControl: string): Record<string, string> {
  return { ...COMMON_HEADERS, ...CORS_HEADERS, "Cache-Control": cacheControl };
}

/** Headers of a JSON API document: a machine document that varies by `Accept`, as the URL answers 406 to another. */
export function apiHeaders(cacheControl: string): Record<string, string> {
  return { ...dataHeaders(cacheControl), Vary: "Accept" };
}

/** Headers of a document for agents (Markdown, llms.txt): a machine document with the publisher's Content-Signal. */
export function agentHeaders(env: Env, cacheControl: string): Record<string, string> {
  const signal = contentSignal(env.CONTENT_SIGNAL);
  return { ...dataHeaders(cacheControl), ...(signal && { "Content-Signal": signal }) };
}

/**
 * Headers of an HTML page, a JSON or a Markdown document, before the bytes are known; for a page,
 * also the stylesheet it inlines, which its Content-Security-Policy allows (and `scriptHash`'s script: an open live page's).
 */
export async function kindSpec(c: Ctx, kind: Kind, cacheControl: string, scriptHash?: string): Promise<Pick<EntrySpec, "headers" | "css">> {
  if (kind === "json") return { headers: dataHeaders(cacheControl) };
  if (kind === "markdown") return { headers: agentHeaders(c.env, cacheControl) };
  const { css, hash } = await stylesheet(c.env.ASSETS);
  return { headers: { ...htmlHeaders(hash, scriptHash), "Cache-Control": cacheControl }, css };
}

const JSON_ONLY = [{ type: "application/json" }];

/** Whether the client accepts JSON (the API's one type); records the representation for the log. */
export function acceptsJson(c: Ctx): boolean {
  const ok = negotiateCached(c.req.header("accept"), JSON_ONLY) !== null;
  if (ok) c.set("kind", "json");
  return ok;
}
