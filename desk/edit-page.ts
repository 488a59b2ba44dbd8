/**
 * @module
 * The story editor (`/desk/edit?id=…`, or a new story without `id`), loaded as a chunk of its own
 * (CodeMirror is in it): the form, the writing surface and the photo cards on the left, the live
 * preview on the right, the state and the actions in a bar that never covers the form. Saves use
 * `If-Match` with the ETag of the version the form was made from (story-save.ts).
 */

import { direction } from "../src/shared/model/blocks.ts";
import { type StoryText, storyArticle, storyText } from "./article-text.ts";
import { autosaver } from "./autosave.ts";
import { type EditorView, editorView, problemText, sectionNames, session, vocabulary, type Vocabulary, type Who } from "./client.ts";
import { byId, h, say, shortTime, takeFlash } from "./dom.ts";
import { figureBlocks } from "./figures.ts";
import { livePanel } from "./live-panel.ts";
import { photoCards } from "./photo-cards.ts";
import { previewPane } from "./preview-pane.ts";
import { storyForm } from "./story-form.ts";
import { type Editing, runAction } from "./story-save.ts";
import { stageOf, storyState } from "./story-state.ts";
import { writingSurface } from "./writing-surface.ts";

const POLL_MS = 15_000;

/** Words of the story's text (not its photos' and embeds' fields), and minutes to read them at 230 a minute. */
export function wordCount(body: string): { words: number; minutes: number } {
  const prose = body.replace(/^:::[\s\S]*?^:::$/gm, "").replace(/\]\([^)]*\)/g, "]");
  const words = (prose.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu) ?? []).length;
  return { words, minutes: Math.max(1, Math.round(words / 230)) };
}

export async function editPage(): Promise<void> {
  const who: Who = await session();
  let words: Vocabulary = { sections: [], authors: [], tags: [] };
  const ed: Editing = {
    id: new URLSearchParams(location.search).get("id"),
    etag: null,
    current: null,
    who,
    read: () => ({ ...form.read(), body: surface.text() }),
    fill: (text) => fill(text),
    show: (view) => show(view),
    saved: (text) => keeper.saved(text),
    problems: (list) => form.showProblems(list, (n) => surface.goToLine(n)),
    clearProblems: () => form.clearProblems(),
  };
  const form = storyForm(
    () => words,
    () => changed(),
  );
  const state = storyState((action) => void runAction(ed, action));
  /** Ctrl/Cmd+S saves and never publishes: a draft is saved as a draft, a live or scheduled story updated. */
  const saveKey = () => {
    const stage = stageOf(ed.current);
    if (who.role === "contributor" && stage !== "new" && stage !== "draft") return;
    void runAction(ed, stage === "live" || stage === "scheduled" ? "update" : "save-draft");
  };
  // Typing redraws the word count, the cards, the problems and the preview a moment after it pauses.
  let pause: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(pause);
    pause = setTimeout(() => changed(), 120);
  };
  const surface = writingSurface(soon, saveKey, () => cards.pick());
  const cards = photoCards(surface, () => changed());
  const preview = previewPane();
  // A version the live panel made: the form takes its ETag (and state) only when no one else saved in between.
  const live = livePanel({
    id: () => ed.id,
    who,
    changed: (view, _etag, version) => {
      if (ed.current && version === ed.current.version + 1 && view.version === version) {
        ed.etag = view.etag;
        show(view);
      } else live.show(view);
    },
  });
  const count = h("p", { class: "count", id: "word-count", "aria-live": "off" });
  const keeper = autosaver({ id: () => ed.id, etag: () => ed.etag, text: () => ed.read() }, (m) => (byId("autosave").textContent = m));
  form.storySlot.append(surface.root, count);
  // Every field of the form (the writing surface and the photo cards tell of their own changes).
  form.root.addEventListener("input", (e) => (e.target as HTMLElement).closest(".photo-card") || soon());
  form.root.addEventListener("change", (e) => (e.target as HTMLElement).closest(".photo-card") || changed());
  form.photoSlot.append(cards.root);

  const later = () => {
    const at = form.read().published;
    return at !== "" && new Date(at) > new Date();
  };
  function show(view: EditorView | null): void {
    ed.current = view;
    state.show(view, who.role, later());
    live.show(view);
    byId("heading").textContent = view?.headline ?? "New story";
    document.title = `${view?.headline ?? "New story"} · Desk`;
  }
  function fill(text: StoryText): void {
    form.write(text);
    surface.setText(text.body);
    changed(false);
  }
  function changed(edited = true): void {
    const text = ed.read();
    const { words: n, minutes } = wordCount(text.body);
    count.textContent = `${n} ${n === 1 ? "word" : "words"} · ${minutes} min read`;
    const dir = direction(text.language || document.documentElement.lang);
    form.setDirection(dir);
    surface.setDirection(dir);
    cards.refresh();
    form.setPhotos(figureBlocks(text.body).map((f) => ({ src: f.fields.src ?? "", caption: f.fields.caption ?? "" })));
    state.show(ed.current, who.role, later());
    const parsed = storyArticle(text, ed.id, "draft");
    if (parsed.ok) form.clearProblems();
    else form.showProblems(parsed.problems, (line) => surface.goToLine(line));
    preview.show(parsed.ok ? parsed.article : null, ed.id);
    if (edited) keeper.changed();
  }

  byId("main").append(
    state.badge,
    h("section", { id: "conflict", class: "conflict", hidden: true, "aria-labelledby": "conflict-heading" }),
    live.root,
    h("div", { class: "editor" }, form.root, preview.root),
  );
  // The page's status line goes into the action bar, beside the buttons it reports on.
  document.body.append(state.bar);
  state.bar.prepend(byId("status"), h("p", { class: "autosave", id: "autosave", "aria-live": "polite" }));
  // Ctrl/Cmd+S anywhere on the page (the writing surface has its own).
  addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      saveKey();
    }
  });

  vocabulary().then((v) => (words = v));
  void sectionNames().then((names) => byId("sections").replaceChildren(...names.map((n) => h("option", { value: n }))));
  if (ed.id) {
    const answer = await editorView(ed.id);
    if (!answer.ok) return say(`Could not open story ${ed.id}: ${problemText(answer)}`, "error");
    ed.etag = answer.data.etag;
    const text = storyText(answer.data.source);
    fill(text);
    keeper.saved(text);
    show(answer.data);
    offerCopies(answer.data, text);
  } else show(null);
  changed(false);
  takeFlash();

  // The badge follows the story: a scheduled story going live, a colleague's save.
  const poll = async () => {
    if (!ed.id || document.hidden || ed.busy) return;
    const answer = await editorView(ed.id).catch(() => null);
    if (!answer?.ok || !ed.current) return;
    const them = answer.data;
    if (them.version !== ed.current.version && them.etag !== ed.etag)
      say(`${them.editor} saved version ${them.version} at ${shortTime(them.changed)}. Your next save merges your changes with theirs.`, "conflict");
    else if (stageOf(them) !== stageOf(ed.current)) {
      show({ ...ed.current, status: them.status, scheduled: them.scheduled, datePublished: them.datePublished });
      say(stageOf(them) === "live" ? "It is live now: its scheduled time has come." : "Its state changed.", "ok");
    }
  };
  setInterval(() => void poll(), POLL_MS);

  /** Changes kept by the server's autosave or this browser, offered back. */
  function offerCopies(view: EditorView, text: StoryText): void {
    const server = view.workingCopy;
    const local = keeper.local(text);
    const copy = server ? { at: server.saved, text: server.text as unknown as StoryText } : local;
    if (!copy || JSON.stringify(copy.text) === JSON.stringify(text)) return;
    const where = server ? "autosaved them on the server" : "this browser kept them";
    const stale =
      server && server.version !== view.version ? ` They were made over version ${server.version}; saving them merges them with version ${view.version}.` : "";
    const restore = h("button", { type: "button", id: "restore-copy" }, "Restore them");
    const discard = h("button", { type: "button", class: "quiet" }, "Discard");
    const note = h(
      "p",
      { class: "note", id: "local-draft" },
      `You have changes from ${shortTime(copy.at)} that were not saved: the desk ${where}.${stale} `,
      restore,
      " ",
      discard,
    );
    restore.addEventListener("click", () => {
      fill({ ...text, ...copy.text });
      if (server) ed.etag = server.etag;
      note.remove();
      changed();
      say("Your unsaved changes are back in the form. Save to keep them.", "ok");
    });
    discard.addEventListener("click", () => {
      keeper.forgetLocal();
      void keeper.discardServer();
      note.remove();
    });
    byId("story").before(note);
  }
}
