/**
 * @module
 * A story's photos as cards, not text: each with its thumbnail, caption, credit and alt text, the
 * featured one first (the first photo of the body leads the story, its search results and its social
 * cards), a focal point the crops keep in view (set by a click on the photo, or with the two sliders),
 * with the 1:1 and 16:9 crops as the site makes them, and moving and removing. Uploads go through
 * `POST /api/v1/media`. Every change is written into the body's `::: figure` block (figures.ts).
 */

import { call, problemText } from "./client.ts";
import { ask, h, say } from "./dom.ts";
import { figureBlocks, figureText, withFigure } from "./figures.ts";
import type { WritingSurface } from "./writing-surface.ts";

const MEDIA = /\/media\/[0-9a-f]{64}$/;
/** The crops' focal point steps, as the site makes them (src/reader/media/photos.ts). */
const STEP = 5;

interface Uploaded {
  url: string;
  width: number;
  height: number;
}

/** A rendition of an uploaded photo (or the photo itself, from elsewhere). */
const rendition = (src: string, size: string) => (MEDIA.test(src) ? `${src.replace(/^https?:\/\/[^/]+/, "")}/${size}` : src);

const q = (v: number) => Math.round(v / STEP) * STEP;

function focusOf(fields: Record<string, string>): [number, number] {
  const m = /^(\d{1,3}),\s*(\d{1,3})$/.exec(fields.focus ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [50, 50];
}

export interface PhotoCards {
  root: HTMLElement;
  /** Draws the cards again from the body (after it changed). */
  refresh(): void;
  /** Opens the file picker. */
  pick(): void;
}

export function photoCards(surface: WritingSurface, changed: () => void): PhotoCards {
  const list = h("ol", { class: "photo-cards" });
  const picker = h("input", { type: "file", id: "photo", accept: "image/jpeg,image/png,image/webp,image/avif", multiple: true, class: "visually-hidden" });
  const add = h("button", { type: "button", id: "add-photo" }, "Add a photo");
  const empty = h("p", { class: "hint" }, "No photo yet. The first photo leads the story, and shows in search results and social cards.");
  const root = h(
    "section",
    { class: "panel photos", "aria-labelledby": "photos-heading" },
    h("h2", { id: "photos-heading" }, "Photos"),
    empty,
    list,
    h("p", {}, add, h("label", { for: "photo", class: "visually-hidden" }, "Photo files"), picker),
  );
  let shown = "";

  const write = (text: string) => {
    surface.setText(text);
    changed();
  };
  const update = (index: number, fields: Record<string, string>) => write(withFigure(surface.text(), index, { fields }));

  function card(index: number, fields: Record<string, string>, count: number): HTMLElement {
    const [fx, fy] = focusOf(fields);
    const input = (name: string, label: string, hint: string) => {
      const id = `photo-${index}-${name}`;
      const el = h("input", { type: "text", id, value: fields[name] ?? "", required: true, autocomplete: "off" });
      el.addEventListener("change", () => update(index, { ...fields, [name]: el.value.replace(/[\r\n]+/g, " ").trim() }));
      return h("div", { class: "field" }, h("label", { for: id }, label), h("p", { class: "hint" }, hint), el);
    };
    const dims = { width: fields.width || "16", height: fields.height || "9" };
    const img = h("img", { src: rendition(fields.src ?? "", "640"), alt: fields.alt || "", class: "thumb", ...dims });
    const dot = h("span", { class: "focus-dot" });
    dot.setAttribute("aria-hidden", "true");
    const frame = h("div", { class: "thumb-frame", title: "Click the photo to set the point its crops keep in view" }, img, dot);
    const place = (x: number, y: number) => {
      dot.style.left = `${x}%`;
      dot.style.top = `${y}%`;
    };
    place(fx, fy);
    const setFocus = (x: number, y: number) => update(index, { ...fields, focus: `${Math.round(x / STEP) * STEP}, ${Math.round(y / STEP) * STEP}` });
    img.addEventListener("click", (e) => {
      const r = img.getBoundingClientRect();
      setFocus(((e.clientX - r.left) / r.width) * 100, ((e.clientY - r.top) / r.height) * 100);
    });
    const slider = (axis: "x" | "y", label: string) => {
      const id = `photo-${index}-focus-${axis}`;
      const el = h("input", { type: "range", id, min: "0", max: "100", step: String(STEP), value: String(axis === "x" ? fx : fy) });
      el.addEventListener("change", () => setFocus(axis === "x" ? Number(el.value) : fx, axis === "y" ? Number(el.value) : fy));
      el.addEventListener("input", () => place(axis === "x" ? Number(el.value) : fx, axis === "y" ? Number(el.value) : fy));
      return h("div", { class: "slider" }, h("label", { for: id }, label), el);
    };
    const crops = MEDIA.test(fields.src ?? "")
      ? h(
          "div",
          { class: "crops" },
          ...["720x720", "1280x720"].map((size) =>
            h(
              "figure",
              {},
              h("img", {
                src: rendition(fields.src!, `${size}${fx === 50 && fy === 50 ? "" : `-${q(fx)}-${q(fy)}`}`),
                alt: "",
                loading: "lazy",
                class: `crop crop-${size}`,
              }),
              h("figcaption", {}, size === "720x720" ? "Square crop" : "Wide crop"),
            ),
          ),
        )
      : null;
    const button = (label: string, run: () => void, disabled = false, cls = "") => {
      const b = h("button", { type: "button", disabled, class: cls }, label);
      b.addEventListener("click", run);
      return b;
    };
    const featured = index === 0;
    return h(
      "li",
      { class: `photo-card${featured ? " featured" : ""}`, id: `photo-card-${index}` },
      h(
        "div",
        { class: "photo-visual" },
        frame,
        h("p", { class: "badge-line" }, featured ? h("strong", { class: "pill live" }, "Featured photo") : `Photo ${index + 1}`),
        h("fieldset", { class: "focus" }, h("legend", {}, "Focal point"), slider("x", "Left to right"), slider("y", "Top to bottom")),
        crops,
      ),
      h(
        "div",
        { class: "photo-fields" },
        input("caption", "Caption", "What the photo shows, as readers read it under the photo."),
        input("credit", "Credit", "Photo by …"),
        input("alt", "Alt text", "What the photo shows, for readers who cannot see it."),
        h(
          "div",
          { class: "actions" },
          featured ? null : button("Make featured", () => write(withFigure(surface.text(), index, { by: -Infinity }))),
          button("Move up", () => write(withFigure(surface.text(), index, { by: -1 })), index === 0),
          button("Move down", () => write(withFigure(surface.text(), index, { by: 1 })), index === count - 1),
          button(
            "Remove…",
            async () => {
              if (
                (await ask(
                  "Remove this photo?",
                  `“${fields.caption || "Untitled photo"}” leaves the story (the upload stays in the library).`,
                  [["remove", "Remove"]],
                  true,
                )) !== "remove"
              )
                return;
              write(withFigure(surface.text(), index, { fields: null }));
              say("Photo removed from the story.", "ok");
            },
            false,
            "danger",
          ),
        ),
      ),
    );
  }

  function refresh(): void {
    const figures = figureBlocks(surface.text());
    const key = JSON.stringify(figures.map((f) => f.fields));
    if (key === shown) return;
    shown = key;
    const active = document.activeElement?.id;
    list.replaceChildren(...figures.map((f, i) => card(i, f.fields, figures.length)));
    empty.hidden = figures.length > 0;
    if (active) document.getElementById(active)?.focus();
  }

  async function upload(file: File): Promise<void> {
    say(`Uploading ${file.name}…`);
    const answer = await call<Uploaded>("POST", "/api/v1/media", { body: file }).catch(() => null);
    if (!answer?.ok) return say(`${file.name} was not added: ${answer ? problemText(answer) : "the server could not be reached"}`, "error");
    const figure = figureText({ caption: "", credit: "", alt: "", src: answer.data.url, width: String(answer.data.width), height: String(answer.data.height) });
    // A story's first photo leads it, at the top, as readers expect; later ones go where the cursor is.
    if (figureBlocks(surface.text()).length === 0) surface.setText([figure, surface.text().trim()].filter(Boolean).join("\n\n"));
    else surface.insertBlock(figure);
    changed();
    refresh();
    const cards = list.querySelectorAll<HTMLElement>(".photo-card");
    const added = [...cards].find((c) => c.querySelector<HTMLImageElement>("img.thumb")?.src.includes(answer.data.url.slice(-64)));
    added?.scrollIntoView({ block: "center" });
    added?.querySelector<HTMLInputElement>("input[id$=caption]")?.focus();
    say(`${file.name} added: write its caption, credit and alt text.`, "ok");
  }

  add.addEventListener("click", () => picker.click());
  picker.addEventListener("change", async () => {
    for (const file of picker.files ?? []) await upload(file);
    picker.value = "";
  });
  root.addEventListener("dragover", (e) => e.dataTransfer?.types.includes("Files") && e.preventDefault());
  root.addEventListener("drop", async (e) => {
    const files = [...(e.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith("image/"));
    if (!files.length) return;
    e.preventDefault();
    for (const file of files) await upload(file);
  });
  return { root, refresh, pick: () => picker.click() };
}
