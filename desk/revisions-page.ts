/**
 * @module
 * A story's revisions (`/desk/revisions?id=…`): every version with its time and editor, the words
 * that differ between any two, and restoring one (editors only). A restored version's text becomes
 * the newest version, dated now, and the story keeps its state; a removed story comes back as a
 * draft unless the editor chooses to republish it, and the desk says which.
 */

import type { StoredArticle } from "./article-text.ts";
import { storyText } from "./article-text.ts";
import { call, problemText, session } from "./client.ts";
import { ask, byId, flash, h, localTime, say } from "./dom.ts";
import { comparable, wordDiff } from "./word-diff.ts";

interface Revision {
  version: number;
  time: string;
  editor: string;
  kind: "upsert" | "delete";
}

const cache = new Map<number, string>();

async function textOf(id: string, version: number): Promise<string> {
  if (!cache.has(version)) {
    const answer = await call<{ article: StoredArticle | null }>("GET", `/api/v1/articles/${id}/revisions/${version}`);
    cache.set(version, answer.ok && answer.data.article ? comparable(storyText(answer.data.article)) : "(removed)");
  }
  return cache.get(version)!;
}

async function restore(id: string, r: Revision, removed: boolean): Promise<void> {
  const choice = removed
    ? await ask(
        `Restore version ${r.version}?`,
        "The story was removed. Restored as a draft it stays off the site until you publish it; or republish it at once, at its old address.",
        [
          ["draft", "Restore as a draft"],
          ["published", "Restore and republish"],
        ],
      )
    : await ask(`Restore version ${r.version}?`, "Its text becomes the newest version, dated now. The story stays as it is: live, scheduled or a draft.", [
        ["keep", "Restore"],
      ]);
  if (!choice) return;
  const query = removed ? `?status=${choice}` : "";
  const done = await call<{ id: string }>("POST", `/api/v1/articles/${id}/revisions/${r.version}/restore${query}`, { headers: { Prefer: "wait=10" } });
  if (!done.ok) return say(`Not restored: ${problemText(done)}`, "error");
  const what =
    choice === "draft"
      ? `Version ${r.version} restored as a draft: it is not on the site. Publish it when it is ready.`
      : choice === "published"
        ? `Version ${r.version} restored and republished: it is live again.`
        : `Version ${r.version} restored as the newest version.`;
  flash(what);
  location.assign(`/desk/edit?id=${encodeURIComponent(id)}`);
}

export async function revisionsPage(): Promise<void> {
  const who = await session();
  const id = new URLSearchParams(location.search).get("id") ?? "";
  const answer = await call<{ revisions: Revision[] }>("GET", `/api/v1/articles/${encodeURIComponent(id)}/revisions`);
  if (!answer.ok) return say(`No revisions: ${problemText(answer)}`, "error");
  const revisions = answer.data.revisions;
  const removed = revisions[0]?.kind === "delete";
  const option = (r: Revision, selected: boolean) =>
    h("option", { value: String(r.version), selected }, `Version ${r.version}, ${localTime(r.time)}, ${r.editor}${r.kind === "delete" ? " (removed)" : ""}`);
  const from = h("select", { id: "from" }, ...revisions.map((r, i) => option(r, i === 1 || revisions.length === 1)));
  const to = h("select", { id: "to" }, ...revisions.map((r, i) => option(r, i === 0)));
  const out = h("div", { id: "difference", "aria-live": "polite" });
  const show = async () => {
    out.replaceChildren(wordDiff(await textOf(id, Number(from.value)), await textOf(id, Number(to.value))));
  };
  from.addEventListener("change", show);
  to.addEventListener("change", show);

  const list = h("ol", { class: "revisions", reversed: true });
  for (const r of revisions) {
    const item = h("li", {}, `Version ${r.version}: ${r.kind === "delete" ? "removed" : "saved"} by ${r.editor}, ${localTime(r.time)} `);
    if (who.role === "editor" && r.kind === "upsert" && (removed || r !== revisions[0])) {
      const button = h("button", { type: "button", "aria-label": `Restore version ${r.version}` }, "Restore…");
      button.addEventListener("click", () => void restore(id, r, removed));
      item.append(button);
    }
    list.append(item);
  }
  byId("main").append(
    removed
      ? h("p", { class: "note" }, "This story was removed: it is not on the site. Restore a version to bring it back, as a draft or live.")
      : h("p", {}, h("a", { href: `/desk/edit?id=${encodeURIComponent(id)}` }, "Back to the story")),
    list,
    h("h2", {}, "Difference"),
    h("div", { class: "filters" }, h("div", {}, h("label", { for: "from" }, "From"), from), h("div", {}, h("label", { for: "to" }, "To"), to)),
    out,
  );
  await show();
}
