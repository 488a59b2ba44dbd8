/**
 * @module
 * A save refused because a colleague saved first (412): both versions side by side, with the words
 * that differ marked, and the editor's choice of what happens next. Nothing is overwritten until
 * the editor saves again.
 */

import type { StoryText } from "./article-text.ts";
import { byId, h, localTime } from "./dom.ts";
import { comparable, wordDiff } from "./word-diff.ts";

export function showConflict(
  theirs: StoryText,
  mine: StoryText,
  by: { editor: string; version: number; changed: string },
  choices: { keepMine: () => void; takeTheirs: () => void },
): void {
  const panel = byId("conflict");
  const keep = h("button", { type: "button" }, "Keep my version (save again to replace theirs)");
  const take = h("button", { type: "button", class: "quiet" }, "Take their version");
  panel.replaceChildren(
    h("h2", { id: "conflict-heading" }, `${by.editor} saved version ${by.version} at ${localTime(by.changed)} while you were editing`),
    h("p", {}, "Your changes are still in the form. From their version to yours:"),
    wordDiff(comparable(theirs), comparable(mine)),
    h("div", { class: "actions" }, keep, " ", take),
  );
  panel.hidden = false;
  const done = (choice: () => void) => () => {
    panel.hidden = true;
    choice();
  };
  keep.addEventListener("click", done(choices.keepMine));
  take.addEventListener("click", done(choices.takeTheirs));
  panel.scrollIntoView({ block: "start" });
  (panel.querySelector("h2") as HTMLElement).setAttribute("tabindex", "-1");
  (panel.querySelector("h2") as HTMLElement).focus();
}
