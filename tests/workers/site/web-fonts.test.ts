// Issue 36, type and finish: the web fonts are our own files (public/assets/fonts/, subset by `npm run site`),
// named by their bytes and cached a year; every @font-face in the inlined stylesheet points at one that
// answers, none can move text once shown (`font-display: optional`), a page preloads its edition's
// regular and bold, and the CSP allows fonts from this origin only.
import { beforeAll, describe, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, SEED_PATH } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const MIRROR = "http://127.0.0.1";

async function page(path: string) {
  const res = await get(CANONICAL + path, { Accept: "text/html" });
  const html = await res.text();
  const style = html.slice(html.indexOf("<style>"), html.indexOf("</style>"));
  const faces = [...style.matchAll(/@font-face\{([^}]*)\}/g)].map((m) => m[1]!);
  return { res, html, faces, urls: faces.flatMap((f) => [...f.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!)) };
}

describe("the web fonts", () => {
  it("every @font-face's file answers as WOFF2, a year immutable, with nosniff, on the canonical host and a mirror", async () => {
    const { urls } = await page("/");
    expect(urls.length).toBeGreaterThanOrEqual(7);
    for (const origin of [CANONICAL, MIRROR]) {
      for (const url of urls) {
        expect(url).toMatch(/^\/assets\/fonts\/[a-z0-9-]+\.[0-9a-f]{10}\.woff2$/);
        const res = await get(origin + url);
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect(res.status, url).toBe(200);
        expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("wOF2");
        expect(res.headers.get("content-type")).toBe("font/woff2");
        expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      }
    }
  });

  it("names Source Serif 4 and Vazirmatn, each face `font-display: optional`, Latin Extended in faces of its own range, and a size-adjusted local stand-in", async () => {
    const { faces } = await page(SEED_PATH);
    const served = faces.filter((f) => f.includes("url("));
    expect(new Set(served.map((f) => /font-family:"([^"]+)"/.exec(f)![1]))).toEqual(new Set(["Source Serif 4", "Vazirmatn"]));
    for (const f of served) expect(f).toContain("font-display:optional");
    // Fetched only by a page with such letters (Erdoğan, Łódź): a later face's range wins for its letters.
    const ext = served.filter((f) => f.includes("latin-ext"));
    expect(ext).toHaveLength(2);
    for (const f of ext) expect(f).toContain("unicode-range:U+100-24F,U+1E00-1EFF");
    expect(served.indexOf(ext[0]!)).toBeGreaterThan(served.findIndex((f) => f.includes("latin-400.")));
    const fallback = faces.find((f) => f.includes('"Source Serif 4 Fallback"'))!;
    expect(fallback).toMatch(/src:local\("Times New Roman"\)/);
    expect(fallback).toMatch(/size-adjust:1\d\d\.\d\d%/);
  });

  it("a page preloads the edition's regular and bold, both faces of its own stylesheet, and nothing else", async () => {
    for (const path of ["/", SEED_PATH, "/News", "/no-such-page"]) {
      const { html, urls } = await page(path);
      const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin=""\/>/g)].map((m) => m[1]!);
      expect(preloads, path).toHaveLength(2);
      expect(preloads.every((p) => p.includes("source-serif-4-latin-"))).toBe(true);
      for (const p of preloads) expect(urls).toContain(p);
    }
  });

  it("answers 404 for a font it does not have, and another hash of one it has", async () => {
    const { urls } = await page("/");
    expect((await get(CANONICAL + "/assets/fonts/nothing.woff2")).status).toBe(404);
    expect((await get(CANONICAL + urls[0]!.replace(/\.[0-9a-f]{10}\./, ".0000000000."))).status).toBe(404);
  });

  it("the CSP lets fonts load from this origin only, and still no script", async () => {
    const { res } = await page(SEED_PATH);
    const directives = res.headers
      .get("content-security-policy")!
      .split(";")
      .map((d) => d.trim());
    expect(directives).toContain("font-src 'self'");
    expect(directives.some((d) => d.startsWith("script-src"))).toBe(false);
  });
});
