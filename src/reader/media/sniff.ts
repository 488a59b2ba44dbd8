/**
 * @module
 * The type of an image from its first bytes (the signatures of the WHATWG MIME Sniffing standard,
 * §6.1, and the ISO BMFF `ftyp` brand for AVIF). The `Content-Type` an uploader sends is never trusted.
 */

export type ImageType = "image/jpeg" | "image/png" | "image/webp" | "image/avif";

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** One of the four accepted types, or null for anything else (GIF, SVG, HTML, a renamed text file…). */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBPVP"), 8)) return "image/webp";
  // ISO BMFF: a box size, `ftyp`, then the major brand; AVIF images are `avif` (still) or `avis` (sequence).
  if (startsWith(bytes, ascii("ftyp"), 4) && (startsWith(bytes, ascii("avif"), 8) || startsWith(bytes, ascii("avis"), 8))) return "image/avif";
  return null;
}
