/**
 * @module
 * The stories list (`/desk/`): drafts, scheduled stories (their time in the editor's time zone),
 * published and removed ones, newest change first, with the last editor and version; filtered by
 * status and section, and searched (the Newsroom's FTS5 index for published stories, the headlines
 * of the rest).
 */

import { call, problemText, sectionPaths, session } from "./client.ts";
import { byId, h, localTime, say } from "./dom.ts";

interface Item {
  id: string;
  headline: string;
  section: string[];
  status: "draft" | "scheduled" | "published" | "removed";
  publishAt?: string;
  version: number;
  editor: string;
  changed: string;
}

const STATUSES = [
  ["all", "All"],
  ["draft", "Drafts"],
  ["scheduled", "Scheduled"],
  ["published", "Published"],
  ["removed", "Recently removed"],
] as const;

function statusText(item: Item): string {
  if (item.status === "scheduled") return `Scheduled for ${localTime(item.publishAt)}`;
  return { draft: "Draft", published: "Published", removed: "Removed" }[item.status];
}

function row(item: Item): HTMLTableRowElement {
  const link = item.status === "removed" ? h("span", {}, item.headline) : h("a", { href: `/desk/edit?id=${encodeURIComponent(item.id)}` }, item.headline);
  return h(
    "tr",
    {},
    h("td", {}, link),
    h("td", {}, statusText(item)),
    h("td", {}, item.section.join(" / ")),
    h("td", {}, item.editor),
    h("td", { class: "num" }, String(item.version)),
    h("td", {}, localTime(item.changed)),
    h("td", {}, h("a", { href: `/desk/revisions?id=${encodeURIComponent(item.id)}`, "aria-label": `Revisions of ${item.headline}` }, "Revisions")),
  );
}

export async function storiesPage(): Promise<void> {
  await session();
  const params = new URLSearchParams(location.search);
  const status = params.get("status") ?? "all";
  const section = params.get("section") ?? "";
  const q = (params.get("q") ?? "").trim();
  const page = Math.max(1, Number(params.get("page")) || 1);

  const statusSelect = h("select", { id: "status-filter", name: "status" }, ...STATUSES.map(([v, l]) => h("option", { value: v, selected: v === status }, l)));
  const sectionSelect = h("select", { id: "section-filter", name: "section" }, h("option", { value: "" }, "Every section"));
  for (const path of await sectionPaths()) sectionSelect.append(h("option", { value: path, selected: path === section }, path.split("/").join(" / ")));
  const filters = h(
    "form",
    { class: "filters", method: "get", action: "/desk/" },
    h("label", { for: "status-filter" }, "Status"),
    statusSelect,
    h("label", { for: "section-filter" }, "Section"),
    sectionSelect,
    h("label", { for: "q" }, "Search"),
    h("input", { type: "search", id: "q", name: "q", value: q }),
    h("button", { type: "submit" }, "Show"),
  );
  const table = h(
    "table",
    { class: "stories" },
    h("caption", {}, q ? `Stories matching “${q}”` : "Newest change first"),
    h("thead", {}, h("tr", {}, ...["Headline", "Status", "Section", "Last editor", "Version", "Changed", ""].map((t) => h("th", { scope: "col" }, t)))),
  );
  const body = h("tbody");
  table.append(body);
  byId("main").append(filters, h("p", {}, h("a", { href: "/desk/edit", class: "button primary" }, "New story")), table);

  const query = new URLSearchParams({ status, per_page: "50", page: String(page), preview: "1", ...(section && { section }) });
  const list = await call<{ articles: Item[]; pages: number }>("GET", `/api/v1/articles?${query}`);
  if (!list.ok) return say(`Could not list the stories: ${problemText(list)}`, "error");
  let items = list.data.articles;
  if (q) {
    const needle = q.toLowerCase();
    const found = await call<{ results: { id: string }[] }>("GET", `/api/v1/search?${new URLSearchParams({ q, per_page: "50", ...(section && { section }) })}`);
    const hits = new Set(found.ok ? found.data.results.map((r) => r.id) : []);
    items = items.filter((i) => hits.has(i.id) || i.headline.toLowerCase().includes(needle));
  }
  body.append(...items.map(row));
  if (items.length === 0) body.append(h("tr", {}, h("td", { colspan: "7" }, "No story here.")));
  const nav = h("nav", { class: "pager", "aria-label": "Pages" });
  const to = (p: number) => `/desk/?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`;
  if (page > 1) nav.append(h("a", { href: to(page - 1), rel: "prev" }, "Newer"));
  if (page < list.data.pages) nav.append(h("a", { href: to(page + 1), rel: "next" }, "Older"));
  byId("main").append(nav);
  say(`${items.length} ${items.length === 1 ? "story" : "stories"} shown.`);
}
