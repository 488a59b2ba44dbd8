/**
 * @module
 * Reading a request body with a size limit, so an oversized body is refused (413) without
 * being buffered whole.
 */

export class TooLarge extends Error {
  override name = "TooLarge";
}

/** The body as text, or `TooLarge` once more than `limit` bytes have arrived (or are announced). */
export async function readLimited(request: Request, limit: number): Promise<string> {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await readLimitedBytes(request, limit));
}

/** The body as bytes, or `TooLarge` once more than `limit` bytes have arrived (or are announced). */
export async function readLimitedBytes(request: Request, limit: number): Promise<Uint8Array> {
  const length = request.headers.get("content-length");
  const announced = Number(length ?? "0");
  if (announced > limit) throw new TooLarge();
  if (!request.body) return new Uint8Array(0);
  // Announced and within the limit: the runtime reads it whole (a 5 MB content load in one call).
  // It cannot send more than it announced, so the limit holds.
  if (length !== null && /^\d+$/.test(length)) return new Uint8Array(await request.arrayBuffer());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
