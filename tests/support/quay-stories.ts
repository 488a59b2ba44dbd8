/**
 * @module
 * Two stories through the Worker's own API, for the tests of issue 23's findings (mirrors, publish,
 * fields and cursors, site pages): "Quay reopens" (section Findapi, with an uploaded photo as its
 * first figure) and "Quokkafind meets wombatfind" (Findapi/Words). Ids 923201–923299 and sections
 * "Findapi…" belong to these tests; each test file stores the stories in its own isolated storage.
 */
import { expect } from "vitest";
import jpegUrl from "./fixtures/media/photo-1600x900.jpg?inline";
import { CANONICAL, get, loadSeedContent, TOKEN, WAIT } from "./helpers.ts";

export const API = `${CANONICAL}/api/v1`;
export const AUTH = { Authorization: `Bearer ${TOKEN}` };
export const PHOTO = "923201";
export const PERSIAN = "923202";
export const WORDS = "923203";

export interface Media {
  id: string;
  url: string;
  width: number;
  height: number;
}

/** PUT /api/v1/articles/<id> as an editor, waiting for the read model (`Prefer: wait`). */
export function put(id: string, body: unknown): Promise<Response> {
  return get(`${API}/articles/${id}`, { ...AUTH, "Content-Type": "application/json", ...WAIT }, { method: "PUT", body: JSON.stringify(body) });
}

/** Loads the seed, uploads the photo, stores both stories (201 each); the photo as the API answered it. */
export async function storeQuayStories(): Promise<Media> {
  await loadSeedContent();
  const bytes = Uint8Array.from(atob(jpegUrl.slice(jpegUrl.indexOf(",") + 1)), (c) => c.charCodeAt(0));
  const media = await (await get(`${API}/media`, AUTH, { method: "POST", body: bytes })).json<Media>();
  const figure = { type: "figure", caption: "The quay.", credit: "Photo by Test", alt: "Ships", src: media.url, width: media.width, height: media.height };
  const photo = await put(PHOTO, {
    section: ["Findapi"],
    headline: "Quay reopens",
    published: "2021-05-01T08:00:00Z",
    body: [figure, { type: "paragraph", text: "The quay reopened." }],
  });
  expect(photo.status).toBe(201);
  const words = await put(WORDS, {
    section: ["Findapi", "Words"],
    headline: "Quokkafind meets wombatfind",
    published: "2021-05-02T08:00:00Z",
    body: [{ type: "paragraph", text: "A quokkafind met a wombatfind." }],
  });
  expect(words.status).toBe(201);
  return media;
}
