/**
 * @module
 * The articles the browser tests publish beside the seed, through the publishing API of the server
 * under test: a photo story (the front page's lead), a right-to-left Persian article, and stories
 * in two more top-level sections, so the front page has a lead, a latest column and section blocks.
 * Their ids (100901–100908) are the e2e run's own; the next content load leaves them (they came through the API).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

export const TOKEN = "e2e-publish-token";

export interface Published {
  id: string;
  headline: string;
  /** The article's path on the server. */
  path: string;
}

const PARAGRAPHS = (topic: string) =>
  Array.from({ length: 8 }, (_, i) => ({
    type: "paragraph",
    text: `Paragraph ${i + 1} of the report on ${topic}, long enough to read as a paragraph of a news story on a phone.`,
  }));

async function upload(origin: string): Promise<{ url: string; width: number; height: number }> {
  const photo = readFileSync(new URL("../../../tests/support/fixtures/media/photo-1600x900.jpg", import.meta.url));
  const res = await fetch(origin + "/api/v1/media", { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: photo });
  assert.ok(res.status === 201 || res.status === 200, `upload: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as { url: string; width: number; height: number };
}

async function put(origin: string, id: string, article: Record<string, unknown>): Promise<Published> {
  const res = await fetch(`${origin}/api/v1/articles/${id}`, {
    method: "PUT",
    // Answered once KV has it (RFC 7240), so the pages the browser opens next show it.
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", Prefer: "wait=30" },
    body: JSON.stringify(article),
  });
  assert.ok(res.status === 201 || res.status === 200, `publish ${id}: ${res.status} ${await res.clone().text()}`);
  return { id, headline: String(article.headline), path: new URL(res.headers.get("content-location") ?? "", origin).pathname };
}

/** Publishes the fixtures (idempotent: a PUT of the same article again changes nothing). */
export async function publishFixtures(origin: string): Promise<{ photo: Published; rtl: Published; others: Published[] }> {
  // others[5] (100908) has a YouTube embed and says it is English.
  const media = await upload(origin);
  const figure = (caption: string, alt: string) => ({
    type: "figure",
    caption,
    credit: "Photo by Test",
    alt,
    src: media.url,
    width: media.width,
    height: media.height,
  });
  const photo = await put(origin, "100901", {
    section: ["News", "Photos"],
    headline: "A harbour at dawn",
    description: "Ships wait at the quay as the port reopens after the storm.",
    published: "2026-11-24T06:30:00Z",
    authors: [{ name: "Test Reporter" }],
    body: [figure("Ships at the quay.", "Two ships at a quay"), ...PARAGRAPHS("the harbour")],
  });
  const rtl = await put(origin, "100902", {
    section: ["News", "Iran"],
    headline: "گفت‌وگوهای نفتی از سر گرفته شد",
    slug: "Oil-talks-resume",
    description: "مذاکره‌کنندگان پس از یک ماه دوباره در وین دیدار کردند.",
    published: "2026-11-23T09:00:00Z",
    modified: "2026-11-23T12:15:00Z",
    language: "fa",
    tags: ["نفت", "وین"],
    body: [
      { type: "paragraph", text: "وزارت نفت اعلام کرد که گفت‌وگوها دوباره در مسیر درست قرار گرفته است." },
      { type: "heading", text: "آنچه توافق شد" },
      { type: "paragraph", text: "دو طرف بر سر یک برنامهٔ زمانی برای نشست‌های بعدی به توافق رسیدند." },
    ],
  });
  const others = [
    await put(origin, "100903", {
      section: ["Economy"],
      headline: "Markets steady as oil prices ease",
      description: "Traders point to calmer shipping lanes.",
      published: "2026-11-22T15:00:00Z",
      body: [figure("Containers at a terminal.", "Stacks of shipping containers"), ...PARAGRAPHS("the markets")],
    }),
    await put(origin, "100904", {
      section: ["Sports"],
      headline: "Tehran derby ends in a draw",
      description: "Neither side found a winner in front of a full stadium.",
      published: "2026-11-21T18:45:00Z",
      body: PARAGRAPHS("the derby"),
    }),
    // A front page's worth more: sections beyond the menu's first three (Culture), stories with and without pictures.
    await put(origin, "100905", {
      section: ["News", "Syria"],
      headline: "Aid convoy reaches Idlib after a week at the crossing",
      description: "Forty lorries of food and medicine crossed before dawn.",
      published: "2026-11-20T07:15:00Z",
      body: PARAGRAPHS("the convoy"),
    }),
    await put(origin, "100906", {
      section: ["Culture"],
      headline: "Film festival opens with a debut from Mashhad",
      description: "Twelve first films compete this year.",
      published: "2026-11-19T19:00:00Z",
      body: [figure("The festival hall.", "A cinema hall with red seats"), ...PARAGRAPHS("the festival")],
    }),
    await put(origin, "100907", {
      section: ["Economy"],
      headline: "Rial steadies on the open market",
      description: "Exchange offices report calmer trading.",
      published: "2026-11-18T10:30:00Z",
      body: PARAGRAPHS("the rial"),
    }),
    await put(origin, "100908", {
      section: ["News", "Iran"],
      headline: "Parliament opens the budget debate",
      description: "The first reading is due by the end of the month.",
      published: "2026-11-17T09:00:00Z",
      // English whatever the edition: on the Persian one (SITE_LANGUAGE = fa) its block stays English.
      language: "en",
      authors: [{ name: "Sara Ahmadi" }, { name: "Test Reporter" }],
      body: [...PARAGRAPHS("the budget"), { type: "embed", url: "https://www.youtube.com/watch?v=abc123", title: "The minister presents the budget" }],
    }),
  ];
  return { photo, rtl, others };
}
