/**
 * @module
 * Image files kept beside the articles (`content/media/…`), for the content build: each figure `src`
 * naming one becomes the URL the Worker serves it at (`<CANONICAL_ORIGIN>/media/<SHA-256>`, the same
 * key `POST /api/v1/media` gives it) with its decoded width and height, and is listed for the loaders
 * to put into R2. The same checks as an upload: type from the bytes, size and pixel limits.
 */

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import sharp from "sharp";
import type { MediaResolver } from "../../tools/content/source.ts";
import { MAX_MEDIA_BYTES, MAX_PIXELS, WIDTHS } from "../../src/reader/media/photos.ts";
import { sniffImage } from "../../src/reader/media/sniff.ts";

export const MEDIA_DIR = "content/media";

export interface MediaFile {
  /** R2 key, `media/<sha-256>`. */
  key: string;
  file: string;
  type: string;
  width: number;
  height: number;
}

/** The dimensions, decoded from the file's header by sharp (libvips, as the Images binding runs locally). */
async function dimensions(bytes: Buffer): Promise<{ width?: number; height?: number; format?: string }> {
  const m = await sharp(bytes).metadata();
  return { width: m.width, height: m.height, format: m.format };
}

/**
 * Checks every image under the paths given and returns a resolver for the parser plus the files to
 * upload. Resolution is synchronous (the parser is), so the images are read and measured first.
 */
export async function mediaResolver(
  canonicalOrigin: string,
  paths: string[],
  root = "content",
): Promise<{ resolve: MediaResolver; files: Map<string, MediaFile> }> {
  const known = new Map<string, MediaFile | string>();
  for (const path of new Set(paths)) known.set(path, await check(path, root));
  const files = new Map<string, MediaFile>();
  const resolve: MediaResolver = (path) => {
    const found = known.get(path) ?? `${JSON.stringify(path)} was not read`;
    if (typeof found === "string") return found;
    files.set(found.key, found);
    return { src: `${canonicalOrigin}/${found.key}`, width: found.width, height: found.height };
  };
  return { resolve, files };
}

/** `path` (`media/…`) under `root` (content/, or an export's folder). */
async function check(path: string, root: string): Promise<MediaFile | string> {
  const file = normalize(join(root, path));
  const mediaDir = normalize(join(root, "media"));
  if (!path.startsWith("media/") || !file.startsWith(mediaDir + sep)) return `must be https or a file under ${join(root, "media")}/ (e.g. media/photo.jpg)`;
  if (!existsSync(file)) return `${file} does not exist`;
  const bytes = readFileSync(file);
  if (bytes.byteLength > MAX_MEDIA_BYTES) return `${file} is larger than ${MAX_MEDIA_BYTES / 1024 / 1024} MiB`;
  const type = sniffImage(bytes);
  if (!type) return `${file} is not a JPEG, PNG, WebP or AVIF image`;
  let size: { width?: number; height?: number };
  try {
    size = await dimensions(bytes);
  } catch {
    return `${file} could not be read as an image`;
  }
  const { width = 0, height = 0 } = size;
  if (width * height > MAX_PIXELS) return `${file} is larger than ${MAX_PIXELS / 1e6} megapixels`;
  if (width < WIDTHS[0]) return `${file} must be at least ${WIDTHS[0]} pixels wide`;
  const key = `media/${createHash("sha256").update(bytes).digest("hex")}`;
  return { key, file, type, width, height };
}

/** The `src:` values in the figures of the sources that are not https URLs. */
export function localMediaPaths(sources: { source: string }[]): string[] {
  return sources.flatMap(({ source }) => [...source.matchAll(/^src:[ \t]*(?!https:\/\/)(\S+)[ \t]*$/gm)].map((m) => m[1]));
}
