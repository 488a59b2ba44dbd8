/**
 * @module
 * The breaking-news banner's form on the stories list (issue 38): one line, an optional link and how
 * long it stands (1, 3, 6 or 24 hours, or until a time), Set and Clear, over `PUT` and `DELETE
 * /api/v1/banner` with the session's CSRF token like every desk write. Editors only: the API refuses a
 * contributor, so a contributor's list does not offer it. The banner shows under the masthead of every
 * public page within seconds, and clears itself at its expiry.
 */

import { BANNER_MAX_TEXT } from "../src/shared/model/banner.ts";
import { call, problemText, type Who } from "./client.ts";
import { byId, fromLocalInput, h, localTime, say, toLocalInput } from "./dom.ts";

interface Shown {
  text: string;
  link?: string;
  expires: string;
}

const SPANS: [string, string][] = [
  ["1", "1 hour"],
  ["3", "3 hours"],
  ["6", "6 hours"],
  ["24", "24 hours"],
  ["until", "Until a time…"],
];

/** What the summary says of the banner now. */
function describe(now: Element, banner: Shown | null): void {
  now.replaceChildren(...(banner ? ["shown until ", localTime(banner.expires), ": ", h("bdi", {}, banner.text)] : ["none shown"]));
}

/** The form in a fold, for an editor (null for a contributor); it says what banner is shown now once the API answers. */
export function bannerForm(who: Who): HTMLElement | null {
  if (who.role !== "editor") return null;
  const input = (id: string, label: string, attrs: Record<string, string | boolean> = {}) =>
    h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, ...attrs }));
  const now = h("span", { class: "banner-now", id: "banner-now" }, "…");
  const span = h("select", { id: "banner-for", name: "banner-for" }, ...SPANS.map(([v, l]) => h("option", { value: v, selected: v === "3" }, l)));
  const until = input("banner-until", "Until (your time)", { type: "datetime-local", disabled: true });
  const untilInput = until.querySelector("input")!;
  until.hidden = true;
  // Hidden and left out of the form's checks unless chosen.
  span.addEventListener("change", () => (until.hidden = untilInput.disabled = span.value !== "until"));
  const clear = h("button", { type: "button", class: "danger", id: "banner-clear" }, "Clear");
  const form = h(
    "form",
    { class: "banner-form", "aria-label": "Breaking news banner" },
    input("banner-text", `Text (one line, at most ${BANNER_MAX_TEXT} characters)`, { type: "text", maxlength: String(BANNER_MAX_TEXT), required: true }),
    input("banner-link", "Link (optional: https://… or a path on the site, /News/…)", { type: "text", inputmode: "url", autocomplete: "off" }),
    h("div", { class: "field" }, h("label", { for: "banner-for" }, "Shown for"), span),
    until,
    h("p", { class: "banner-actions" }, h("button", { type: "submit", class: "primary" }, "Set banner"), " ", clear),
  );
  const show = (banner: Shown | null) => {
    describe(now, banner);
    clear.disabled = !banner;
  };
  void call<{ banner: Shown | null }>("GET", "/api/v1/banner").then((a) => show(a.ok ? a.data.banner : null));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
    const expires =
      span.value === "until"
        ? fromLocalInput(value("banner-until"))
        : new Date(Date.now() + Number(span.value) * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const body = { text: value("banner-text"), ...(value("banner-link") && { link: value("banner-link") }), expires: expires ?? "" };
    const answer = await call<{ banner: Shown }>("PUT", "/api/v1/banner", { body, headers: { Prefer: "wait=10" } });
    if (!answer.ok) return say(`The banner was not set: ${problemText(answer)}`, "error");
    show(answer.data.banner);
    say("Banner set: every page shows it within seconds.", "ok");
  });
  clear.addEventListener("click", async () => {
    const answer = await call("DELETE", "/api/v1/banner", { headers: { Prefer: "wait=10" } });
    if (!answer.ok) return say(`The banner was not cleared: ${problemText(answer)}`, "error");
    show(null);
    say("Banner cleared: it leaves every page within seconds.", "ok");
  });
  // A sensible default for "until": three hours from now.
  untilInput.value = toLocalInput(new Date(Date.now() + 3 * 3_600_000).toISOString()).slice(0, 16);
  // Folded on the list (a phone sees its stories first); the summary says what is shown now.
  return h("details", { class: "banner-box" }, h("summary", {}, h("span", { class: "banner-title" }, "Breaking news banner"), " ", now), form);
}
