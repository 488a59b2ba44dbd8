/**
 * @module
 * A live update's text as the desk's composer holds it (desk/live-panel.ts), turned into the blocks
 * the updates API takes: the same CommonMark as a story's body, through the same parser (the story's
 * form with only a body). No DOM here, so the workerd tests can check it.
 */

import { storyArticle, type StoryText } from "./article-text.ts";

const EMPTY: StoryText = {
  headline: "Update",
  description: "",
  section: "News",
  authors: "",
  tags: "",
  language: "",
  slug: "",
  published: "",
  corrections: "",
  body: "",
  seoTitle: "",
  seoDescription: "",
  socialImage: "",
};

/** An update's text (CommonMark) as blocks, or the first problem in plain words. */
export function updateBlocks(text: string): { ok: true; body: unknown[] } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: "Write the update first." };
  const parsed = storyArticle({ ...EMPTY, body: text }, "1", "draft");
  if (parsed.ok) return { ok: true, body: parsed.article.body as unknown[] };
  const p = parsed.problems[0]!;
  return { ok: false, message: p.line ? `Line ${p.line}: ${p.message}` : p.message };
}
