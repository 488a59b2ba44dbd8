/**
 * @module
 * A story's revisions (`/desk/revisions?id=…`): every version with its time and editor, the words
 * that differ between any two, and restoring one (a new version dated now; editors only).
 */

import type { StoredArticle } from "./article-text.ts";
import { storyText } from "./article-text.ts";
import { call, problemText, session } from "./client.ts";
import { byId, h, localTime, say } from "./dom.ts";
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

export async function revisionsPage(): Promise<void> {
  const who = await session();
  const id = new URLSearchParams(location.search).get("id") ?? "";
  const answer = await call<{ revisions: Revision[] }>("GET", `/api/v1/articles/${encodeURIComponent(id)}/revisions`);
  if (!answer.ok) return say(`No revisions: ${problemText(answer)}`, "error");
  const revisions = answer.data.revisions;
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
    if (who.role === "editor" && r.kind === "upsert" && r !== revisions[0]) {
      const restore = h("button", { type: "button", "aria-label": `Restore version ${r.version}` }, "Restore");
      restore.addEventListener("click", async () => {
        if (!confirm(`Restore version ${r.version}? It becomes a new version, dated now.`)) return;
        const done = await call<{ id: string }>("POST", `/api/v1/articles/${id}/revisions/${r.version}/restore`, { headers: { Prefer: "wait=10" } });
        if (!done.ok) return say(`Not restored: ${problemText(done)}`, "error");
        say(`Version ${r.version} restored as the newest version.`, "ok");
        location.reload();
      });
      item.append(restore);
    }
    list.append(item);
  }
  byId("main").append(
    h("p", {}, h("a", { href: `/desk/edit?id=${encodeURIComponent(id)}` }, "Back to the story")),
    list,
    h("h2", {}, "Difference"),
    h("div", { class: "filters" }, h("label", { for: "from" }, "From"), from, h("label", { for: "to" }, "To"), to),
    out,
  );
  await show();
}
