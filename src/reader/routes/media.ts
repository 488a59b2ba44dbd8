/**
 * @module
 * Photos: `POST /api/v1/media` uploads an original (bearer token), and `/media/<id>/<width>` serves a
 * rendition in AVIF, WebP or JPEG by `Accept`. Renditions never change (the id is the hash of the
 * original), so they are cached for a year as immutable, in the browser and in this location's Cache
 * API. They are not kept in the isolate's memory, which holds pages: a few hundred photos would
 * crowd it out. The original itself is never served.
 */

import { MEDIA_CACHE, NO_STORE } from "../../shared/freshness/policy.ts";
import { CACHE_ORIGIN } from "../../shared/freshness/resources.ts";
import { negotiateCached, parseAccept } from "../http/accept.ts";
import { notModified } from "../http/conditional.ts";
import { readLimitedBytes, TooLarge } from "../http/request-body.ts";
import { COMMON_HEADERS } from "../http/security.ts";
import {
  CROPS,
  type Format,
  FORMATS,
  headMedia,
  isMediaId,
  MAX_MEDIA_BYTES,
  type Media,
  MediaRefused,
  putMedia,
  rendition,
  serves,
  WIDTHS,
  widthsFor,
} from "../media/photos.ts";
import { error, redirect } from "./answers.ts";
import { type Ctx } from "./context.ts";
import { writer } from "./editor-auth.ts";
import { get, post, type Route } from "./route.ts";
import { after } from "../background.ts";

const JPEG_ONLY = [{ type: "image/jpeg" }];

/**
 * AVIF when the request names it, else WebP when it names that, else JPEG if it accepts JPEG at all
 * (`*\/*` and `image/*` included): browsers name the modern formats they decode, and any other client
 * gets the format everything reads. A type named with q=0 is not chosen.
 */
function formatFor(accept: string | undefined): Format | null {
  const ranges = parseAccept(accept ?? "");
  for (const type of ["image/avif", "image/webp"] as const) if (ranges.some((r) => `${r.type}/${r.subtype}` === type && r.q > 0)) return type;
  return negotiateCached(accept, JPEG_ONLY) ? "image/jpeg" : null;
}
const EXTENSION: Record<Format, string> = { "image/jpeg": "jpeg", "image/webp": "webp", "image/avif": "avif" };

/** The upload's answer: where it is and what it is, with the URL of each rendition on this host. */
function mediaJson(c: Ctx, media: Media) {
  const url = `${c.var.site.canonicalOrigin}/media/${media.id}`;
  return {
    id: media.id,
    url,
    type: media.type,
    width: media.width,
    height: media.height,
    renditions: widthsFor(media.width).map((w) => ({ width: w, url: `${c.var.site.origin}/media/${media.id}/${w}` })),
  };
}

async function upload(c: Ctx): Promise<Response> {
  // Any editor's token, within the same per-editor limit as publishing.
  const name = await writer(c);
  if (typeof name !== "string") return name;
  let bytes: Uint8Array;
  try {
    bytes = await readLimitedBytes(c.req.raw, MAX_MEDIA_BYTES);
  } catch (err) {
    if (err instanceof TooLarge) return error(c, 413, {}, { limit: MAX_MEDIA_BYTES });
    throw err;
  }
  try {
    const { media, created } = await putMedia(c.env, bytes);
    const body = mediaJson(c, media);
    const headers: Record<string, string> = { ...COMMON_HEADERS, "Cache-Control": NO_STORE, "Content-Type": "application/json; charset=utf-8" };
    if (created) headers.Location = body.url;
    return c.body(JSON.stringify(body), created ? 201 : 200, headers);
  } catch (err) {
    if (!(err instanceof MediaRefused)) throw err;
    return error(c, err.status, {}, {}, err.message);
  }
}

const CACHE_PREFIX = `${CACHE_ORIGIN}media/`;

async function serveRendition(c: Ctx, id: string, width: number, height?: number, focus?: number[]): Promise<Response> {
  const size = height === undefined ? String(width) : `${width}x${height}${focus ? `-${focus.join("-")}` : ""}`;
  const format = formatFor(c.req.header("accept"));
  if (!format) return error(c, 406, {}, { available: [...FORMATS] });
  const etag = `"${id.slice(0, 32)}-${size}-${EXTENSION[format]}"`;
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    "Content-Type": format,
    "Cache-Control": MEDIA_CACHE,
    ETag: etag,
    Vary: "Accept",
    "Access-Control-Allow-Origin": "*",
  };
  // The ETag names the bytes without reading them: the original is immutable and the rendition a function
  // of it. A 304 still needs the rendition to exist: the original's record, not its bytes.
  if (notModified(c.req.raw.headers, etag, NaN)) {
    const media = await headMedia(c.env, id);
    if (media && serves(media, width, height)) return c.body(null, 304, headers);
  }
  const key = `${CACHE_PREFIX}${id}/${size}/${EXTENSION[format]}`;
  const cache = typeof caches === "undefined" ? undefined : caches.default;
  const cached = await cache?.match(key).catch(() => undefined);
  let bytes: Uint8Array | null;
  if (cached) {
    bytes = new Uint8Array(await cached.arrayBuffer());
    c.set("layer", "edge");
  } else {
    bytes = await rendition(c.env, id, width, format, height, focus);
    if (!bytes) return error(c, 404);
    c.set("layer", "origin");
    if (cache) after(c, cache.put(key, new Response(bytes, { headers: { "Cache-Control": MEDIA_CACHE, "Content-Type": format } })), "rendition cache put");
  }
  return new Response(c.req.method === "HEAD" ? null : bytes, { status: 200, headers: { ...headers, "Content-Length": String(bytes.byteLength) } });
}

export const mediaRoutes: Route[] = [
  post("/api/v1/media", upload),
  // The `url` an upload answers: a redirect to a rendition (the original itself is never served).
  // A path that is not a media id is left to the pages (a section may be called "media").
  get("/media/:id", async (c, next) => {
    const id = c.req.param("id");
    if (!isMediaId(id)) return next();
    const media = await headMedia(c.env, id);
    if (!media) return error(c, 404);
    const widths = widthsFor(media.width);
    const width = widths.includes(960) ? 960 : widths[widths.length - 1];
    return redirect(`${c.var.site.origin}/media/${id}/${width}`, 301, MEDIA_CACHE);
  }),
  get("/media/:id/:size", (c, next) => {
    const id = c.req.param("id");
    const size = c.req.param("size");
    if (!isMediaId(id)) return next();
    // Only the fixed widths and crops: any other is 404 before storage is touched, so nobody can fill the cache with variants.
    if ((WIDTHS as readonly number[]).some((w) => String(w) === size)) return serveRendition(c, id, Number(size));
    // A crop, centred or around a focal point in steps of 5 % (`720x720-30-60`: 0, 5 … 100, written as such).
    const [, wh, x, y] = /^(\d+x\d+)(?:-(100|[1-9]?[05])-(100|[1-9]?[05]))?$/.exec(size) ?? [];
    const crop = CROPS.find(([w, h]) => `${w}x${h}` === wh);
    return crop ? serveRendition(c, id, crop[0], crop[1], x ? [+x, +y] : undefined) : error(c, 404);
  }),
];
