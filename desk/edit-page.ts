/**
 * @module
 * The story editor (`/desk/edit?id=…`, or a new story without `id`). Saves use `If-Match` with the
 * ETag of the version the form was loaded from, so a colleague's newer version is a conflict shown
 * with both texts, never overwritten; what the editor typed is kept in the form, and in the
 * browser's storage until it is saved. Contributors see only "Save draft".
 */

import { direction } from "../src/shared/model/blocks.ts";
import { type StoredArticle, storyArticle, type StoryText, storyText } from "./article-text.ts";
import { call, problemText, sectionPaths, session, type Who } from "./client.ts";
import { byId, fromLocalInput, h, localTime, say, toLocalInput } from "./dom.ts";
import { showConflict } from "./conflict.ts";
import { addPhotos } from "./photo-upload.ts";
import { storyForm, type StoryForm } from "./story-form.ts";

interface EditorView {
  id: string;
  status: "draft" | "published";
  scheduled: boolean;
  publishAt?: string;
  version: number;
  editor: string;
  changed: string;
  previewUrl: string | null;
  url: string;
  etag: string;
  source: StoredArticle;
}

let id: string | null = new URLSearchParams(location.search).get("id");
let etag: string | null = null;
let current: EditorView | null = null;
let published = "";
let form: StoryForm;
let who: Who;

const draftKey = () => `desk:story:${id ?? "new"}`;

function read(): StoryText {
  const text = form.read();
  // The picker shows the editor's local time; an unchanged picker keeps the stored value (a date stays a date).
  const picked = fromLocalInput(form.fields.published.value);
  const unchanged = published !== "" && picked === fromLocalInput(toLocalInput(published));
  text.published = unchanged ? published : (picked ?? "");
  return text;
}

function fill(view: EditorView): void {
  current = view;
  published = view.source.published;
  form.write(storyText(view.source));
  form.setDirection(direction(view.source.language || document.documentElement.lang));
  form.fields.published.value = toLocalInput(published);
  const state = view.scheduled ? `scheduled for ${localTime(view.publishAt)}` : view.status;
  byId("heading").textContent = view.source.headline;
  byId("state").textContent = `Version ${view.version}, ${state}, last changed by ${view.editor} ${localTime(view.changed)}.`;
  const preview = byId<HTMLIFrameElement>("preview");
  if (view.previewUrl) preview.src = view.previewUrl;
  byId<HTMLAnchorElement>("revisions-link").href = `/desk/revisions?id=${view.id}`;
  byId("revisions-link").hidden = false;
  buttons();
}

function buttons(): void {
  const editor = who.role === "editor";
  const live = current !== null && current.status === "published";
  for (const name of ["publish", "schedule", "delete"]) byId(name).hidden = !editor;
  byId("unpublish").hidden = !editor || !live;
  byId("delete").hidden = !editor || current === null;
  const locked = !editor && live;
  byId<HTMLButtonElement>("save-draft").disabled = locked;
  byId("locked").hidden = !locked;
}

async function load(): Promise<void> {
  if (!id) return buttons();
  const answer = await call<EditorView>("GET", `/api/v1/articles/${id}?preview=1`);
  if (!answer.ok) return say(`Could not open story ${id}: ${problemText(answer)}`, "error");
  etag = answer.data.etag;
  fill(answer.data);
}

function keepLocally(): void {
  localStorage.setItem(draftKey(), JSON.stringify({ at: new Date().toISOString(), text: read() }));
}

function offerLocalDraft(): void {
  const kept = localStorage.getItem(draftKey());
  if (!kept) return;
  const { at, text } = JSON.parse(kept) as { at: string; text: StoryText };
  if (JSON.stringify(text) === JSON.stringify(read())) return localStorage.removeItem(draftKey());
  const restore = h("button", { type: "button" }, "Restore them");
  const discard = h("button", { type: "button", class: "quiet" }, "Discard");
  const note = h(
    "p",
    { class: "note", id: "local-draft" },
    `Changes you made ${localTime(at)} were not saved; this browser kept them. `,
    restore,
    " ",
    discard,
  );
  restore.addEventListener("click", () => {
    form.write(text);
    form.fields.published.value = text.published ? toLocalInput(text.published) : "";
    published = text.published;
    note.remove();
    say("Your unsaved changes are back in the form.", "ok");
  });
  discard.addEventListener("click", () => {
    localStorage.removeItem(draftKey());
    note.remove();
  });
  byId("story").before(note);
}

/** Sections as the site has them; a new one only after the editor confirms it (so a typo makes none). */
async function sectionKnown(section: string): Promise<boolean> {
  const known = [...byId<HTMLDataListElement>("sections").options].map((o) => o.value.toLowerCase());
  return known.includes(section.trim().toLowerCase()) || confirm(`“${section}” is a new section. Create it?`);
}

async function save(status: "draft" | "published", at?: string): Promise<void> {
  form.clearProblems();
  const text = read();
  if (at) text.published = at;
  else if (!text.published || (status === "published" && (!current || current.status !== "published") && new Date(text.published) > new Date()))
    text.published = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const parsed = storyArticle(text, id, status);
  if (!parsed.ok) {
    form.showProblems(parsed.problems);
    return say(`Not saved: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, "error");
  }
  if (!(await sectionKnown(text.section))) return say("Not saved: choose the section again.", "info");
  say("Saving…");
  const headers: Record<string, string> = { Prefer: "wait=10" };
  if (etag) headers["If-Match"] = etag;
  else if (id) headers["If-None-Match"] = "*";
  const answer = await call<{ id: string }>(id ? "PUT" : "POST", id ? `/api/v1/articles/${id}` : "/api/v1/articles", { body: parsed.article, headers }).catch(
    () => null,
  );
  if (!answer) return say("Not saved: the desk could not reach the server. Your text is still here.", "error");
  if (answer.status === 412) return conflict();
  if (!answer.ok) {
    form.showProblems(
      ((answer.data as { errors?: { field: string; message: string }[] })?.errors ?? []).map((e) => ({
        field: e.field.replace(/[[.].*$/, ""),
        message: e.message,
      })),
    );
    return say(`Not saved: ${problemText(answer)}`, "error");
  }
  localStorage.removeItem(draftKey());
  id = answer.data.id;
  history.replaceState(null, "", `/desk/edit?id=${id}`);
  await load();
  const what = current?.scheduled ? `scheduled for ${localTime(current.publishAt)}` : status === "draft" ? "saved as a draft" : "published";
  say(`Saved: ${what} (version ${current?.version}).`, "ok");
}

async function conflict(): Promise<void> {
  const theirs = await call<EditorView>("GET", `/api/v1/articles/${id}?preview=1`);
  if (!theirs.ok) return say(`Not saved: the story changed and could not be read again (${problemText(theirs)}).`, "error");
  say(`Not saved: ${theirs.data.editor} changed this story (version ${theirs.data.version}) while you were editing. Nothing was overwritten.`, "conflict");
  showConflict(storyText(theirs.data.source), read(), theirs.data, {
    keepMine: () => {
      etag = theirs.data.etag;
      current = theirs.data;
      say("Your version will replace theirs when you save again.", "info");
    },
    takeTheirs: () => {
      etag = theirs.data.etag;
      fill(theirs.data);
      say("The form now holds their version.", "ok");
    },
  });
}

async function remove(): Promise<void> {
  if (!id || !confirm("Delete this story? Readers will no longer find it; its revisions are kept.")) return;
  const answer = await call("DELETE", `/api/v1/articles/${id}`, { headers: { ...(etag && { "If-Match": etag }), Prefer: "wait=10" } });
  if (answer.status === 412) return conflict();
  if (!answer.ok) return say(`Not deleted: ${problemText(answer)}`, "error");
  localStorage.removeItem(draftKey());
  say("Deleted.", "ok");
  location.assign("/desk/?status=removed");
}

export async function editPage(): Promise<void> {
  who = await session();
  form = storyForm();
  byId("main").append(form.root);
  form.root.addEventListener("input", () => {
    keepLocally();
    form.setDirection(direction(form.fields.language.value || document.documentElement.lang));
  });
  byId("save-draft").addEventListener("click", () => save("draft"));
  byId("publish").addEventListener("click", () => save("published"));
  byId("unpublish").addEventListener("click", () => save("draft"));
  byId("delete").addEventListener("click", remove);
  byId("schedule").addEventListener("click", () => {
    const at = fromLocalInput(form.fields.published.value);
    if (!at || new Date(at) <= new Date()) return say("To schedule, choose a publication time in the future.", "error");
    return save("published", at);
  });
  addPhotos(form.fields.body as HTMLTextAreaElement, byId<HTMLInputElement>("photo"));
  byId<HTMLDataListElement>("sections").append(...(await sectionPaths()).map((path) => h("option", { value: path.split("/").join(" / ") })));
  await load();
  offerLocalDraft();
}
