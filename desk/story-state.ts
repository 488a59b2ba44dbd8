/**
 * @module
 * Where a story stands, said plainly and kept current: a badge (draft; scheduled for …; live since …)
 * that asks the server again every few seconds and at a scheduled time, a link to the story on the
 * site while it is live, and the actions that fit: a draft is saved, published or scheduled; a live
 * story is updated (it stays live), unpublished or deleted; a scheduled one is updated (it stays
 * scheduled), published now, unscheduled or deleted. A contributor only saves drafts.
 */

import type { EditorView, Who } from "./client.ts";
import { h, shortTime } from "./dom.ts";

export type Action = "save-draft" | "publish" | "schedule" | "update" | "publish-now" | "unpublish" | "unschedule" | "delete";

const LABELS: Record<Action, string> = {
  "save-draft": "Save draft",
  publish: "Publish",
  schedule: "Schedule",
  update: "Update",
  "publish-now": "Publish now",
  unpublish: "Unpublish…",
  unschedule: "Unschedule…",
  delete: "Delete…",
};

export type Stage = "new" | "draft" | "scheduled" | "live";

export const stageOf = (view: EditorView | null): Stage => (!view ? "new" : view.status === "draft" ? "draft" : view.scheduled ? "scheduled" : "live");

/** The actions a stage offers, the main one first. `later`: the publication time chosen is to come. */
export function actionsFor(stage: Stage, role: Who["role"], later: boolean): Action[] {
  if (role === "contributor") return stage === "new" || stage === "draft" ? ["save-draft"] : [];
  if (stage === "live") return ["update", "unpublish", "delete"];
  if (stage === "scheduled") return ["update", "publish-now", "unschedule", "delete"];
  const main: Action[] = later ? ["schedule", "save-draft", "publish-now"] : ["publish", "save-draft"];
  return stage === "draft" ? [...main, "delete"] : main;
}

export interface StoryState {
  badge: HTMLElement;
  bar: HTMLElement;
  /** Draws the badge, the site link and the buttons for `view` (null: a new story). */
  show(view: EditorView | null, role: Who["role"], later: boolean): void;
}

export function storyState(run: (action: Action) => void): StoryState {
  const badge = h("p", { class: "badge-line", id: "state" });
  const buttons = h("div", { class: "actions", role: "group", "aria-label": "Save or publish" });
  const bar = h("div", { class: "action-bar", id: "action-bar" }, buttons);
  const state: StoryState = {
    badge,
    bar,
    show(view, role, later) {
      const stage = stageOf(view);
      const key = JSON.stringify([stage, view?.version, view?.publishAt, view?.datePublished]);
      if (badge.dataset.key !== key) {
        badge.dataset.key = key;
        drawBadge(view, stage);
      }
      drawButtons(actionsFor(stage, role, later));
    },
  };
  return state;

  function drawBadge(view: EditorView | null, stage: Stage): void {
    const pill = (cls: string, text: string) => h("span", { class: `pill ${cls}`, id: "status-badge", "data-stage": stage }, text);
    const parts: (Node | string)[] = [];
    if (stage === "new") parts.push(pill("new", "New story"), " Not saved yet.");
    else if (stage === "draft") parts.push(pill("draft", "Draft"), " Not on the site.");
    else if (stage === "scheduled") parts.push(pill("scheduled", `Scheduled for ${shortTime(view!.publishAt)}`), " It goes live by itself then.");
    else
      parts.push(
        pill("live", `Live since ${shortTime(view!.datePublished)}`),
        " ",
        h("a", { href: view!.url, target: "_blank", rel: "noopener", id: "view-on-site" }, "View on site"),
      );
    if (view) {
      parts.push(
        h("span", { class: "byline" }, ` Version ${view.version}, saved by ${view.editor}, ${shortTime(view.changed)}. `),
        h("a", { href: `/desk/revisions?id=${encodeURIComponent(view.id)}`, id: "revisions-link" }, "Revisions"),
      );
    }
    badge.replaceChildren(...parts);
  }

  function drawButtons(actions: Action[]): void {
    // The buttons stay the same elements while the actions are the same: a click that blurs a field
    // (which redraws the state) must land on the button it was pressed on.
    if (buttons.dataset.actions === actions.join()) return;
    buttons.dataset.actions = actions.join();
    if (actions.length === 0)
      buttons.replaceChildren(h("p", { class: "note", id: "locked" }, "This story is published or scheduled: only an editor can change it."));
    else
      buttons.replaceChildren(
        ...actions.map((a, i) => {
          const b = h("button", { type: "button", id: a, class: i === 0 ? "primary" : a === "delete" ? "danger" : "" }, LABELS[a]);
          b.addEventListener("click", () => run(a));
          return b;
        }),
      );
  }
}
