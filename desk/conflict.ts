/**
 * @module
 * A save refused because a colleague saved first (412). The fields only one of the two changed are
 * merged (merge.ts) and saved at once; a field both changed is shown side by side, their version and
 * yours, with the words that differ marked, for the editor to choose; nothing is overwritten until
 * the editor saves the choice. The panel sits above the form, across the page, never under a column.
 */

import type { StoryText } from "./article-text.ts";
import { byId, h, shortTime } from "./dom.ts";
import { type Fields, mergeFields } from "./merge.ts";
import { FIELD_NAMES } from "./problem-words.ts";
import { wordDiff } from "./word-diff.ts";

export interface Sides {
  base: Fields;
  mine: Fields;
  theirs: Fields;
  by: { editor: string; version: number; changed: string };
}

/** A story's fields for the merge: its texts and the state (`draft` or `published`) it is in or is asked to be in. */
export const fieldsOf = (text: StoryText, status: string): Fields => ({ ...(text as unknown as Fields), status });

const label = (key: string) => (key === "status" ? "Published or draft" : (FIELD_NAMES[key] ?? key));
/** A field's name inside a sentence: "the headline", "the publication time". */
export const fieldWords = (keys: string[]) => keys.map((k) => `the ${label(k).toLowerCase()}`).join(" and ");

/**
 * The merged story, once the editor has chosen where both changed the same field (at once when
 * none did: `asking` is called only when the editor must choose); null when the editor cancels.
 * `taken` names what came from their version.
 */
export async function resolveConflict(sides: Sides, asking: () => void): Promise<{ fields: Fields; taken: string[] } | null> {
  const { merged, theirs: taken, conflicts } = mergeFields(sides.base, sides.mine, sides.theirs);
  if (conflicts.length === 0) return { fields: merged, taken };
  asking();
  const panel = byId("conflict");
  const choices = new Map<string, HTMLInputElement>();
  const rows = conflicts.map((key) => {
    const name = `choose-${key}`;
    const pick = (side: "theirs" | "mine", text: string) => {
      const radio = h("input", { type: "radio", name, id: `${name}-${side}`, value: side, checked: side === "mine" });
      if (side === "theirs") choices.set(key, radio);
      return h(
        "div",
        { class: `side side-${side}` },
        h("p", {}, radio, " ", h("label", { for: `${name}-${side}` }, side === "theirs" ? `Keep ${sides.by.editor}'s` : "Keep yours")),
        h("div", { class: "side-text", lang: document.documentElement.lang }, text || "(empty)"),
      );
    };
    return h(
      "fieldset",
      { class: "conflict-field" },
      h("legend", {}, label(key)),
      h("div", { class: "sides" }, pick("theirs", sides.theirs[key] ?? ""), pick("mine", sides.mine[key] ?? "")),
      h("details", {}, h("summary", {}, "The words that differ"), wordDiff(sides.theirs[key] ?? "", sides.mine[key] ?? "")),
    );
  });
  const save = h("button", { type: "button", class: "primary", id: "save-choice" }, "Save with these choices");
  const cancel = h("button", { type: "button", class: "quiet" }, "Not now");
  const merges = taken.length ? ` Their change to ${fieldWords(taken)} is merged into yours.` : "";
  panel.replaceChildren(
    h(
      "h2",
      { id: "conflict-heading", tabindex: "-1" },
      `${sides.by.editor} saved version ${sides.by.version} at ${shortTime(sides.by.changed)} while you were editing`,
    ),
    h("p", {}, `You both changed ${fieldWords(conflicts)}: choose which to keep.${merges} Nothing is overwritten until you save.`),
    ...rows,
    h("div", { class: "actions" }, save, cancel),
  );
  panel.hidden = false;
  panel.scrollIntoView({ block: "start" });
  (panel.querySelector("h2") as HTMLElement).focus();
  return new Promise((resolve) => {
    save.addEventListener("click", () => {
      panel.hidden = true;
      const fields = { ...merged };
      for (const key of conflicts) if (choices.get(key)?.checked) fields[key] = sides.theirs[key];
      resolve({ fields, taken: [...taken, ...conflicts.filter((k) => choices.get(k)?.checked)] });
    });
    cancel.addEventListener("click", () => {
      panel.hidden = true;
      resolve(null);
    });
  });
}
