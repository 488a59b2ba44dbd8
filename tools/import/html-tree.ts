/**
 * @module
 * Work on the parsed HTML tree (hast) before it becomes mdast: WordPress's paragraphs (its editor
 * stores text with blank lines between paragraphs, not `<p>`: wpautop makes them when it renders),
 * an element's text, and what a `<figure>` holds (an image with caption and credit, or an embed).
 */

import type { Element, ElementContent, Root, RootContent } from "hast";
import { embedUrl } from "./embeds.ts";

const PHRASING = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "big",
  "br",
  "cite",
  "code",
  "del",
  "dfn",
  "em",
  "font",
  "i",
  "img",
  "ins",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "time",
  "tt",
  "u",
  "var",
]);
const CONTAINERS = new Set(["div", "section", "article", "main", "body"]);

/** Loose text and inline elements become paragraphs, split at blank lines (as WordPress's wpautop does), in the root and plain containers. */
export function paragraphs(parent: Root | Element): void {
  const out: RootContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some((n) => n.type !== "text" || n.value.trim())) out.push({ type: "element", tagName: "p", properties: {}, children: run });
    run = [];
  };
  for (const child of parent.children) {
    if (child.type === "element" && CONTAINERS.has(child.tagName)) paragraphs(child);
    if (child.type === "text") {
      child.value.split(/\n[ \t]*\n/).forEach((part, i) => {
        if (i > 0) flush();
        if (part) run.push({ type: "text", value: part });
      });
    } else if (child.type === "element" && PHRASING.has(child.tagName)) run.push(child);
    else {
      flush();
      out.push(child);
    }
  }
  flush();
  parent.children = out as typeof parent.children;
}

/** The text of an element, white space collapsed. */
export function elementText(node: ElementContent | Root): string {
  const parts: string[] = [];
  const walk = (n: ElementContent | Root) => {
    if (n.type === "text") parts.push(n.value);
    else if (n.type === "element" && n.tagName === "br") parts.push(" ");
    else if ("children" in n) n.children.forEach((c) => walk(c as ElementContent));
  };
  walk(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}

function find(node: Element, test: (e: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (test(child)) return child;
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : []);
// Photo credits as captions write them: "… (Photo by AFP)", "… Photo: Reuters".
const CREDIT = /\s*\(?\b(?:photo|image|picture|credit)s?(?:\s+by|:)\s*([^()]{2,100})\)?\s*$/i;

export type FigureFound = { url: string } | { caption: string; credit: string; src?: string; alt?: string };

/** What a `<figure>` holds: an embed (a WordPress embed block), an image with its caption and credit, or null for anything else. */
export function figureOf(node: Element, options: { base?: string; credit: string }): FigureFound | null {
  const iframe = find(node, (e) => e.tagName === "iframe");
  if (classes(node).some((c) => c.startsWith("wp-block-embed")) || iframe) {
    const wrapper = find(node, (e) => classes(e).includes("wp-block-embed__wrapper"));
    const url = embedUrl(String(iframe?.properties.src ?? ""), options.base) ?? (wrapper && embedUrl(elementText(wrapper)));
    return url ? { url } : null;
  }
  const img = find(node, (e) => e.tagName === "img");
  if (!img) return null;
  const figcaption = find(node, (e) => e.tagName === "figcaption");
  let caption = figcaption ? elementText(figcaption) : "";
  const named = figcaption && find(figcaption, (e) => e.tagName === "cite" || e.tagName === "small" || classes(e).some((c) => c.includes("credit")));
  let credit = named ? elementText(named) : "";
  if (named) caption = caption.replace(credit, "").trim();
  else {
    const m = CREDIT.exec(caption);
    if (m && m.index > 0) {
      credit = m[1].trim();
      caption = caption.slice(0, m.index).trim();
    }
  }
  const alt = typeof img.properties.alt === "string" ? img.properties.alt.trim() : "";
  const src = typeof img.properties.src === "string" ? absolute(img.properties.src, options.base) : undefined;
  return { caption: (caption || alt || "Image").slice(0, 1000), credit: (credit || options.credit).slice(0, 200), ...(src && { src }), ...(alt && { alt }) };
}

function absolute(src: string, base?: string): string | undefined {
  try {
    return new URL(src.startsWith("//") ? `https:${src}` : src, base).href;
  } catch {
    return undefined;
  }
}
