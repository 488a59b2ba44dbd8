/**
 * @module
 * The live preview: the unsaved story, sent to `POST /desk/api/preview` a moment after the editor
 * stops typing, comes back as the page readers would get from the Worker's own renderer (menu and
 * rail included). It is shown in a frame of the desk's own origin; the page's stylesheet, which the
 * desk's CSP would refuse inline, is adopted as a constructed style sheet. From the same page's head
 * come the search result and the social card as a search engine and a social network read them.
 */

import { call, problemText } from "./client.ts";
import { h, shortTime } from "./dom.ts";

export interface PreviewPane {
  root: HTMLElement;
  /** Shows `article` (as a save would send it) soon; `null`: the text has problems, the preview waits. */
  show(article: Record<string, unknown> | null, id: string | null): void;
  /** The page's text as shown (for the tests and the word check). */
  frame: HTMLIFrameElement;
}

const WAIT_MS = 600;

function tabs(names: [string, string][], panels: HTMLElement[]): HTMLElement {
  const list = h("div", { class: "tabs", role: "tablist", "aria-label": "Preview as" });
  const buttons = names.map(([id, label], i) => {
    const b = h("button", { type: "button", role: "tab", id: `tab-${id}`, "aria-controls": `panel-${id}`, "aria-selected": i === 0 ? "true" : "false" }, label);
    b.tabIndex = i === 0 ? 0 : -1;
    panels[i].id = `panel-${id}`;
    panels[i].setAttribute("role", "tabpanel");
    panels[i].setAttribute("aria-labelledby", `tab-${id}`);
    panels[i].hidden = i !== 0;
    b.addEventListener("click", () => {
      buttons.forEach((other, j) => {
        other.setAttribute("aria-selected", String(j === i));
        other.tabIndex = j === i ? 0 : -1;
        panels[j].hidden = j !== i;
      });
    });
    b.addEventListener("keydown", (e) => {
      const next = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!next) return;
      const to = buttons[(i + next + buttons.length) % buttons.length];
      to.click();
      to.focus();
    });
    return b;
  });
  list.append(...buttons);
  return list;
}

export function previewPane(): PreviewPane {
  const frame = h("iframe", { id: "preview", title: "Preview of the story as readers will see it" });
  const state = h("p", { class: "preview-state", id: "preview-state", "aria-live": "polite" }, "The preview shows your text as you type, before it is saved.");
  const search = h("div", { class: "serp" });
  const social = h("div", { class: "social-card" });
  const page = h("div", { class: "frame-holder" }, frame);
  const root = h(
    "section",
    { class: "preview", "aria-labelledby": "preview-heading" },
    h("h2", { id: "preview-heading" }, "Preview"),
    tabs(
      [
        ["page", "Page"],
        ["search", "Search result"],
        ["social", "Social card"],
      ],
      [page, search, social],
    ),
    state,
    page,
    search,
    social,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent = 0;

  function render(html: string): void {
    // The stylesheet is taken out before the page is parsed: a `<style>` the desk's CSP refuses would be reported even there.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html);
    const parsed = new DOMParser().parseFromString(style ? html.replace(style[0], "") : html, "text/html");
    const doc = frame.contentDocument;
    const win = frame.contentWindow as (Window & typeof globalThis) | null;
    if (!doc || !win) return;
    const y = win.scrollY;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(style?.[1] ?? "");
    doc.adoptedStyleSheets = [sheet];
    doc.documentElement.lang = parsed.documentElement.lang;
    doc.documentElement.dir = parsed.documentElement.dir;
    doc.head.replaceChildren(doc.importNode(h("base", { target: "_blank" }), true));
    doc.body.replaceWith(doc.importNode(parsed.body, true));
    win.scrollTo(0, y);
    const meta = (selector: string) => parsed.querySelector<HTMLMetaElement>(selector)?.content ?? "";
    const url = parsed.querySelector<HTMLLinkElement>("link[rel=canonical]")?.href ?? "";
    search.replaceChildren(
      h("p", { class: "serp-url" }, url.replace(/^https?:\/\//, "").replace(/\//g, " › ")),
      h("p", { class: "serp-title" }, parsed.title),
      h("p", { class: "serp-text" }, meta("meta[name=description]")),
      h("p", { class: "hint" }, "As a search engine lists it: the title in search results (else the headline) and its description (else the standfirst)."),
    );
    const image = meta("meta[property='og:image']");
    social.replaceChildren(
      h(
        "div",
        { class: "card" },
        image
          ? h("img", { src: image, alt: meta("meta[property='og:image:alt']") })
          : h("div", { class: "no-image" }, "No image: add a photo or a social image"),
        h("p", { class: "card-site" }, new URL(url || location.href).host),
        h("p", { class: "card-title" }, meta("meta[property='og:title']")),
        h("p", { class: "card-text" }, meta("meta[property='og:description']")),
      ),
      h("p", { class: "hint" }, "As a social network shows a link to it."),
    );
  }

  async function send(article: Record<string, unknown>, id: string | null): Promise<void> {
    const mine = ++sent;
    const query = id ? `?id=${encodeURIComponent(id)}` : "";
    const answer = await call<string>("POST", `/desk/api/preview${query}`, { body: article }).catch(() => null);
    if (mine !== sent) return;
    if (!answer) state.textContent = "The preview could not reach the server; your text is safe here.";
    else if (!answer.ok) state.textContent = `The preview is waiting: ${problemText(answer)}`;
    else {
      render(String(answer.data));
      state.textContent = `Your unsaved text, as readers will see it (${shortTime(new Date().toISOString())}).`;
      root.dataset.shown = String(mine);
    }
  }

  return {
    root,
    frame,
    show(article, id) {
      clearTimeout(timer);
      if (!article) {
        state.textContent = "The preview waits until the problems under the story are fixed.";
        return;
      }
      timer = setTimeout(() => void send(article, id), WAIT_MS);
    },
  };
}
