// Site furniture (README "Site furniture"): the favicon, icons and web app manifest are served from
// Workers Static Assets through the Worker on the canonical host and a mirror, redirect hosts redirect
// them like any URL, every page links them, and the HTML CSP lets the manifest and robots.txt load.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, REDIRECT, SEED_PATH, SITE_NAME } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const MIRROR = "http://127.0.0.1";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2: the first chunk, right after the signature). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The images in an ICO file: its header, directory entries and the PNG each points to. */
function icoImages(bytes: Uint8Array): { width: number; height: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect(view.getUint16(0, true)).toBe(0); // reserved
  expect(view.getUint16(2, true)).toBe(1); // 1: an icon (2 would be a cursor)
  const count = view.getUint16(4, true);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const declared = view.getUint8(entry) || 256;
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    const size = pngSize(bytes.subarray(offset, offset + length));
    expect(size).toEqual({ width: declared, height: view.getUint8(entry + 1) || 256 });
    return size;
  });
}

async function fetched(url: string, headers: Record<string, string> = {}) {
  const res = await get(url, headers);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe.each([
  ["the canonical host", CANONICAL],
  ["a mirror host", MIRROR],
])("site furniture on %s", (_, origin) => {
  it("serves /favicon.ico as an ICO holding a 16 and a 32 pixel icon", async () => {
    const { res, bytes } = await fetched(origin + "/favicon.ico");
    expect(res.status).toBe(200);
    expect(["image/x-icon", "image/vnd.microsoft.icon"]).toContain(res.headers.get("content-type"));
    expect(icoImages(bytes)).toEqual([
      { width: 16, height: 16 },
      { width: 32, height: 32 },
    ]);
  });

  it("serves /icon.svg as an SVG", async () => {
    const { res, bytes } = await fetched(origin + "/icon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml(;|$)/);
    expect(new TextDecoder().decode(bytes)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 512 512">.*<\/svg>\s*$/s);
  });

  it.each([
    ["/apple-touch-icon.png", 180],
    ["/icon-192.png", 192],
    ["/icon-512.png", 512],
    ["/icon-maskable-512.png", 512],
  ])("serves %s as a PNG of %i × %i pixels", async (path, size) => {
    const { res, bytes } = await fetched(origin + path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(pngSize(bytes)).toEqual({ width: size, height: size });
  });

  it("serves /manifest.webmanifest with the site's name and language and icons that answer", async () => {
    const res = await get(origin + "/manifest.webmanifest");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/manifest\+json(;|$)/);
    const m = await res.json<Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose?: string }[] }>();
    expect(m).toMatchObject({
      name: SITE_NAME,
      short_name: SITE_NAME,
      start_url: "/",
      scope: "/",
      lang: env.SITE_LANGUAGE,
      theme_color: "#ffffff",
      background_color: "#ffffff",
    });
    expect(["fullscreen", "standalone", "minimal-ui", "browser"]).toContain(m.display);
    expect(m.icons.map((i) => `${i.sizes} ${i.type}${i.purpose ? " " + i.purpose : ""}`)).toEqual(
      expect.arrayContaining(["192x192 image/png", "512x512 image/png", "512x512 image/png maskable"]),
    );
    for (const icon of m.icons) {
      const { res: r, bytes } = await fetched(new URL(icon.src, origin + "/").href);
      expect(r.status, icon.src).toBe(200);
      expect(r.headers.get("content-type")!.split(";")[0]).toBe(icon.type);
      if (icon.type === "image/png") expect(`${pngSize(bytes).width}x${pngSize(bytes).height}`).toBe(icon.sizes);
    }
  });

  it("sends a day's cache lifetime, nosniff, an ETag, 304 on If-None-Match, and HEAD without a body", async () => {
    const res = await get(origin + "/icon-192.png");
    await res.arrayBuffer();
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(origin + "/icon-192.png", { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const head = await get(origin + "/icon-192.png", {}, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("image/png");
    expect(await head.text()).toBe("");
  });

  it("refuses other methods with 405", async () => {
    const res = await get(origin + "/favicon.ico", {}, { method: "POST", body: "x" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("site furniture on a redirect host", () => {
  it.each(["/favicon.ico", "/manifest.webmanifest", "/icon-512.png"])("redirects %s to the canonical host", async (path) => {
    const res = await get(REDIRECT + path);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(CANONICAL + path);
  });

  it("answers 421 on a host not in the table", async () => {
    expect((await get("https://unknown.example/favicon.ico")).status).toBe(421);
  });
});

describe("pages link the furniture", () => {
  it.each([
    ["the front page", "/"],
    ["the seed article", SEED_PATH],
    ["a section page", "/News"],
  ])("%s names the icons, the manifest and a theme colour for light and dark", async (_, path) => {
    const html = await (await get(CANONICAL + path, { Accept: "text/html" })).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32"/>');
    expect(head).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml"/>');
    expect(head).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>');
    expect(head).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(head).toContain('<meta name="theme-color" media="(prefers-color-scheme: light)" content="#ffffff"/>');
    expect(head).toContain('<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#121212"/>');
  });

  it("and every URL a page links there answers 200", async () => {
    const html = await (await get(MIRROR + "/", { Accept: "text/html" })).text();
    const head = html.slice(0, html.indexOf("</head>"));
    const hrefs = [...head.matchAll(/<link rel="(?:icon|apple-touch-icon|manifest)" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(4);
    for (const href of hrefs) expect((await get(new URL(href, MIRROR).href)).status, href).toBe(200);
  });
});

describe("the HTML CSP", () => {
  it("allows fetches and the manifest from the page's own origin, and still no script", async () => {
    const csp = (await get(CANONICAL + "/", { Accept: "text/html" })).headers.get("content-security-policy")!;
    const directives = csp.split(";").map((d) => d.trim());
    expect(directives).toContain("connect-src 'self'");
    expect(directives).toContain("manifest-src 'self'");
    expect(directives).toContain("default-src 'none'");
    expect(directives.some((d) => d.startsWith("script-src"))).toBe(false);
    expect(csp).not.toContain("unsafe-inline");
  });
});
