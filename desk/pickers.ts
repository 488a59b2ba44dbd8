/**
 * @module
 * The editor's pickers: bylines and tags as removable chips with suggestions from what the stories
 * use (a byline no story has yet is confirmed once, so a typo does not become an author), and the
 * language as a list of names, never a code to type. Each keeps its value in the text form the
 * story's fields use (`Jane Doe <https://…>; John Roe`, `Oil, Vienna`, `fa`).
 */

import type { Vocabulary } from "./client.ts";
import { ask, h } from "./dom.ts";

export interface Picker {
  root: HTMLElement;
  value(): string;
  set(value: string): void;
}

/** Chips over a hidden text value; `confirmNew` asks before a value no story uses yet is added. */
function chips(
  id: string,
  label: string,
  hint: string,
  split: (v: string) => string[],
  join: (items: string[]) => string,
  suggestions: () => string[],
  onChange: () => void,
  confirmNew?: (item: string) => Promise<boolean>,
): Picker {
  let items: string[] = [];
  const list = h("ul", { class: "chips", "aria-label": label });
  const options = h("datalist", { id: `${id}-options` });
  const input = h("input", { type: "text", id, list: `${id}-options`, autocomplete: "off", "aria-describedby": `${id}-hint` });
  const draw = () => {
    list.replaceChildren(
      ...items.map((item, i) => {
        const remove = h("button", { type: "button", class: "quiet", "aria-label": `Remove ${item}` }, "×");
        remove.addEventListener("click", () => {
          items.splice(i, 1);
          draw();
          onChange();
          input.focus();
        });
        return h("li", { class: "chip" }, item.replace(/\s*<[^>]*>$/, ""), remove);
      }),
    );
    const known = suggestions().filter((s) => !items.includes(s));
    options.replaceChildren(...known.slice(0, 200).map((s) => h("option", { value: s.replace(/\s*<[^>]*>$/, "") })));
  };
  const add = async () => {
    const typed = input.value.trim().replace(/[;,]+$/, "");
    if (!typed) return;
    const known = suggestions().find((s) => s.replace(/\s*<[^>]*>$/, "").toLowerCase() === typed.toLowerCase());
    const item = known ?? typed;
    if (!known && confirmNew && !(await confirmNew(typed))) return;
    if (!items.includes(item)) items.push(item);
    input.value = "";
    draw();
    onChange();
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === "," || e.key === ";") {
      e.preventDefault();
      void add();
    } else if (e.key === "Backspace" && !input.value && items.length) {
      items.pop();
      draw();
      onChange();
    }
  });
  input.addEventListener("change", () => void add());
  const root = h(
    "div",
    { class: `field field-${id}` },
    h("label", { for: id }, label),
    h("p", { class: "hint", id: `${id}-hint` }, hint),
    list,
    input,
    options,
  );
  return {
    root,
    value: () => join(input.value.trim() && !items.includes(input.value.trim()) ? [...items, input.value.trim()] : items),
    set(value) {
      items = split(value);
      input.value = "";
      draw();
    },
  };
}

const authorText = (a: { name: string; url?: string }) => (a.url ? `${a.name} <${a.url}>` : a.name);

export function authorPicker(words: () => Vocabulary, onChange: () => void): Picker {
  const confirmed = new Set<string>();
  return chips(
    "authors",
    "Authors",
    "Choose from the bylines the stories use, or type a new one and press Enter.",
    (v) =>
      v
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean),
    (items) => items.join("; "),
    () => words().authors.map(authorText),
    onChange,
    async (name) =>
      confirmed.has(name) ||
      ((await ask("A new author?", `No story has “${name}” as an author yet. Add this byline?`, [["add", "Add the byline"]])) === "add" &&
        !!confirmed.add(name)),
  );
}

export function tagPicker(words: () => Vocabulary, onChange: () => void): Picker {
  return chips(
    "tags",
    "Tags",
    "The tags in use are suggested as you type; press Enter to add one.",
    (v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    (items) => items.join(", "),
    () => words().tags,
    onChange,
  );
}

/** Languages offered beside the site's own: those the site has texts for, and those its readers often write in. */
const LANGUAGES = ["en", "fa", "ar", "es", "fr", "de", "ru", "tr", "ur", "ps", "zh", "hi", "pt", "it", "he", "ckb", "az", "id"];

export function languagePicker(onChange: () => void): Picker {
  const site = document.documentElement.lang || "en";
  const names = new Intl.DisplayNames([site], { type: "language" });
  const own = (code: string) => {
    try {
      return new Intl.DisplayNames([code], { type: "language" }).of(code);
    } catch {
      return undefined;
    }
  };
  const select = h(
    "select",
    { id: "language", "aria-describedby": "language-hint" },
    h("option", { value: "" }, `The site's language (${names.of(site)})`),
    ...LANGUAGES.filter((c) => c !== site).map((code) => {
      const native = own(code);
      const name = names.of(code) ?? code;
      return h("option", { value: code }, native && native !== name ? `${name} (${native})` : name);
    }),
  );
  select.addEventListener("change", onChange);
  const root = h(
    "div",
    { class: "field field-language" },
    h("label", { for: "language" }, "Language"),
    h("p", { class: "hint", id: "language-hint" }, "Right-to-left languages are set right to left."),
    select,
  );
  return {
    root,
    value: () => select.value,
    set(value) {
      if (value && ![...select.options].some((o) => o.value === value)) select.append(h("option", { value }, names.of(value) ?? value));
      select.value = value;
    },
  };
}
