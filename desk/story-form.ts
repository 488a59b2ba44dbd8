/**
 * @module
 * The editor's form: every field with a visible label, its problems beside it (`aria-invalid`,
 * `aria-describedby`), the actions, and the preview pane. Built once per page.
 */

import type { FieldProblem, StoryText } from "./article-text.ts";
import { h } from "./dom.ts";

type Field = HTMLInputElement | HTMLTextAreaElement;
const TEXT_FIELDS = ["headline", "description", "section", "authors", "tags", "language", "slug", "corrections", "body"] as const;

export interface StoryForm {
  root: HTMLElement;
  fields: Record<(typeof TEXT_FIELDS)[number] | "published", Field>;
  read(): StoryText;
  write(text: StoryText): void;
  setDirection(dir: "rtl" | "ltr"): void;
  showProblems(problems: FieldProblem[]): void;
  clearProblems(): void;
}

function labelled(id: string, label: string, control: Field, hint?: string): HTMLElement {
  control.id = id;
  control.name = id;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", `${id}-hint`);
  return h(
    "div",
    { class: `field field-${id}` },
    h("label", { for: id }, label),
    hintEl,
    control,
    h("p", { class: "problem", id: `${id}-problem`, hidden: true }),
  );
}

export function storyForm(): StoryForm {
  const input = (attrs: Record<string, string | boolean> = {}) => h("input", { type: "text", ...attrs });
  const area = (rows: number) => h("textarea", { rows: String(rows) });
  const fields = {
    headline: input({ required: true, autocomplete: "off" }),
    description: area(2),
    section: input({ list: "sections", required: true, autocomplete: "off" }),
    authors: input({ autocomplete: "off" }),
    tags: input({ autocomplete: "off" }),
    language: input({ autocomplete: "off", size: "8" }),
    slug: input({ autocomplete: "off" }),
    published: h("input", { type: "datetime-local", step: "1" }),
    corrections: area(2),
    body: h("textarea", { rows: "18", class: "body", spellcheck: "true" }),
  } satisfies StoryForm["fields"];

  const actions = h(
    "div",
    { class: "actions", role: "group", "aria-label": "Save" },
    h("button", { type: "button", id: "save-draft" }, "Save draft"),
    h("button", { type: "button", id: "publish", class: "primary" }, "Publish"),
    h("button", { type: "button", id: "schedule" }, "Schedule"),
    h("button", { type: "button", id: "unpublish", hidden: true }, "Unpublish"),
    h("button", { type: "button", id: "delete", class: "danger", hidden: true }, "Delete…"),
  );
  const root = h(
    "div",
    { class: "editor" },
    h("p", { id: "state", class: "state" }),
    h("p", { id: "locked", class: "note", hidden: true }, "This story is published or scheduled: only an editor can change it."),
    h(
      "form",
      { id: "story", class: "story", novalidate: true },
      labelled("headline", "Headline", fields.headline),
      labelled("description", "Standfirst", fields.description, "A sentence under the headline; left empty, the first paragraph stands in."),
      labelled("section", "Section", fields.section, "Choose one of the site's sections, e.g. News / Iran; a new one is created only after you confirm it."),
      h("datalist", { id: "sections" }),
      labelled("authors", "Authors", fields.authors, "Jane Doe <https://…>; John Roe"),
      labelled("tags", "Tags", fields.tags, "Oil, Vienna"),
      labelled("language", "Language", fields.language, "BCP 47, e.g. fa; empty: the site's"),
      labelled("published", "Publication time", fields.published, "Your time zone. A future time and Schedule: it appears then."),
      labelled(
        "body",
        "Story",
        fields.body,
        "CommonMark: a blank line between paragraphs, ## for a subheading, - for a list, > for a quotation (— who said it), [text](https://…) for a link. Drop a photo here, or add one below.",
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "photo" }, "Add a photo"),
        h("input", { type: "file", id: "photo", accept: "image/jpeg,image/png,image/webp,image/avif", multiple: true }),
      ),
      h(
        "details",
        {},
        h("summary", {}, "More"),
        labelled("slug", "Slug", fields.slug, "The URL's last part; empty: from the headline"),
        labelled("corrections", "Corrections", fields.corrections, "One a line: 2020-02-28 What was corrected."),
      ),
      actions,
    ),
    h("p", {}, h("a", { id: "revisions-link", href: "/desk/revisions", hidden: true }, "Revisions and their differences")),
    h("section", { id: "conflict", class: "conflict", hidden: true, "aria-labelledby": "conflict-heading" }),
    h(
      "section",
      { class: "preview", "aria-labelledby": "preview-heading" },
      h("h2", { id: "preview-heading" }, "Preview, as readers will see it"),
      h("iframe", { id: "preview", title: "Preview of the saved version" }),
    ),
  );

  const problemEl = (field: string) => root.querySelector<HTMLElement>(`#${field}-problem`);
  return {
    root,
    fields,
    read: () => Object.fromEntries([...TEXT_FIELDS.map((k) => [k, fields[k].value]), ["published", ""]]) as unknown as StoryText,
    write(text) {
      for (const k of TEXT_FIELDS) fields[k].value = text[k];
    },
    setDirection(dir) {
      for (const k of ["headline", "description", "body"] as const) fields[k].dir = dir;
    },
    showProblems(problems) {
      for (const p of problems) {
        const field = (fields as Record<string, Field>)[p.field] ?? fields.body;
        const el = problemEl(field.id);
        if (!el) continue;
        el.hidden = false;
        el.textContent = el.textContent ? `${el.textContent} ${p.message}` : p.message;
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), `${field.id}-problem`].filter(Boolean).join(" "));
      }
      const first = root.querySelector<HTMLElement>("[aria-invalid=true]");
      first?.focus();
    },
    clearProblems() {
      for (const el of root.querySelectorAll<HTMLElement>(".problem")) {
        el.hidden = true;
        el.textContent = "";
      }
      for (const f of Object.values(fields)) {
        f.removeAttribute("aria-invalid");
        const rest = (f.getAttribute("aria-describedby") ?? "").replace(/\s*\S+-problem/g, "").trim();
        if (rest) f.setAttribute("aria-describedby", rest);
        else f.removeAttribute("aria-describedby");
      }
    },
  };
}
