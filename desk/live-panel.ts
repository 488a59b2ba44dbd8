/**
 * @module
 * The story editor's "Live coverage" panel (issue 38): a switch that marks the story live or closes
 * its coverage (the article's `live` member, in a PUT of the story as stored, with `If-Match`), a
 * quick composer for a phone (one CommonMark field, parsed to blocks by the content build's own
 * parser as the story's body is, an optional title and a "Key point" box), and the updates posted,
 * newest first, each with Edit, Pin and Delete (behind a confirmation). Updates go through their own
 * API (`…/articles/<id>/updates`), with the session's CSRF token as every desk write.
 */

import { type StoredArticle, bodyText } from "./article-text.ts";
import { updateBlocks } from "./update-text.ts";
import { call, type EditorView, editorView, problemText, type Who } from "./client.ts";
import { ask, h, say, shortTime } from "./dom.ts";

interface Update {
  n: number;
  seq: number;
  time: string;
  modified?: string;
  title?: string;
  body: StoredArticle["body"];
  pinned?: true;
}
type LiveSource = StoredArticle & { live?: { start: string; end: string | null }; updates?: Update[]; removed?: unknown[] };

export interface LivePanel {
  root: HTMLElement;
  /** Draws the panel for the story as the editor's view has it (null: a new story, not saved yet). */
  show(view: EditorView | null): void;
}

/** What the panel needs of the edit page: the story's id and ETag, and to hear of a new version it made. */
export interface LiveHost {
  id(): string | null;
  who: Who;
  /** A version made here: the page takes the new view (and its ETag when no one else saved in between). */
  changed(view: EditorView, etag: string, version: number): void;
}

const nowSeconds = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** The plain text of an update's blocks, for the list (every text a text node). */
function plain(body: Update["body"]): string {
  return body
    .map((b) => ("text" in b && typeof b.text === "string" ? b.text : b.type === "figure" ? `[Photo: ${(b as { caption?: string }).caption ?? ""}]` : ""))
    .join("\n\n");
}

export function livePanel(host: LiveHost): LivePanel {
  const heading = h("h2", { id: "live-heading" }, "Live coverage");
  const toggle = h("button", { type: "button", role: "switch", id: "live-switch", "aria-checked": "false", class: "switch" }, "Live");
  const state = h("p", { class: "hint", id: "live-state" });
  const text = h("textarea", { id: "live-text", rows: "4", "aria-describedby": "live-text-hint" });
  const title = h("input", { id: "live-title", type: "text", maxlength: "300", autocomplete: "off" });
  const key = h("input", { id: "live-key", type: "checkbox" });
  const post = h("button", { type: "submit", class: "primary", id: "live-post" }, "Post update");
  const problem = h("p", { class: "problem", id: "live-problem", role: "alert" });
  const composer = h(
    "form",
    { class: "live-composer", id: "live-composer", "aria-label": "New update" },
    h("label", { for: "live-text" }, "New update"),
    h("p", { class: "hint", id: "live-text-hint" }, "Markdown as in the story: *emphasis*, **bold**, [links](https://…)."),
    text,
    h("div", { class: "live-row" }, h("div", { class: "live-title" }, h("label", { for: "live-title" }, "Title (optional)"), title)),
    h("div", { class: "live-row" }, h("label", { class: "check", for: "live-key" }, key, " Key point"), post),
    problem,
  );
  const count = h("h3", { class: "live-count", id: "live-count" });
  // Focusable: on a wide screen it scrolls within itself, and a keyboard must reach it.
  const list = h("ol", { class: "live-updates", id: "live-updates", reversed: true, tabindex: "0", "aria-labelledby": "live-count" });
  const root = h(
    "section",
    { class: "panel live-panel", id: "live", "aria-labelledby": "live-heading" },
    h("div", { class: "live-head" }, heading, toggle),
    state,
    composer,
    count,
    list,
  );
  let view: EditorView | null = null;
  let busy = false;

  const source = () => view?.source as LiveSource | undefined;

  /** One write, then the story read again and drawn; true when it was taken. */
  async function write(method: string, path: string, body: unknown, done: string, headers: Record<string, string> = {}): Promise<boolean> {
    if (busy || !view) return false;
    busy = true;
    root.setAttribute("aria-busy", "true");
    try {
      const answer = await call<{ article?: { version: number; etag: string } }>(method, path, { body, headers: { Prefer: "wait=10", ...headers } });
      if (!answer.ok) {
        say(`Not saved: ${problemText(answer)}`, "error");
        return false;
      }
      const etag = answer.headers.get("Article-ETag") ?? answer.headers.get("ETag") ?? "";
      const version = Number(answer.headers.get("Newsroom-Version"));
      const fresh = await editorView(view.id);
      if (fresh.ok) host.changed(fresh.data, etag, version);
      say(done, "ok");
      return true;
    } finally {
      busy = false;
      root.removeAttribute("aria-busy");
    }
  }

  const updatesPath = () => `/api/v1/articles/${encodeURIComponent(view!.id)}/updates`;

  /** Opens or closes coverage: the story as stored with its `live` member changed (its updates kept by the Newsroom). */
  toggle.addEventListener("click", async () => {
    const s = source();
    if (!view || !s) return;
    const open = s.live && s.live.end === null;
    if (open) {
      const n = s.updates?.length ?? 0;
      const choice = await ask(
        "Close live coverage?",
        `The story becomes a normal article with its ${n} ${n === 1 ? "update" : "updates"} kept. No new updates can be posted until you open it again.`,
        [["close", "Close coverage"]],
      );
      if (choice !== "close") return;
    }
    const { updates: _, removed: __, modified: ___, ...story } = s;
    const live = open ? { start: s.live!.start, end: nowSeconds() } : { start: s.live?.start ?? nowSeconds(), end: null };
    await write(
      "PUT",
      `/api/v1/articles/${encodeURIComponent(view.id)}`,
      { ...story, live },
      open ? "Live coverage closed." : "The story is live: post updates below.",
      {
        "If-Match": view.etag,
      },
    );
  });

  composer.addEventListener("submit", async (e) => {
    e.preventDefault();
    const blocks = updateBlocks(text.value);
    problem.textContent = blocks.ok ? "" : blocks.message;
    text.setAttribute("aria-invalid", String(!blocks.ok));
    if (!blocks.ok) return text.focus();
    const update = { ...(title.value.trim() && { title: title.value.trim() }), body: blocks.body, ...(key.checked && { pinned: true }) };
    post.disabled = true;
    const ok = await write("POST", updatesPath(), update, "Update posted.").finally(() => (post.disabled = false));
    if (!ok) return;
    text.value = "";
    title.value = "";
    key.checked = false;
    text.focus();
  });

  /** An update's own form, in place of its text: Save or Cancel. */
  function editForm(u: Update, item: HTMLElement, draw: () => void): void {
    const area = h("textarea", { rows: "4", id: `live-edit-${u.n}`, "aria-label": `Update ${u.n}` });
    area.value = bodyText(u.body);
    const t = h("input", { type: "text", maxlength: "300", "aria-label": `Title of update ${u.n} (optional)`, placeholder: "Title (optional)" });
    t.value = u.title ?? "";
    const p = h("p", { class: "problem", role: "alert" });
    const save = h("button", { type: "submit", class: "primary" }, "Save update");
    const cancel = h("button", { type: "button", class: "quiet" }, "Cancel");
    const form = h("form", { class: "live-edit" }, t, area, p, h("div", { class: "actions" }, save, cancel));
    cancel.addEventListener("click", draw);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const blocks = updateBlocks(area.value);
      if (!blocks.ok) return void (p.textContent = blocks.message);
      const body = { ...(t.value.trim() && { title: t.value.trim() }), body: blocks.body, ...(u.pinned && { pinned: true }) };
      await write("PUT", `${updatesPath()}/${u.n}`, body, `Update ${u.n} saved.`);
    });
    item.replaceChildren(form);
    area.focus();
  }

  function entry(u: Update, canWrite: boolean): HTMLElement {
    const item = h("li", { class: `live-update${u.pinned ? " pinned" : ""}`, id: `live-update-${u.n}` });
    const draw = () => {
      const edit = h("button", { type: "button", class: "quiet" }, "Edit");
      const pin = h("button", { type: "button", class: "quiet", "aria-pressed": String(Boolean(u.pinned)) }, u.pinned ? "Unpin" : "Pin");
      const del = h("button", { type: "button", class: "danger" }, "Delete");
      for (const b of [edit, pin, del]) b.disabled = !canWrite;
      edit.setAttribute("aria-label", `Edit update ${u.n}`);
      pin.setAttribute("aria-label", `${u.pinned ? "Unpin" : "Pin"} update ${u.n} as a key point`);
      del.setAttribute("aria-label", `Delete update ${u.n}`);
      edit.addEventListener("click", () => editForm(u, item, draw));
      pin.addEventListener("click", () => {
        const body = { ...(u.title && { title: u.title }), body: u.body, pinned: !u.pinned };
        void write("PUT", `${updatesPath()}/${u.n}`, body, u.pinned ? `Update ${u.n} is no longer a key point.` : `Update ${u.n} is a key point.`);
      });
      del.addEventListener("click", async () => {
        const choice = await ask(
          `Delete update ${u.n}?`,
          "Readers no longer see it, and apps are told it was removed. An earlier revision of the story still has it.",
          [["delete", "Delete update"]],
          true,
        );
        if (choice === "delete") await write("DELETE", `${updatesPath()}/${u.n}`, undefined, `Update ${u.n} deleted.`);
      });
      const meta = h(
        "p",
        { class: "live-meta" },
        h("time", { datetime: u.time }, shortTime(u.time)),
        u.pinned && h("span", { class: "pill key" }, "Key point"),
        u.modified && h("span", { class: "hint" }, `edited ${shortTime(u.modified)}`),
      );
      item.replaceChildren(
        meta,
        u.title ? h("p", { class: "live-update-title" }, u.title) : "",
        h("p", { class: "live-text" }, plain(u.body)),
        h("div", { class: "actions" }, edit, pin, del),
      );
    };
    draw();
    return item;
  }

  function show(next: EditorView | null): void {
    view = next;
    const s = source();
    const canWrite = Boolean(next) && (host.who.role !== "contributor" || next!.status === "draft");
    const open = Boolean(s?.live && s.live.end === null);
    toggle.setAttribute("aria-checked", String(open));
    root.dataset.open = String(open);
    toggle.textContent = open ? "Live: on" : "Live: off";
    toggle.disabled = !canWrite;
    composer.hidden = !open || !canWrite;
    const updates = [...(s?.updates ?? [])].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || b.n - a.n);
    state.textContent = !next
      ? "Save the story first; then you can cover it live."
      : open
        ? `Live since ${shortTime(s!.live!.start)}. Readers see each update within seconds.`
        : s?.live
          ? `Coverage closed ${shortTime(s.live.end)}: a normal article with its updates kept. Switch it on to post again.`
          : "Not live. Switch it on to post short updates as the story develops.";
    count.textContent = updates.length ? `${updates.length} ${updates.length === 1 ? "update" : "updates"}, newest first` : "";
    count.hidden = updates.length === 0;
    list.replaceChildren(...updates.map((u) => entry(u, canWrite)));
  }

  return { root, show };
}
