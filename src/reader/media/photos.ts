/**
 * @module
 * Photos: originals in R2 keyed by the SHA-256 of their bytes (so the same upload twice is one
 * object), checked and measured by the Images binding, and renditions made by it for a fixed set
 * of widths only.
 */

import { type ImageType, sniffImage } from "./sniff.ts";

/** Largest upload accepted. */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
/** Largest image accepted, in pixels: a small file that declares a huge canvas (a pixel flood) is refused before it is decoded. */
export const MAX_PIXELS = 40_000_000;
/** The widths renditions are made in, and the only widths served; none wider than the original. */
export const WIDTHS = [320, 640, 960, 1280, 1920] as const;
/**
 * Cropped renditions for structured data: Google asks for 16:9, 4:3 and 1:1 images of an article.
 * Each exists only for an original at least that wide and tall (no upscaling).
 */
export const CROPS = [
  [1280, 720],
  [960, 720],
  [720, 720],
] as const;

/** The crops an original of this size is served in. */
export function cropsFor(width: number, height: number): { width: number; height: number }[] {
  return CROPS.filter(([w, h]) => w <= width && h <= height).map(([w, h]) => ({ width: w, height: h }));
}

/** Rendition formats, JPEG first: what a client that accepts anything (`*\/*`) gets. */
export const FORMATS = ["image/jpeg", "image/webp", "image/avif"] as const;
export type Format = (typeof FORMATS)[number];

const KEY_PREFIX = "media/";
const ID = /^[0-9a-f]{64}$/;

export interface Media {
  /** Hex SHA-256 of the original's bytes. */
  id: string;
  type: ImageType;
  width: number;
  height: number;
}

export class MediaRefused extends Error {
  override name = "MediaRefused";
  readonly status: 415 | 422;
  constructor(status: 415 | 422, message: string) {
    super(message);
    this.status = status;
  }
}

export function isMediaId(id: string): boolean {
  return ID.test(id);
}

/** The widths an original of this width is served in: every fixed width not wider than it. */
export function widthsFor(width: number): number[] {
  return WIDTHS.filter((w) => w <= width);
}

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes]).stream();
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Checks an upload and stores it. The type comes from the bytes; the dimensions from the Images
 * binding; the whole image is decoded once (a small rendition) so a truncated or corrupt file is
 * refused here, not when a reader asks for it. Nothing is written unless every check passes.
 * Returns the media and whether it was new.
 */
export async function putMedia(env: Pick<Env, "MEDIA" | "IMAGES">, bytes: Uint8Array): Promise<{ media: Media; created: boolean }> {
  const type = sniffImage(bytes);
  if (!type) throw new MediaRefused(415, "The bytes are not a JPEG, PNG, WebP or AVIF image.");
  const id = await sha256Hex(bytes);
  const existing = await env.MEDIA.head(KEY_PREFIX + id);
  const known = existing && (await describe(env, id, existing));
  if (known) return { media: known, created: false };
  let info: ImageInfoResponse;
  try {
    info = await env.IMAGES.info(stream(bytes));
  } catch {
    throw new MediaRefused(422, "The image could not be read.");
  }
  if (!("width" in info) || info.format !== type) throw new MediaRefused(422, "The image could not be read as the type its bytes start with.");
  if (info.width * info.height > MAX_PIXELS) throw new MediaRefused(422, `The image is larger than ${MAX_PIXELS / 1e6} megapixels.`);
  if (info.width < WIDTHS[0]) throw new MediaRefused(422, `The image must be at least ${WIDTHS[0]} pixels wide.`);
  try {
    // A full decode: the header alone (info) does not show that the rest of the file is there.
    await (await env.IMAGES.input(stream(bytes)).transform({ width: 16 }).output({ format: "image/jpeg" })).response().arrayBuffer();
  } catch {
    throw new MediaRefused(422, "The image is truncated or corrupt.");
  }
  const media: Media = { id, type, width: info.width, height: info.height };
  await env.MEDIA.put(KEY_PREFIX + id, bytes, {
    httpMetadata: { contentType: type },
    customMetadata: { type, width: String(media.width), height: String(media.height) },
  });
  return { media, created: true };
}

function fromMetadata(id: string, meta: Record<string, string> | undefined): Media {
  return { id, type: (meta?.type ?? "image/jpeg") as ImageType, width: Number(meta?.width), height: Number(meta?.height) };
}

/**
 * What an original is. An upload recorded it in the object's custom metadata; a file the content
 * loaders put (`wrangler r2 object put` sets none) is measured from its bytes by the Images binding.
 */
async function describe(env: Pick<Env, "MEDIA" | "IMAGES">, id: string, object: R2Object): Promise<Media | null> {
  const media = fromMetadata(id, object.customMetadata);
  if (media.width > 0 && media.height > 0 && object.customMetadata?.type) return media;
  const body = await env.MEDIA.get(KEY_PREFIX + id);
  if (!body) return null;
  const info = await env.IMAGES.info(body.body);
  return "width" in info ? { id, type: info.format as ImageType, width: info.width, height: info.height } : null;
}

/** The original's bytes, as uploaded (for an editor's export; readers only ever get renditions), or null. */
export async function originalMedia(env: Pick<Env, "MEDIA">, id: string): Promise<R2ObjectBody | null> {
  return isMediaId(id) ? env.MEDIA.get(KEY_PREFIX + id) : null;
}

/** The media's record, or null when there is no such original. */
export async function headMedia(env: Pick<Env, "MEDIA" | "IMAGES">, id: string): Promise<Media | null> {
  const object = await env.MEDIA.head(KEY_PREFIX + id);
  return object ? describe(env, id, object) : null;
}

/** Whether an original is served `width` wide (with `height`, as that crop). */
export function serves(media: Media, width: number, height?: number): boolean {
  return height === undefined
    ? widthsFor(media.width).includes(width)
    : cropsFor(media.width, media.height).some((c) => c.width === width && c.height === height);
}

/** A focal point in a crop's URL (`720x720-30-60`) is in steps of this many percent, so a photo has few crops to make and cache. */
export const FOCUS_STEP = 5;

/**
 * A rendition `width` pixels wide in `format` (with `height`, a crop of that size, filling it, around
 * `focus` when given), or null when there is no such original or the size is not one it is served in.
 */
export async function rendition(
  env: Pick<Env, "MEDIA" | "IMAGES">,
  id: string,
  width: number,
  format: Format,
  height?: number,
  focus?: number[],
): Promise<Uint8Array | null> {
  const media = await headMedia(env, id);
  if (!media || !serves(media, width, height)) return null;
  const object = await env.MEDIA.get(KEY_PREFIX + id);
  if (!object) return null;
  let input = object.body;
  let gravity: "left" | "top" | undefined;
  if (height !== undefined && focus) {
    // Around a focal point (percent from the left and the top), cut as an explicit rectangle: the largest of the
    // crop's shape, centred on the point as far as the edges allow. The Images binding's local emulation ignores a
    // gravity point and `trim`, so it is cut with what both honour, `cover` and a named side: first the part
    // before the rectangle goes (keeping the right, or the bottom), then the part after it as the rest is scaled.
    const across = width / height < media.width / media.height;
    const [size, part, f] = across
      ? [media.width, Math.round((media.height * width) / height), focus[0]]
      : [media.height, Math.round((media.width * height) / width), focus[1]];
    const cut = Math.max(0, Math.min(size - part, Math.round((f * size) / 100 - part / 2)));
    gravity = across ? "left" : "top";
    if (cut) {
      const rest = {
        width: media.width - (across ? cut : 0),
        height: media.height - (across ? 0 : cut),
        fit: "cover",
        gravity: across ? "right" : "bottom",
      } as const;
      input = (await env.IMAGES.input(input).transform(rest).output({ format: "image/png" })).image();
    }
  }
  const result = await env.IMAGES.input(input)
    .transform(height === undefined ? { width } : { width, height, fit: "cover", gravity })
    .output({ format });
  return new Uint8Array(await result.response().arrayBuffer());
}
