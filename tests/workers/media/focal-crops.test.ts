// Crops around a photo's focal point (issue 35, item 4). The Images binding's local emulation ignores
// a gravity point and `trim` (Miniflare resizes with sharp and passes only named sides as gravity), so
// the Worker cuts the crop as an explicit rectangle around the point, with the `cover` fit and named
// sides, which the binding honours everywhere. Compared here as the renditions the Worker serves:
// the 720x720 crop moves with the point; the same point gives the same bytes; the point appears in
// the article's structured data. Real R2 and Images bindings. Ids 670xxx.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import jpegUrl from "../../support/fixtures/media/photo-1600x900.jpg?inline";
import { CANONICAL, get, loadSeedContent, TOKEN, WAIT } from "../../support/helpers.ts";

const JPEG = Uint8Array.from(atob(jpegUrl.slice(jpegUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
const auth = { Authorization: `Bearer ${TOKEN}` };
let url = "";

beforeAll(async () => {
  await loadSeedContent();
  const res = await get(`${CANONICAL}/api/v1/media`, { ...auth, "Content-Type": "application/octet-stream" }, { method: "POST", body: JPEG });
  url = (await res.json<{ url: string }>()).url;
});

const crop = async (size: string) => {
  const res = await get(`${url.replace(/^https?:\/\/[^/]+/, CANONICAL)}/${size}`, { Accept: "image/jpeg" });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
};
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe("a crop around a focal point", { timeout: 60_000 }, () => {
  it("moves with the point: the left, the centre and the right of a wide photo are three different squares", async () => {
    const [left, centre, right, leftAgain] = await Promise.all([crop("720x720-0-50"), crop("720x720"), crop("720x720-100-50"), crop("720x720-0-50")]);
    for (const c of [left, centre, right]) {
      expect(c.status).toBe(200);
      const info = await env.IMAGES.info(new Blob([c.bytes]).stream());
      expect("width" in info && [info.width, info.height]).toEqual([720, 720]);
    }
    expect(same(left.bytes, centre.bytes)).toBe(false);
    expect(same(right.bytes, centre.bytes)).toBe(false);
    expect(same(left.bytes, right.bytes)).toBe(false);
    expect(same(left.bytes, leftAgain.bytes)).toBe(true);
    // Up and down does not move a square cut from a wide photo: its whole height is in it.
    expect(same((await crop("720x720-50-0")).bytes, (await crop("720x720-50-100")).bytes)).toBe(true);
  });

  it("takes points in steps of 5 percent, as written (no other spelling), and only for the crops there are", async () => {
    for (const size of ["720x720-33-50", "720x720-05-50", "720x720-105-50", "720x720-50", "640x640-0-50"]) expect((await crop(size)).status).toBe(404);
    expect((await crop("960x720-35-50")).status).toBe(200);
  });

  it("is what the article's structured data names, from its lead photo's focus", async () => {
    const article = {
      section: ["Desk Photos"],
      headline: "A photo with a focal point",
      published: "2026-03-01T08:30:00Z",
      body: [
        { type: "figure", caption: "The quay.", credit: "Photo by Test", alt: "A colour chart", src: url, width: 1600, height: 900, focus: { x: 12, y: 40 } },
        { type: "paragraph", text: "The quay at dawn." },
      ],
    };
    const put = await get(
      `${CANONICAL}/api/v1/articles/670001`,
      { ...auth, ...WAIT, "Content-Type": "application/json" },
      { method: "PUT", body: JSON.stringify(article) },
    );
    expect(put.status).toBe(201);
    const html = await (await get(put.headers.get("Content-Location")!)).text();
    const id = url.slice(-64);
    // 12 % is served as 10 %, 40 % as 40 %: the crops' steps.
    for (const size of ["960x720", "720x720"]) expect(html).toContain(`/media/${id}/${size}-10-40`);
    const json = await (await get(`${CANONICAL}/api/v1/articles/670001`, { Accept: "application/json" })).json<{ image: { focus: unknown } }>();
    expect(json.image.focus).toEqual({ x: 12, y: 40 });
    const bad = await get(
      `${CANONICAL}/api/v1/articles/670002`,
      { ...auth, "Content-Type": "application/json" },
      { method: "PUT", body: JSON.stringify({ ...article, body: [{ ...article.body[0], focus: { x: 101, y: 0 } }, article.body[1]] }) },
    );
    expect(bad.status).toBe(422);
    expect((await bad.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field)).toEqual(["body[0].focus"]);
  });
});
