/**
 * @module
 * The editor's form around the writing surface: headline and standfirst above the story; the details
 * (section, authors, tags, language, publication time), search and social (the title and description
 * in search results, the social image, the address) and corrections in panels below. Every field has
 * a visible label, its problems beside it (`aria-invalid`, `aria-describedby`); the problems of the
 * story's text are a list whose items go to their line.
 */

import type { FieldProblem, StoryText } from "./article-text.ts";
import type { Vocabulary } from "./client.ts";
import { fromLocalInput, h, toLocalInput } from "./dom.ts";
import { authorPicker, languagePicker, type Picker, tagPicker } from "./pickers.ts";
import { FIELD_NAMES } from "./problem-words.ts";

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface StoryForm {
  root: HTMLElement;
  /** Where the writing surface and the photo cards go. */
  storySlot: HTMLElement;
  photoSlot: HTMLElement;
  fields: Record<"headline" | "description" | "section" | "slug" | "published" | "corrections" | "seoTitle" | "seoDescription" | "socialImage", Control>;
  /** The form's texts but the body (the surface's), and `published` as the editor's picker holds it (RFC 3339, or empty). */
  read(): Omit<StoryText, "body">;
  write(text: StoryText): void;
  setPhotos(photos: { src: string; caption: string }[]): void;
  setDirection(dir: "rtl" | "ltr"): void;
  showProblems(problems: FieldProblem[], goToLine: (line: number) => void): void;
  clearProblems(): void;
}

function labelled(id: string, label: string, control: Control, hint?: string, extra?: Node): HTMLElement {
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
    extra,
    h("p", { class: "problem", id: `${id}-problem`, hidden: true }),
  );
}

/** A counter under a field: how many characters, against what search engines show. */
function counter(control: Control, ideal: number): HTMLElement {
  const out = h("p", { class: "count", "aria-live": "off" });
  const update = () => {
    const n = control.value.length;
    out.textContent = n ? `${n} characters${n > ideal ? `: search engines show about ${ideal}` : ""}` : "";
    out.dataset.over = String(n > ideal);
  };
  control.addEventListener("input", update);
  (control as HTMLElement & { recount?: () => void }).recount = update;
  return out;
}

export function storyForm(words: () => Vocabulary, onChange: () => void): StoryForm {
  const input = (attrs: Record<string, string | boolean> = {}) => h("input", { type: "text", autocomplete: "off", ...attrs });
  const fields = {
    headline: input({ required: true, class: "headline-input" }),
    description: h("textarea", { rows: "2" }),
    section: input({ list: "sections", required: true }),
    slug: input({ spellcheck: "false", autocapitalize: "none" }),
    published: h("input", { type: "datetime-local", step: "1" }),
    corrections: h("textarea", { rows: "2" }),
    seoTitle: input({ maxlength: "200" }),
    seoDescription: h("textarea", { rows: "2", maxlength: "500" }),
    socialImage: h("select", {}, h("option", { value: "" }, "The featured photo")),
  } satisfies StoryForm["fields"];
  const authors: Picker = authorPicker(words, onChange);
  const tags: Picker = tagPicker(words, onChange);
  const language: Picker = languagePicker(onChange);
  const pickers = { authors, tags, language };
  // Slugs are lowercase letters, digits and hyphens, whatever is typed or pasted.
  fields.slug.addEventListener("input", () => {
    const clean = fields.slug.value
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/-{2,}/g, "-");
    if (clean !== fields.slug.value) fields.slug.value = clean;
  });
  const clearTime = h("button", { type: "button", class: "quiet" }, "Clear");
  clearTime.addEventListener("click", () => {
    fields.published.value = "";
    onChange();
  });
  const storySlot = h("div", { class: "story-slot" });
  const photoSlot = h("div", { class: "photo-slot" });
  const problems = h("ol", { class: "problems", id: "problems", "aria-label": "Problems in the story", hidden: true });
  const panel = (name: string, title: string, open: boolean, ...children: Node[]) =>
    h("details", { class: `panel panel-${name}`, open }, h("summary", {}, title), ...children);

  const root = h(
    "form",
    { id: "story", class: "story", novalidate: true },
    labelled("headline", "Headline", fields.headline),
    labelled(
      "description",
      "Standfirst",
      fields.description,
      "A sentence under the headline. Left empty, the opening paragraph stands in (and follows it as it changes).",
    ),
    h("div", { class: "field field-body" }, h("p", { class: "label", id: "body-label" }, "Story"), storySlot, problems),
    photoSlot,
    panel(
      "details",
      "Details",
      true,
      labelled("section", "Section", fields.section, "Choose one of the sections in use, e.g. News / Iran; a new one is made only after you confirm it."),
      h("datalist", { id: "sections" }),
      authors.root,
      tags.root,
      language.root,
      labelled(
        "published",
        "Publication time",
        fields.published,
        "In your time zone. Empty: the time you publish it. A time to come, then Schedule: it goes live by itself then.",
        clearTime,
      ),
    ),
    panel(
      "search",
      "Search and social",
      false,
      labelled("seoTitle", "Title in search results", fields.seoTitle, "Empty: the headline.", counter(fields.seoTitle, 60)),
      labelled("seoDescription", "Description in search results", fields.seoDescription, "Empty: the standfirst.", counter(fields.seoDescription, 160)),
      labelled("socialImage", "Social image", fields.socialImage, "The image of a link to the story on social networks."),
      labelled(
        "slug",
        "Address (slug)",
        fields.slug,
        "The end of the story's address: lowercase words and hyphens; empty, from the headline. An old address keeps working: it redirects to the new one.",
      ),
    ),
    panel("corrections", "Corrections", false, labelled("corrections", "Corrections", fields.corrections, "One a line: 2020-02-28 What was corrected.")),
  );

  const problemEl = (id: string) => root.querySelector<HTMLElement>(`#${id}-problem`);
  return {
    root,
    storySlot,
    photoSlot,
    fields,
    read() {
      const value = (k: keyof typeof fields) => fields[k].value;
      return {
        headline: value("headline"),
        description: value("description"),
        section: value("section"),
        authors: authors.value(),
        tags: tags.value(),
        language: language.value(),
        slug: value("slug"),
        published: fromLocalInput(value("published")) ?? "",
        corrections: value("corrections"),
        seoTitle: value("seoTitle"),
        seoDescription: value("seoDescription"),
        socialImage: value("socialImage"),
      };
    },
    write(text) {
      for (const k of Object.keys(fields) as (keyof typeof fields)[]) if (k !== "published" && k !== "socialImage") fields[k].value = text[k];
      fields.published.value = text.published ? toLocalInput(text.published) : "";
      for (const [k, p] of Object.entries(pickers)) p.set(text[k as keyof typeof pickers]);
      if (text.socialImage && ![...(fields.socialImage as HTMLSelectElement).options].some((o) => o.value === text.socialImage))
        fields.socialImage.append(h("option", { value: text.socialImage }, "An image of its own"));
      fields.socialImage.value = text.socialImage;
      for (const c of [fields.seoTitle, fields.seoDescription]) (c as HTMLElement & { recount?: () => void }).recount?.();
    },
    setPhotos(photos) {
      const select = fields.socialImage as HTMLSelectElement;
      const chosen = select.value;
      select.replaceChildren(
        h("option", { value: "" }, "The featured photo"),
        ...photos.slice(1).map((p, i) => h("option", { value: p.src }, `Photo ${i + 2}: ${p.caption || "no caption yet"}`)),
      );
      if (chosen && ![...select.options].some((o) => o.value === chosen)) select.append(h("option", { value: chosen }, "An image of its own"));
      select.value = chosen;
    },
    setDirection(dir) {
      for (const k of ["headline", "description"] as const) fields[k].dir = dir;
    },
    showProblems(list, goToLine) {
      for (const p of list.filter((p) => p.field !== "body")) {
        const id = p.field in fields ? p.field : ["authors", "tags", "language"].includes(p.field) ? p.field : "headline";
        const el = problemEl(id) ?? root.querySelector<HTMLElement>(`.field-${id} .hint`);
        const control = root.querySelector<HTMLElement>(`#${id}`);
        if (el?.classList.contains("problem")) {
          el.hidden = false;
          el.textContent = el.textContent ? `${el.textContent} ${p.message}` : p.message;
        }
        control?.setAttribute("aria-invalid", "true");
        control?.closest("details")?.setAttribute("open", "");
      }
      problems.replaceChildren(
        ...list.map((p) => {
          const where = p.line ? `Line ${p.line}` : (FIELD_NAMES[p.field] ?? p.field);
          const go = h("button", { type: "button", class: "link" }, where);
          go.addEventListener("click", () => (p.line ? goToLine(p.line) : root.querySelector<HTMLElement>(`#${p.field}`)?.focus()));
          return h("li", {}, go, `: ${p.message}`);
        }),
      );
      problems.hidden = list.length === 0;
    },
    clearProblems() {
      for (const el of root.querySelectorAll<HTMLElement>(".problem")) {
        el.hidden = true;
        el.textContent = "";
      }
      for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      problems.replaceChildren();
      problems.hidden = true;
    },
  };
}
