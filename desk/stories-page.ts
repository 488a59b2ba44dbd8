/**
 * @module
 * The stories list (`/desk/`), as a newsroom works from it: filtered by status, section, author, a
 * publication date range, "mine" (stories I saved a version of) and words; sorted by last change,
 * publication time or headline; each row with its state, its publication time (or the time it is
 * scheduled for), and its last change and who made it. Arrow keys or j and k move between stories,
 * Enter opens one, / goes to the search. On a phone each story is a card with its labels.
 */

import { slugify } from "../src/shared/model/schema.ts";
import { call, problemText, sectionNames, session, vocabulary } from "./client.ts";
import { byId, h, say, shortTime } from "./dom.ts";
import { bannerForm } from "./banner-form.ts";

interface Item {
  id: string;
  headline: string;
  url: string;
  section: string[];
  status: "draft" | "scheduled" | "published" | "removed";
  publishAt?: string;
  datePublished: string;
  undated?: true;
  version: number;
  editor: string;
  changed: string;
}

const STATUSES = [
  ["all", "All"],
  ["draft", "Drafts"],
  ["scheduled", "Scheduled"],
  ["published", "Live"],
  ["removed", "Recently removed"],
] as const;

const PILL: Record<Item["status"], [string, string]> = {
  draft: ["draft", "Draft"],
  scheduled: ["scheduled", "Scheduled"],
  published: ["live", "Live"],
  removed: ["removed", "Removed"],
};

function publication(item: Item): string {
  if (item.status === "scheduled") return `Scheduled for ${shortTime(item.publishAt)}`;
  if (item.undated) return "When published";
  return item.datePublished.length === 10
    ? new Date(`${item.datePublished}T12:00:00Z`).toLocaleDateString(undefined, { dateStyle: "medium" })
    : shortTime(item.datePublished);
}

/** What the table's caption says of its order. */
const SORTS: Record<string, string> = {
  changed: "Last changed first",
  "-changed": "Changed longest ago first",
  published: "Newest publication time first",
  "-published": "Oldest publication time first",
  headline: "Headlines Z to A",
  "-headline": "Headlines A to Z",
};

function row(item: Item): HTMLTableRowElement {
  const removed = item.status === "removed";
  const href = removed ? `/desk/revisions?id=${encodeURIComponent(item.id)}` : `/desk/edit?id=${encodeURIComponent(item.id)}`;
  const cell = (label: string, ...content: (Node | string)[]) => h("td", { "data-label": label }, ...content);
  return h(
    "tr",
    {},
    h(
      "th",
      { scope: "row", "data-label": "Headline" },
      h("a", { href, class: "story-link" }, item.headline),
      removed ? h("span", { class: "hint" }, " Open its revisions to restore it.") : null,
    ),
    cell("Status", h("span", { class: `pill ${PILL[item.status][0]}` }, PILL[item.status][1])),
    cell("Section", item.section.join(" / ")),
    cell("Published", h("span", { class: "when" }, publication(item))),
    cell(removed ? "Removed" : "Last change", h("span", { class: "when" }, shortTime(item.changed)), " ", h("span", { class: "who-did" }, item.editor)),
    cell(
      "More",
      item.status === "published"
        ? h("a", { href: item.url, target: "_blank", rel: "noopener", "aria-label": `View ${item.headline} on the site` }, "View")
        : "",
      " ",
      h("a", { href: `/desk/revisions?id=${encodeURIComponent(item.id)}`, "aria-label": `Revisions of ${item.headline}` }, "Revisions"),
    ),
  );
}

/** Arrow keys (and j, k) move between the stories' links; / goes to the search field. */
function keyboard(table: HTMLTableElement): void {
  addEventListener("keydown", (e) => {
    const target = e.target as HTMLElement;
    if (e.key === "/" && !/INPUT|SELECT|TEXTAREA/.test(target.tagName)) {
      e.preventDefault();
      byId("filter-q").focus();
      return;
    }
    const links = [...table.querySelectorAll<HTMLAnchorElement>("a.story-link")];
    const at = links.indexOf(target as HTMLAnchorElement);
    const step = e.key === "ArrowDown" || e.key === "j" ? 1 : e.key === "ArrowUp" || e.key === "k" ? -1 : 0;
    if (!step || (at < 0 && /INPUT|SELECT|TEXTAREA/.test(target.tagName))) return;
    e.preventDefault();
    links[Math.min(links.length - 1, Math.max(0, at + step))]?.focus();
  });
}

export async function storiesPage(): Promise<void> {
  const who = await session();
  const params = new URLSearchParams(location.search);
  const get = (name: string) => params.get(name) ?? "";
  const status = get("status") || "all";
  const q = get("q").trim();
  const page = Math.max(1, Number(get("page")) || 1);

  // Each filter's id is `filter-<its query parameter>` (the page's status line is `#status`).
  const select = (name: string, label: string, options: readonly (readonly [string, string])[], value: string) =>
    [
      h("label", { for: `filter-${name}` }, label),
      h("select", { id: `filter-${name}`, name }, ...options.map(([v, l]) => h("option", { value: v, selected: v === value }, l))),
    ] as const;
  const text = (name: string, label: string, type = "text", attrs: Record<string, string> = {}) =>
    [h("label", { for: `filter-${name}` }, label), h("input", { type, id: `filter-${name}`, name, value: get(name), ...attrs })] as const;
  const [sections, words] = await Promise.all([sectionNames(), vocabulary()]);
  const sectionOptions: [string, string][] = [["", "Every section"], ...sections.map((n): [string, string] => [n.split(" / ").map(slugify).join("/"), n])];
  const filters = h(
    "form",
    { class: "filters", method: "get", action: "/desk/", role: "search", "aria-label": "Find stories" },
    h("div", {}, ...select("status", "Status", [...STATUSES], status)),
    h("div", {}, ...select("section", "Section", sectionOptions, get("section"))),
    h("div", {}, ...select("author", "Author", [["", "Any author"], ...words.authors.map((a): [string, string] => [a.name, a.name])], get("author"))),
    h("div", {}, ...text("from", "Published from", "date")),
    h("div", {}, ...text("to", "to", "date")),
    h(
      "div",
      { class: "check" },
      h("input", { type: "checkbox", id: "mine", name: "editor", value: who.name, checked: get("editor") === who.name }),
      h("label", { for: "mine" }, "Mine"),
    ),
    h("div", {}, ...text("q", "Words", "search", { placeholder: "Press / to search" })),
    h("input", { type: "hidden", name: "sort", value: get("sort") }),
    h("button", { type: "submit" }, "Show"),
  );
  const sortLink = (key: string, label: string) => {
    const current = get("sort") || "changed";
    const on = current.replace(/^-/, "") === key;
    const next = on && !current.startsWith("-") ? `-${key}` : key;
    const link = h("a", { href: `/desk/?${new URLSearchParams({ ...Object.fromEntries(params), sort: next, page: "1" })}` }, label);
    return h("th", { scope: "col", "aria-sort": on ? (current.startsWith("-") ? "ascending" : "descending") : undefined }, link);
  };
  const table = h(
    "table",
    { class: "stories" },
    h("caption", {}, q ? `Stories matching “${q}”` : (SORTS[get("sort") || "changed"] ?? "")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        sortLink("headline", "Headline"),
        h("th", { scope: "col" }, "Status"),
        h("th", { scope: "col" }, "Section"),
        sortLink("published", "Published"),
        sortLink("changed", "Last change"),
        h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Links")),
      ),
    ),
  );
  const body = h("tbody");
  table.append(body);
  const banner = bannerForm(who);
  byId("main").append(
    h("p", { class: "lead-actions" }, h("a", { href: "/desk/edit", class: "button primary" }, "New story")),
    ...(banner ? [banner] : []),
    filters,
    table,
  );
  keyboard(table);

  const query = new URLSearchParams({ status, per_page: "50", page: String(page), preview: "1", sort: get("sort") || "changed" });
  for (const name of ["section", "author", "editor", "from", "to"]) if (get(name)) query.set(name, get(name));
  const list = await call<{ articles: Item[]; pages: number; total: number }>("GET", `/api/v1/articles?${query}`);
  if (!list.ok) return say(`Could not list the stories: ${problemText(list)}`, "error");
  let items = list.data.articles;
  if (q) {
    const needle = q.toLowerCase();
    const found = await call<{ results: { id: string }[] }>("GET", `/api/v1/search?${new URLSearchParams({ q, per_page: "50" })}`);
    const hits = new Set(found.ok ? found.data.results.map((r) => r.id) : []);
    items = items.filter((i) => hits.has(i.id) || i.headline.toLowerCase().includes(needle));
  }
  body.append(...items.map(row));
  if (items.length === 0) body.append(h("tr", {}, h("td", { colspan: "6" }, "No story here: try fewer filters.")));
  const nav = h("nav", { class: "pager", "aria-label": "Pages" });
  const to = (p: number) => `/desk/?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`;
  if (page > 1) nav.append(h("a", { href: to(page - 1), rel: "prev" }, "Newer"));
  if (page < list.data.pages) nav.append(h("a", { href: to(page + 1), rel: "next" }, "Older"));
  byId("main").append(nav);
  if (!document.getElementById("status")?.textContent)
    say(`${items.length} of ${list.data.total} ${list.data.total === 1 ? "story" : "stories"} shown. Arrow keys move between them.`);
}
