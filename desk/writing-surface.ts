/**
 * @module
 * The story's writing surface: CodeMirror 6 with its Markdown language (line numbers that are the
 * lines the problems name, highlighting, search, undo), a toolbar, and the shortcuts editors expect:
 * Ctrl/Cmd+S saves, B bold, I italic, K a link. It lives in a shadow root, where CodeMirror's styles go
 * into a constructed style sheet: the desk's CSP allows no inline `<style>`. A photo's `::: figure`
 * block stays in the text (the format the body is exchanged in) but shows as one line naming the
 * photo; its card (photo-cards.ts) edits it.
 */

import { defaultKeymap, history, historyKeymap, indentWithTab, redo, undo } from "@codemirror/commands";
import { defineLanguageFacet, HighlightStyle, Language, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, type EditorState, type Extension, RangeSetBuilder, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  WidgetType,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { parser } from "@lezer/markdown";
import { h } from "./dom.ts";
import { figureBlocks } from "./figures.ts";

export interface WritingSurface {
  root: HTMLElement;
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Moves the cursor to a line of the story (1-based) and shows it. */
  goToLine(line: number): void;
  /** Inserts text at the cursor as blocks of their own (a photo's figure). */
  insertBlock(text: string): void;
  /** The story's language's direction (a Persian story is written right to left). */
  setDirection(dir: "rtl" | "ltr"): void;
}

/** Colours from the desk's own custom properties, so light and dark follow the page. */
const theme = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--field)", border: "1px solid var(--line)", borderRadius: "4px", fontSize: "1rem" },
  "&.cm-focused": { outline: "3px solid var(--accent)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--serif)", lineHeight: "1.6", minHeight: "22rem", maxHeight: "70vh" },
  ".cm-content": { padding: ".75rem 0", caretColor: "var(--fg)" },
  ".cm-line": { padding: "0 .75rem" },
  ".cm-gutters": { backgroundColor: "var(--bg)", color: "var(--muted)", borderRight: "1px solid var(--line)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 8%, transparent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "color-mix(in srgb, var(--accent) 30%, transparent)" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  ".cm-panels": { backgroundColor: "var(--bg)", color: "var(--fg)", borderTop: "1px solid var(--line)" },
  ".cm-panels input, .cm-panels button": {
    font: "inherit",
    color: "var(--fg)",
    background: "var(--field)",
    border: "1px solid var(--line)",
    borderRadius: "4px",
  },
  ".cm-searchMatch": { backgroundColor: "color-mix(in srgb, var(--warn) 35%, transparent)" },
  ".cm-photo": {
    display: "flex",
    gap: ".5rem",
    alignItems: "center",
    margin: ".25rem .75rem",
    padding: ".35rem .6rem",
    border: "1px dashed var(--line)",
    borderRadius: "4px",
    fontFamily: "system-ui, sans-serif",
    color: "var(--muted)",
  },
  ".cm-photo button": {
    font: "inherit",
    color: "var(--accent)",
    background: "none",
    border: "0",
    textDecoration: "underline",
    cursor: "pointer",
    padding: "0",
  },
});

/**
 * CommonMark as @lezer/markdown parses it (with its highlighting), without @codemirror/lang-markdown's
 * `markdown()`, which brings the HTML, CSS and JavaScript languages along (150 KiB the body never needs).
 */
const commonmark = new Language(defineLanguageFacet(), parser, [], "markdown");

const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: "700", fontFamily: "system-ui, sans-serif" },
  { tag: tags.strong, fontWeight: "700" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: [tags.link, tags.url], color: "var(--accent)", textDecoration: "underline" },
  { tag: tags.quote, color: "var(--muted)", fontStyle: "italic" },
  { tag: [tags.processingInstruction, tags.meta, tags.list], color: "var(--accent)" },
]);

/** A photo's figure block, shown as a line that names it and goes to its card. */
class PhotoLine extends WidgetType {
  readonly index: number;
  readonly caption: string;
  constructor(index: number, caption: string) {
    super();
    this.index = index;
    this.caption = caption;
  }
  override eq(other: PhotoLine): boolean {
    return other.index === this.index && other.caption === this.caption;
  }
  toDOM(): HTMLElement {
    const go = h("button", { type: "button" }, "Edit it in Photos");
    go.addEventListener("click", () => document.getElementById(`photo-card-${this.index}`)?.scrollIntoView({ block: "center" }));
    return h("div", { class: "cm-photo" }, `Photo ${this.index + 1}: ${this.caption || "(no caption yet)"}`, " · ", go);
  }
}

function photoDecorations(state: EditorState): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  figureBlocks(state.doc.toString()).forEach((f, i) => {
    const from = state.doc.line(f.first).from;
    const to = state.doc.line(f.last).to;
    builder.add(from, to, Decoration.replace({ widget: new PhotoLine(i, f.fields.caption ?? ""), block: true }));
  });
  return builder.finish();
}

const photos = StateField.define<DecorationSet>({
  create: photoDecorations,
  update: (value, tr) => (tr.docChanged ? photoDecorations(tr.state) : value),
  provide: (field) => [EditorView.decorations.from(field), EditorView.atomicRanges.of((view) => view.state.field(field))],
});

/** Wraps the selection in `mark` (or takes it off when it is already wrapped). */
function wrap(view: EditorView, mark: string): boolean {
  view.dispatch(
    view.state.changeByRange((range) => {
      const text = view.state.sliceDoc(range.from, range.to);
      const around = view.state.sliceDoc(range.from - mark.length, range.from) === mark && view.state.sliceDoc(range.to, range.to + mark.length) === mark;
      if (around)
        return {
          changes: [
            { from: range.from - mark.length, to: range.from },
            { from: range.to, to: range.to + mark.length },
          ],
          range: EditorSelection.range(range.from - mark.length, range.to - mark.length),
        };
      return {
        changes: { from: range.from, to: range.to, insert: mark + text + mark },
        range: EditorSelection.range(range.from + mark.length, range.to + mark.length),
      };
    }),
  );
  view.focus();
  return true;
}

/** A link around the selection, with its address selected for typing over. */
function link(view: EditorView): boolean {
  const { from, to } = view.state.selection.main;
  const text = view.state.sliceDoc(from, to) || "link text";
  const insert = `[${text}](https://)`;
  view.dispatch({ changes: { from, to, insert }, selection: EditorSelection.range(from + text.length + 3, from + insert.length - 1) });
  view.focus();
  return true;
}

/** Puts `prefix` before every selected line (or takes it off when all have it). */
function linePrefix(view: EditorView, prefix: string): boolean {
  const lines = new Set<number>();
  for (const r of view.state.selection.ranges) for (let n = view.state.doc.lineAt(r.from).number; n <= view.state.doc.lineAt(r.to).number; n++) lines.add(n);
  const all = [...lines].every((n) => view.state.doc.line(n).text.startsWith(prefix));
  const changes = [...lines].map((n, i) => {
    const line = view.state.doc.line(n);
    const mark = /^(#{1,3} |[-*] |\d+\. |> )/.exec(line.text)?.[0] ?? "";
    const next = prefix === "1. " ? `${i + 1}. ` : prefix;
    return { from: line.from, to: line.from + mark.length, insert: all ? "" : next };
  });
  view.dispatch({ changes });
  view.focus();
  return true;
}

/** The writing surface, with `save` for Ctrl/Cmd+S and `addPhoto` for the toolbar's photo button. */
export function writingSurface(onChange: () => void, save: () => void, addPhoto: () => void): WritingSurface {
  const host = h("div", { class: "writing" });
  const direction = new Compartment();
  const shadow = host.attachShadow({ mode: "open" });
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    search({ top: true }),
    highlightSelectionMatches(),
    commonmark,
    syntaxHighlighting(highlight),
    photos,
    EditorView.lineWrapping,
    // The line being typed stays above the desk's action bar at the bottom of the screen.
    EditorView.scrollMargins.of(() => ({ bottom: 120 })),
    theme,
    EditorView.contentAttributes.of({ "aria-label": "Story text (Markdown)", spellcheck: "true" }),
    direction.of(EditorView.contentAttributes.of({ dir: "ltr" })),
    keymap.of([
      { key: "Mod-s", run: () => (save(), true), preventDefault: true },
      { key: "Mod-b", run: (v) => wrap(v, "**") },
      { key: "Mod-i", run: (v) => wrap(v, "*") },
      { key: "Mod-k", run: link, preventDefault: true },
      ...searchKeymap,
      ...historyKeymap,
      ...defaultKeymap,
      indentWithTab,
    ]),
    EditorView.updateListener.of((u) => u.docChanged && onChange()),
  ];
  const view = new EditorView({ root: shadow, extensions });
  shadow.append(view.dom);
  // Each button says what it does (the accessible name is the visible text), but bold and italic, shown as B and I.
  const tool = (label: string, run: () => unknown, keys?: string, glyph?: string) => {
    const b = h(
      "button",
      {
        type: "button",
        class: `tool tool-${glyph ?? label.split(" ")[0]}`,
        title: keys ? `${label} (${keys})` : label,
        "aria-label": glyph ? label : undefined,
      },
      glyph ?? label,
    );
    b.addEventListener("click", () => run());
    return b;
  };
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl+";
  const toolbar = h(
    "div",
    { class: "toolbar", role: "toolbar", "aria-label": "Formatting" },
    tool("Bold", () => wrap(view, "**"), `${mod}B`, "B"),
    tool("Italic", () => wrap(view, "*"), `${mod}I`, "I"),
    tool("Link", () => link(view), `${mod}K`),
    tool("Heading", () => linePrefix(view, "## ")),
    tool("Subheading", () => linePrefix(view, "### ")),
    tool("List", () => linePrefix(view, "- ")),
    tool("Numbered list", () => linePrefix(view, "1. ")),
    tool("Quote", () => linePrefix(view, "> ")),
    tool("Photo", addPhoto),
    tool("Undo", () => undo(view), `${mod}Z`),
    tool("Redo", () => redo(view), `${mod}Shift+Z`),
    tool("Find", () => openSearchPanel(view), `${mod}F`),
  );
  const root = h("div", { class: "surface" }, toolbar, host);
  return {
    root,
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    goToLine(n) {
      const line = view.state.doc.line(Math.min(Math.max(n, 1), view.state.doc.lines));
      view.dispatch({ selection: { anchor: line.from, head: line.to }, effects: EditorView.scrollIntoView(line.from, { y: "center" }) });
      view.focus();
    },
    setDirection(dir) {
      if (view.contentDOM.dir !== dir) view.dispatch({ effects: direction.reconfigure(EditorView.contentAttributes.of({ dir })) });
    },
    insertBlock(text) {
      const at = view.state.selection.main.head;
      const before = view.state.sliceDoc(0, at).replace(/\s*$/, "");
      const after = view.state.sliceDoc(at).replace(/^\s*/, "");
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: [before, text, after].filter(Boolean).join("\n\n") } });
    },
  };
}
