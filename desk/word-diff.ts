/**
 * @module
 * A word-level difference between two texts (jsdiff's `diffWords`), shown with `<del>` and `<ins>`
 * so it reads without colour too; used by the revisions page and by a save's conflict.
 */

import { diffWords } from "diff";
import type { StoryText } from "./article-text.ts";
import { h } from "./dom.ts";

/** A story as one text to compare: the fields an editor writes, in the form's order. */
export function comparable(t: StoryText): string {
  return [`Headline: ${t.headline}`, `Standfirst: ${t.description}`, `Section: ${t.section}`, `Authors: ${t.authors}`, `Tags: ${t.tags}`, "", t.body].join(
    "\n",
  );
}

export function wordDiff(before: string, after: string): HTMLElement {
  const out = h("div", { class: "diff" });
  let changes = 0;
  for (const part of diffWords(before, after)) {
    if (part.added) {
      out.append(h("ins", {}, part.value));
      changes++;
    } else if (part.removed) {
      out.append(h("del", {}, part.value));
      changes++;
    } else out.append(part.value);
  }
  if (changes === 0) out.prepend(h("p", { class: "note" }, "No difference in the text."));
  return out;
}
