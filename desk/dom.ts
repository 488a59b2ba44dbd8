/**
 * @module
 * The few DOM helpers the desk's pages share. Every text goes in as a text node (`textContent`),
 * never as HTML, so nothing an editor or a story contains is ever read as markup.
 */

type Child = Node | string | null | undefined | false;

/** An element with attributes (strings; `true` for a bare attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, "");
    else if (typeof value === "string") el.setAttribute(name, value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el as T;
}

/** Says what happened in the page's live region: `saving`, `ok`, `error` or `conflict` style. */
export function say(message: string, kind: "info" | "ok" | "error" | "conflict" = "info"): void {
  const status = byId("status");
  status.textContent = message;
  status.dataset.kind = kind;
}

/** A date-time as the editor reads it, in their own time zone. */
export function localTime(iso: string | undefined | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** `<input type="datetime-local">`'s value for an instant, in the editor's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** An instant from a `datetime-local` value (the editor's time zone), as RFC 3339 UTC. */
export function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : null;
}

/**
 * Asks the editor in a modal dialog (a `<dialog>`: focus stays in it, Escape cancels): the value of
 * the button chosen, or null for Cancel. `choices` are [value, label] pairs, the first the default.
 */
export function ask(title: string, text: string, choices: [string, string][], danger = false): Promise<string | null> {
  const dialog = h("dialog", { class: "ask", "aria-labelledby": "ask-title" });
  const buttons = choices.map(([value, label], i) => {
    const b = h("button", { type: "button", class: i === 0 ? (danger ? "danger" : "primary") : "" }, label);
    b.addEventListener("click", () => dialog.close(value));
    return b;
  });
  const cancel = h("button", { type: "button", class: "quiet" }, "Cancel");
  cancel.addEventListener("click", () => dialog.close(""));
  dialog.append(h("h2", { id: "ask-title" }, title), h("p", {}, text), h("div", { class: "actions" }, ...buttons, cancel));
  document.body.append(dialog);
  dialog.showModal();
  buttons[0]?.focus();
  return new Promise((resolve) =>
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue || null);
    }),
  );
}

const FLASH = "desk:flash";

/** A message for the next page this tab opens (after a deletion, say), said there by `takeFlash`. */
export function flash(message: string, kind: "ok" | "error" = "ok"): void {
  sessionStorage.setItem(FLASH, JSON.stringify({ message, kind }));
}

export function takeFlash(): boolean {
  const kept = sessionStorage.getItem(FLASH);
  if (!kept) return false;
  sessionStorage.removeItem(FLASH);
  const { message, kind } = JSON.parse(kept) as { message: string; kind: "ok" | "error" };
  say(message, kind);
  return true;
}

/** A date-time as the editor reads it, short: `7 Dec, 10:32` (with the year when it is not this one). */
export function shortTime(iso: string | undefined | null): string {
  const date = new Date(iso ?? "");
  if (!iso || Number.isNaN(date.getTime())) return "";
  const year = date.getFullYear() === new Date().getFullYear() ? undefined : "numeric";
  return new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year, hour: "2-digit", minute: "2-digit" }).format(date);
}
