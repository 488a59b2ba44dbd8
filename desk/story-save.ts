/**
 * @module
 * What each of the editor's actions does, and what it says when it is done. Saves send `If-Match`
 * (the version the form was made from) and `Prefer: wait`; a colleague's newer version is merged
 * field by field (conflict.ts), never overwritten. Unpublishing, unscheduling and deleting ask first
 * and say what happened; Update keeps a live story live and a scheduled one scheduled.
 */

import { type FieldProblem, type StoredArticle, storyArticle, type StoryText, storyText } from "./article-text.ts";
import { call, type EditorView, editorView, problemText, sectionNames, type Who } from "./client.ts";
import { fieldsOf, fieldWords, resolveConflict } from "./conflict.ts";
import { ask, byId, flash, say, shortTime } from "./dom.ts";
import { figureBlocks } from "./figures.ts";
import type { Action } from "./story-state.ts";

export interface Editing {
  id: string | null;
  etag: string | null;
  current: EditorView | null;
  who: Who;
  /** A save is under way (the badge's polling waits). */
  busy?: boolean;
  read(): StoryText;
  fill(text: StoryText): void;
  show(view: EditorView | null): void;
  saved(text: StoryText): void;
  problems(list: FieldProblem[]): void;
  clearProblems(): void;
}

const nowSeconds = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
const confirmedSections = new Set<string>();

/** Photos need alt text for readers who cannot see them; the desk asks for it, though the API does not. */
function missingAlt(text: StoryText): FieldProblem[] {
  const lines = text.body.split("\n");
  return figureBlocks(text.body)
    .filter((f) => !f.fields.alt)
    .map((f) => ({
      field: "body",
      line: lines.slice(f.first - 1, f.last).findIndex((l) => l.startsWith("alt:")) + f.first || f.first,
      message: "The photo's alt text is missing.",
    }));
}

/** A section no story uses yet is made only once the editor confirms it (once: then the desk knows it). */
async function sectionKnown(section: string): Promise<boolean> {
  const name = section.trim().replace(/\s*\/\s*/g, " / ");
  const known = (await sectionNames()).map((n) => n.toLowerCase());
  if (known.includes(name.toLowerCase()) || confirmedSections.has(name)) return true;
  const yes = (await ask("A new section?", `No story is in “${name}” yet. Make it a new section of the site?`, [["make", "Make the section"]])) === "make";
  if (yes) confirmedSections.add(name);
  return yes;
}

function done(action: Action, view: EditorView): string {
  const when = shortTime(view.publishAt ?? view.datePublished);
  if (view.scheduled)
    return action === "update" ? `Updated: still scheduled for ${when} (version ${view.version}).` : `Scheduled for ${when}: it goes live by itself then.`;
  if (view.status === "draft")
    return action === "unpublish"
      ? "Unpublished: no longer on the site. It is a draft now."
      : action === "unschedule"
        ? "Unscheduled: it will not go live. It is a draft now."
        : `Draft saved (version ${view.version}).`;
  return action === "update" ? `Updated: the live story shows your changes (version ${view.version}).` : "Published: it is live on the site now.";
}

async function remove(ed: Editing): Promise<void> {
  const headline = ed.current?.headline ?? "this story";
  const live = ed.current?.status === "published";
  const sure = await ask(
    "Delete this story?",
    `“${headline}” ${live ? "leaves the site at once and " : ""}goes to Recently removed. Its revisions are kept: it can be restored from there.`,
    [["delete", "Delete"]],
    true,
  );
  if (sure !== "delete" || !ed.id) return;
  const answer = await call("DELETE", `/api/v1/articles/${ed.id}`, { headers: { ...(ed.etag && { "If-Match": ed.etag }), Prefer: "wait=10" } });
  if (answer.status === 412) return say("Not deleted: a colleague saved a newer version meanwhile. Look at it, then delete again.", "conflict");
  if (!answer.ok) return say(`Not deleted: ${problemText(answer)}`, "error");
  ed.saved(ed.read());
  flash(`Deleted “${headline}”${live ? ": it is no longer on the site" : ""}. Restore it from Recently removed if that was a mistake.`);
  location.assign("/desk/?status=removed");
}

export async function runAction(ed: Editing, action: Action | undefined): Promise<void> {
  if (!action || ed.busy) return;
  if (action === "delete") return remove(ed);
  if (action === "unpublish" || action === "unschedule") {
    const what = action === "unpublish" ? "It leaves the site at once and becomes a draft." : "It will not go live at its time, and becomes a draft.";
    const label = action === "unpublish" ? "Unpublish" : "Unschedule";
    if ((await ask(`${label} this story?`, `${what} You can publish it again later.`, [[action, label]], true)) !== action) return;
  }
  const text = ed.read();
  if (action === "schedule" && !(text.published && new Date(text.published) > new Date()))
    return say("To schedule, choose a publication time to come.", "error");
  if (action === "publish-now") text.published = nowSeconds();
  ed.busy = true;
  try {
    await save(ed, action, text, ["save-draft", "unpublish", "unschedule"].includes(action) ? "draft" : "published");
  } finally {
    ed.busy = false;
  }
}

async function save(ed: Editing, action: Action, text: StoryText, status: string, attempt = 0): Promise<void> {
  ed.clearProblems();
  const parsed = storyArticle(text, ed.id, status as "draft" | "published");
  const problems = parsed.ok ? missingAlt(text) : parsed.problems;
  if (problems.length) {
    ed.problems(problems);
    return say(`Not saved: ${problems.length === 1 ? "a problem" : `${problems.length} problems`} to fix, listed under the story.`, "error");
  }
  if (!parsed.ok) return;
  if (!(await sectionKnown(text.section)))
    return say(`Not saved: “${text.section}” is not a section yet. Choose one from the list, or save again and confirm the new section.`, "error");
  say("Saving…");
  const headers: Record<string, string> = { Prefer: "wait=10" };
  if (ed.etag) headers["If-Match"] = ed.etag;
  else if (ed.id) headers["If-None-Match"] = "*";
  const answer = await call<{ id: string }>(ed.id ? "PUT" : "POST", ed.id ? `/api/v1/articles/${ed.id}` : "/api/v1/articles", {
    body: parsed.article,
    headers,
  }).catch(() => null);
  if (!answer) return say("Not saved: the desk could not reach the server. Your text is still here, and in this browser.", "error");
  if (answer.status === 412 && ed.id && ed.current && attempt < 3) return merge(ed, action, text, status, attempt);
  if (!answer.ok) {
    const errors = (answer.data as { errors?: { field: string; message: string }[] })?.errors ?? [];
    ed.problems(errors.map((e) => ({ field: e.field.replace(/[[.].*$/, ""), message: e.message })));
    return say(`Not saved: ${problemText(answer)}`, "error");
  }
  ed.id = answer.data.id;
  history.replaceState(null, "", `/desk/edit?id=${ed.id}`);
  const view = await editorView(ed.id);
  if (!view.ok) return say("Saved, but the story could not be read back: reload the page.", "error");
  ed.etag = view.data.etag;
  ed.saved(text);
  ed.show(view.data);
  say(done(action, view.data), "ok");
}

/** A 412: their version and the one the form was made from, merged field by field with the editor's. */
async function merge(ed: Editing, action: Action, text: StoryText, status: string, attempt: number): Promise<void> {
  const base = ed.current!;
  const [theirs, old] = await Promise.all([editorView(ed.id!), call<{ article: StoredArticle }>("GET", `/api/v1/articles/${ed.id}/revisions/${base.version}`)]);
  if (!theirs.ok || !old.ok) return say(`Not saved: the story changed and could not be read again (${problemText(theirs.ok ? old : theirs)}).`, "error");
  const them = theirs.data;
  const sides = {
    base: fieldsOf(storyText(old.data.article), base.status),
    mine: fieldsOf(text, status),
    theirs: fieldsOf(storyText(them.source), them.status),
    by: them,
  };
  say(`${them.editor} saved version ${them.version} while you were editing: merging it with yours…`, "conflict");
  const resolved = await resolveConflict(sides, () => say(`You and ${them.editor} changed the same field: choose which to keep, above.`, "conflict"));
  if (!resolved) return say("Not saved. Your text is still in the form; their version is unchanged.", "info");
  const { status: merged, ...fields } = resolved.fields;
  const next = fields as unknown as StoryText;
  ed.etag = them.etag;
  ed.current = them;
  ed.fill(next);
  await save(ed, action, next, merged, attempt + 1);
  // What the save said, and that the colleague's changes are in it.
  const kept = resolved.taken.length ? `: ${fieldWords(resolved.taken)} from theirs, the rest yours` : "";
  if (byId("status").dataset.kind === "ok") say(`${byId("status").textContent} Merged with the version ${them.editor} saved meanwhile${kept}.`, "ok");
}
