/**
 * @module
 * Loading the demo archive into a running local server: the photos through `POST /api/v1/media`, the
 * stories through the publishing API (so a content load leaves them), then a wait until KV holds them.
 * `npm run demo` (demo.ts) and the e2e checks use it.
 */

import { uploadImage, waitForReadModel } from "../lib/admin-api.ts";
import { DEMO_FIRST_ID, DEMO_STORIES, demoArticles, demoPhotos, type Uploaded } from "./demo-archive.ts";

/** Uploads the photos and publishes every story; resolves once KV holds them. */
export async function loadDemo(origin: string, token: string, now = Date.now()): Promise<{ stories: number; photos: number }> {
  const photos: Uploaded[] = [];
  for (const p of await demoPhotos()) {
    const up = await uploadImage(origin, token, p.bytes);
    if ("refused" in up) throw new Error(`a demo photo was refused: ${up.refused}`);
    photos.push({ ...up, alt: p.alt });
  }
  const articles = demoArticles(now, photos);
  for (const { id, ...article } of articles) {
    const res = await fetch(`${origin}/api/v1/articles/${id}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(article),
    });
    if (!res.ok) throw new Error(`PUT /api/v1/articles/${id}: ${res.status} ${(await res.text()).slice(0, 1000)}`);
    await res.body?.cancel();
  }
  await waitForReadModel(origin, token, 5 * 60_000);
  return { stories: articles.length, photos: photos.length };
}

/** Removes the demo stories (those still there). */
export async function removeDemo(origin: string, token: string): Promise<number> {
  let removed = 0;
  for (let i = 0; i < DEMO_STORIES; i++) {
    const res = await fetch(`${origin}/api/v1/articles/${DEMO_FIRST_ID + i}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    await res.body?.cancel();
    if (res.ok) removed++;
    else if (res.status !== 404 && res.status !== 410) throw new Error(`DELETE /api/v1/articles/${DEMO_FIRST_ID + i}: ${res.status}`);
  }
  await waitForReadModel(origin, token, 5 * 60_000);
  return removed;
}
