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
