// Photos on real components: uploads into the R2 binding, renditions by the Images binding (run by
// Miniflare with sharp), dimensions checked by decoding the bytes served. Refused uploads leave R2 as it was.
import { Validator } from "@cfworker/json-schema";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import jpegUrl from "../../support/fixtures/media/photo-1600x900.jpg?inline";
import avifUrl from "../../support/fixtures/media/photo-400x225.avif?inline";
import webpUrl from "../../support/fixtures/media/photo-640x360.webp?inline";
import pngUrl from "../../support/fixtures/media/photo-800x450.png?inline";
import { CANONICAL, get, TOKEN, WAIT } from "../../support/helpers.ts";

function bytesOf(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
const JPEG = bytesOf(jpegUrl);
const PNG = bytesOf(pngUrl);
const WEBP = bytesOf(webpUrl);
const AVIF = bytesOf(avifUrl);

const UPLOAD = `${CANONICAL}/api/v1/media`;
const auth = { Authorization: `Bearer ${TOKEN}` };

function upload(bytes: Uint8Array, headers: Record<string, string> = { ...auth, "Content-Type": "application/octet-stream" }) {
  return get(UPLOAD, headers, { method: "POST", body: bytes });
}

async function r2Keys(): Promise<string[]> {
  const listed = await env.MEDIA.list();
  return listed.objects.map((o) => `${o.key} ${o.size}`).sort();
}

/** Width, height and type of image bytes, decoded by the Images binding. */
async function decoded(bytes: ArrayBuffer) {
  const info = await env.IMAGES.info(new Blob([bytes]).stream());
  return "width" in info ? { format: info.format, width: info.width, height: info.height } : { format: info.format };
}

// A PNG that declares a side × side canvas (10000: 100 megapixels) in a few dozen bytes.
function pixelFlood(side = 10000): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: number[]) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const chunk = (type: string, data: number[]) => {
    const body = [...[...type].map((ch) => ch.charCodeAt(0)), ...data];
    return [...u32(data.length), ...body, ...u32(crc(body))];
  };
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk("IHDR", [...u32(side), ...u32(side), 8, 2, 0, 0, 0]),
    ...chunk("IDAT", [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ...chunk("IEND", []),
  ]);
}

let jpeg: { id: string; url: string; width: number; height: number; type: string; renditions: { width: number; url: string }[] };

beforeAll(async () => {
  const res = await upload(JPEG, { ...auth, "Content-Type": "image/png" }); // the header is not what decides
  expect(res.status).toBe(201);
  jpeg = await res.json();
});

describe("upload", () => {
  it("answers 201 with the id (the SHA-256 of the bytes), url, type from the bytes and decoded dimensions", async () => {
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", JPEG))].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(jpeg).toMatchObject({ id: digest, url: `${CANONICAL}/media/${digest}`, type: "image/jpeg", width: 1600, height: 900 });
    expect(jpeg.renditions.map((r) => r.width)).toEqual([320, 640, 960, 1280]);
    const openapi = await (await get(CANONICAL + "/openapi.json")).json<{ components: object }>();
    expect(new Validator({ $ref: "#/components/schemas/Media", components: openapi.components } as object, "2020-12", false).validate(jpeg).errors).toEqual([]);
  });

  it.each([
    ["PNG", PNG, "image/png", 800, 450],
    ["WebP", WEBP, "image/webp", 640, 360],
    ["AVIF", AVIF, "image/avif", 400, 225],
  ])("takes %s", async (_, bytes, type, width, height) => {
    const res = await upload(bytes);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ type, width, height });
  });

  it("keeps the same upload twice as one object", async () => {
    const before = await r2Keys();
    const res = await upload(JPEG);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(jpeg.id);
    expect(await r2Keys()).toEqual(before);
    expect(before.filter((k) => k.startsWith(`media/${jpeg.id} `))).toEqual([`media/${jpeg.id} ${JPEG.byteLength}`]);
  });
});

describe("refused uploads change nothing", () => {
  const text = new TextEncoder().encode("<html><script>alert(1)</script></html>");
  const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b]);
  const big = new Uint8Array(10 * 1024 * 1024 + 1);
  big.set(JPEG);
  it.each([
    ["no token", 401, JPEG, { "Content-Type": "image/jpeg" }, "bearer token"],
    ["HTML disguised as image/jpeg", 415, text, { ...auth, "Content-Type": "image/jpeg" }, "not a JPEG, PNG, WebP or AVIF"],
    ["a GIF", 415, gif, { ...auth, "Content-Type": "image/gif" }, "not a JPEG, PNG, WebP or AVIF"],
    ["a truncated JPEG", 422, JPEG.slice(0, JPEG.byteLength >> 1), { ...auth, "Content-Type": "image/jpeg" }, "truncated or corrupt"],
    ["a pixel flood (10000 × 10000 declared)", 422, pixelFlood(), { ...auth, "Content-Type": "image/png" }, "larger than 40 megapixels"],
    // Past sharp's own limit (268 megapixels) the Images binding refuses to read it at all.
    ["a pixel flood (20000 × 20000 declared)", 422, pixelFlood(20000), { ...auth, "Content-Type": "image/png" }, "could not be read"],
    ["over 10 MiB", 413, big, { ...auth, "Content-Type": "image/jpeg" }, "larger than this endpoint accepts"],
  ])("%s → %i", async (_, status, bytes, headers, detail) => {
    const before = await r2Keys();
    const res = await upload(bytes, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toContain(detail);
    expect(await r2Keys()).toEqual(before);
  });

  it("refuses other methods on the upload URL", async () => {
    const res = await get(UPLOAD, auth, { method: "PUT", body: JPEG });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("OPTIONS, POST");
  });
});

describe("renditions", () => {
  it.each([
    ["image/avif,image/webp,*/*", "image/avif"],
    ["image/webp,*/*", "image/webp"],
    ["image/avif;q=0, image/webp", "image/webp"],
    ["*/*", "image/jpeg"],
    [undefined, "image/jpeg"],
  ])("Accept %j → %s, the right size, immutable", async (accept, type) => {
    const res = await get(`${CANONICAL}/media/${jpeg.id}/640`, accept ? { Accept: accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await decoded(await res.arrayBuffer())).toEqual({ format: type, width: 640, height: 360 });
  });

  it("answers 304 to its ETag, and a different ETag per format", async () => {
    const avif = await get(`${CANONICAL}/media/${jpeg.id}/320`, { Accept: "image/avif" });
    const jpg = await get(`${CANONICAL}/media/${jpeg.id}/320`, { Accept: "image/jpeg" });
    expect(avif.headers.get("etag")).not.toBe(jpg.headers.get("etag"));
    const again = await get(`${CANONICAL}/media/${jpeg.id}/320`, { Accept: "image/avif", "If-None-Match": avif.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("serves the same bytes again from the cache", async () => {
    const a = await (await get(`${CANONICAL}/media/${jpeg.id}/960`, { Accept: "image/webp" })).arrayBuffer();
    const b = await (await get(`${CANONICAL}/media/${jpeg.id}/960`, { Accept: "image/webp" })).arrayBuffer();
    expect(new Uint8Array(b)).toEqual(new Uint8Array(a));
  });

  it.each([
    ["a width that is not one of the fixed set", (id: string) => `/media/${id}/500`],
    ["a width larger than the original (no upscaling)", (id: string) => `/media/${id}/1920`],
    ["a padded width", (id: string) => `/media/${id}/0640`],
    ["a crop that is not one of the fixed set", (id: string) => `/media/${id}/1000x1000`],
    ["an unknown id", () => `/media/${"0".repeat(64)}/640`],
  ])("%s → 404", async (_, path) => {
    const res = await get(CANONICAL + path(jpeg.id), { Accept: "*/*" });
    expect(res.status).toBe(404);
  });

  it("redirects the upload's url to a rendition, never serving the original", async () => {
    const res = await get(jpeg.url);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`${CANONICAL}/media/${jpeg.id}/960`);
  });

  it("serves a file the content loaders put without metadata, measuring it from its bytes", async () => {
    // As `wrangler r2 object put` leaves it: the bytes under their hash, no custom metadata.
    const id = [...new Uint8Array(await crypto.subtle.digest("SHA-256", PNG))]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("")
      .replace(/^./, "f");
    await env.MEDIA.put(`media/${id}`, PNG, { httpMetadata: { contentType: "image/png" } });
    const res = await get(`${CANONICAL}/media/${id}/640`, { Accept: "image/webp" });
    expect(res.status).toBe(200);
    expect(await decoded(await res.arrayBuffer())).toEqual({ format: "image/webp", width: 640, height: 360 });
    expect((await get(`${CANONICAL}/media/${id}/960`)).status).toBe(404); // the original is 800 wide
    expect((await get(`${CANONICAL}/media/${id}/720x720`)).status).toBe(404); // and 450 tall: no crop fits
    expect((await get(`${CANONICAL}/media/${id}`)).headers.get("location")).toBe(`${CANONICAL}/media/${id}/640`);
  });

  it("answers an upload of bytes the loaders put with their measured size", async () => {
    const bytes = WEBP;
    const key = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
    await env.MEDIA.delete(`media/${key}`);
    await env.MEDIA.put(`media/${key}`, bytes, { httpMetadata: { contentType: "image/webp" } });
    const res = await upload(bytes);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: key, type: "image/webp", width: 640, height: 360 });
  });

  it("owns /media: no section may be called media, and a path there that is not a rendition is 404", async () => {
    const body = { section: ["media", "Press"], headline: "About the media", published: "2020-01-05", body: [{ type: "paragraph", text: "Text." }] };
    const put = await get(
      `${CANONICAL}/api/v1/articles/711201`,
      { ...auth, "Content-Type": "application/json", ...WAIT },
      { method: "PUT", body: JSON.stringify(body) },
    );
    expect(put.status).toBe(422);
    expect((await get(`${CANONICAL}/media/Press`, { Accept: "application/json" })).status).toBe(404);
    expect((await get(`${CANONICAL}/media`, { Accept: "application/json" })).status).toBe(404);
  });

  it("answers 406 when no rendition format is acceptable", async () => {
    expect((await get(`${CANONICAL}/media/${jpeg.id}/640`, { Accept: "image/png" })).status).toBe(406);
  });
});
