/**
 * @module
 * HTML bodies of imported articles to schema blocks: parsed by hast-util-from-html (parse5, as
 * rehype-parse), turned into mdast by hast-util-to-mdast, and from there through the content
 * build's own mdast → blocks converter (tools/content/commonmark.ts). Paragraphs (WordPress's blank
 * lines too), headings, lists, quotes with their `<cite>`, links, emphasis, figures (`<figure>`,
 * `<img>`, with caption and credit) and embeds (YouTube, Vimeo, X iframes, WordPress embed blocks,
 * a provider's URL alone on a line) are kept; anything else (scripts, styles, forms, tables, code,
 * shortcodes) is dropped and counted by kind. Never regular expressions over HTML.
 */

import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { type State, toMdast } from "hast-util-to-mdast";
import type { List, Nodes, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { Converter } from "../content/commonmark.ts";
import { embedUrl, withoutShortcodes } from "./embeds.ts";
import { elementText, figureOf, paragraphs } from "./html-tree.ts";

export interface HtmlOptions {
  /** The item's own URL, to resolve relative links and images against. */
  base?: string;
  /** A figure's credit when the HTML names none (the source's name). */
  credit: string;
}

export interface Converted {
  blocks: Record<string, unknown>[];
  /** What was dropped, by kind (`script`, `table`, `shortcode`, …). */
  dropped: Record<string, number>;
}

/** An already made block inside the mdast tree (a figure or embed found in the HTML). */
interface Made {
  type: "made";
  block: Record<string, unknown>;
}
/** A quote with the attribution its `<cite>` or `<footer>` gave. */
interface Quote {
  type: "quoted";
  attribution?: string;
  children: RootContent[];
}

const DROP = ["script", "style", "form", "noscript", "template", "object", "embed", "input", "button", "select", "textarea", "svg", "canvas", "audio", "video"];
const DROP_SET = new Set(DROP);
const STRIP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function htmlBlocks(html: string, options: HtmlOptions): Converted {
  const dropped: Record<string, number> = {};
  const drop = (kind: string, n = 1) => void (dropped[kind] = (dropped[kind] ?? 0) + n);
  const tree = fromHtml(html, { fragment: true }) as HastRoot;
  clean(tree, drop);
  paragraphs(tree);
  const made = (block: Record<string, unknown>) => ({ type: "made", block }) as unknown as RootContent;
  const handlers: Record<string, (state: State, node: Element) => unknown> = {
    ...Object.fromEntries(DROP.map((tag) => [tag, () => (drop(tag), undefined)])),
    iframe: (_s, node) => {
      const url = embedUrl(String(node.properties.src ?? ""), options.base);
      if (!url) return (drop("iframe"), undefined);
      const title = typeof node.properties.title === "string" && node.properties.title.trim() ? node.properties.title.trim().slice(0, 300) : undefined;
      return made({ type: "embed", url, ...(title && { title }) });
    },
    figure: (state, node) => {
      const found = figureOf(node, options);
      if (found === null) return state.toFlow(state.all(node) as RootContent[]);
      if ("url" in found) return made({ type: "embed", url: found.url });
      return made({ type: "figure", ...found });
    },
    blockquote: (state, node) => {
      const cls = String(node.properties.className ?? "");
      if (/twitter-tweet|instagram-media/.test(cls)) {
        const links = linksIn(node);
        const url = links
          .map((l) => embedUrl(l, options.base))
          .reverse()
          .find((u) => u !== undefined);
        if (url) return made({ type: "embed", url });
      }
      const cites = node.children.filter((c): c is Element => c.type === "element" && (c.tagName === "cite" || c.tagName === "footer"));
      const attribution = cites
        .map(elementText)
        .join(" ")
        .replace(/^[\s—–-]+/, "")
        .trim();
      const rest = { ...node, children: node.children.filter((c) => !cites.includes(c as Element)) };
      return { type: "quoted", ...(attribution && { attribution: attribution.slice(0, 300) }), children: state.toFlow(state.all(rest) as RootContent[]) };
    },
  };
  const mdast = toMdast(tree, { handlers: handlers as never }) as Root;
  const converter = new Converter(1, drop);
  const blocks: Record<string, unknown>[] = [];
  new Flow(converter, options, drop, blocks).flow(mdast.children);
  return { blocks, dropped };
}

function linksIn(node: Element): string[] {
  const out: string[] = [];
  const walk = (n: ElementContent) => {
    if (n.type !== "element") return;
    if (n.tagName === "a" && typeof n.properties.href === "string") out.push(n.properties.href);
    n.children.forEach(walk);
  };
  node.children.forEach(walk);
  return out;
}

/** Strips control characters and shortcodes from text; comments go (WordPress block delimiters are comments). */
function clean(parent: HastRoot | Element, drop: (kind: string, n?: number) => void): void {
  parent.children = parent.children.filter((child: HastContent) => {
    if (child.type === "comment" || child.type === "doctype") return false;
    if (child.type === "text") {
      const { text, count } = withoutShortcodes(child.value.replace(STRIP, ""));
      if (count) drop("shortcode", count);
      child.value = text;
    } else if (child.type === "element") {
      if (DROP_SET.has(child.tagName)) return (drop(child.tagName), false);
      clean(child, drop);
    }
    return true;
  }) as typeof parent.children;
}

class Flow {
  readonly converter: Converter;
  readonly options: HtmlOptions;
  readonly drop: (kind: string) => void;
  readonly out: Record<string, unknown>[];
  constructor(converter: Converter, options: HtmlOptions, drop: (kind: string) => void, out: Record<string, unknown>[]) {
    this.converter = converter;
    this.options = options;
    this.drop = drop;
    this.out = out;
  }

  flow(nodes: RootContent[]): void {
    for (const node of nodes) this.node(node);
  }

  node(node: RootContent | Made | Quote): void {
    switch (node.type) {
      case "made":
        return void this.out.push((node as Made).block);
      case "paragraph":
        return this.paragraph(node);
      case "heading": {
        const text = this.phrasing(node.children);
        if (text.some((n) => n.type !== "text" || n.value.trim())) this.push({ ...node, depth: node.depth <= 2 ? 2 : 3, children: text });
        return;
      }
      case "list":
        return this.list(node);
      case "quoted":
        return this.quote(node as Quote);
      case "blockquote":
        return this.quote({ type: "quoted", children: node.children });
      default:
        if ("children" in node && ["tableCell", "tableRow"].includes(node.type)) return;
        this.drop(node.type);
    }
  }

  push(node: RootContent): void {
    for (const b of this.converter.block(node)) {
      const block = b as Record<string, unknown>;
      if (block.text !== "") this.out.push(block);
    }
  }

  /** A paragraph, split where images or embeds stand in it; a known provider's URL alone becomes an embed. */
  paragraph(node: Paragraph): void {
    let run: PhrasingContent[] = [];
    const flush = () => {
      const phrasing = this.phrasing(run);
      run = [];
      const text = phrasing.map((n) => ("value" in n ? n.value : "")).join("");
      const only = phrasing.length === 1 ? phrasing[0] : undefined;
      const url = only && (only.type === "text" || only.type === "link") ? embedUrl(only.type === "link" ? only.url : text.trim()) : undefined;
      if (url && (only!.type === "text" || /^https?:/.test(text.trim()))) this.out.push({ type: "embed", url });
      else if (phrasing.length) this.push({ type: "paragraph", children: phrasing });
    };
    const visit = (children: (PhrasingContent | Made)[]) => {
      for (const child of children) {
        if (child.type === "made") (flush(), this.out.push((child as Made).block));
        else if (child.type === "image") (flush(), this.out.push(this.figure(child.url, child.alt ?? "", child.title ?? "")));
        else if (child.type === "link" && child.children.some((c) => c.type === "image")) visit(child.children);
        else run.push(child);
      }
    };
    visit(node.children);
    flush();
  }

  figure(src: string, alt: string, title: string): Record<string, unknown> {
    return { type: "figure", caption: (alt || title || "Image").slice(0, 1000), credit: this.options.credit, ...(src && { src }), ...(alt && { alt }) };
  }

  /** Phrasing the converter takes: line breaks as spaces, code as text, links resolved (or unwrapped when not http(s), mailto or a path). */
  phrasing(nodes: PhrasingContent[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const n of nodes) {
      if (n.type === "break") out.push({ type: "text", value: " " });
      else if (n.type === "inlineCode") out.push({ type: "text", value: n.value });
      else if (n.type === "delete") out.push(...this.phrasing(n.children));
      else if (n.type === "emphasis" || n.type === "strong") out.push({ ...n, children: this.phrasing(n.children) });
      else if (n.type === "link") {
        const href = resolve(n.url, this.options.base);
        const children = this.phrasing(n.children.filter((c) => c.type !== "link"));
        if (href) out.push({ ...n, url: href, children });
        else out.push(...children);
      } else if (n.type === "text") out.push(n);
      else if (n.type === "image") this.drop("inline image");
      else this.drop((n as Nodes).type);
    }
    return out.filter((n) => !("children" in n) || n.children.length > 0);
  }

  /** Items of nested lists become items of the list; at most 100 items a block. */
  list(node: List): void {
    const items: Paragraph[] = [];
    const gather = (list: List) => {
      for (const item of list.children) {
        const text: PhrasingContent[] = [];
        const nested: List[] = [];
        for (const child of item.children) {
          if (child.type === "paragraph") text.push(...(text.length ? [{ type: "text", value: " " } as const] : []), ...this.phrasing(child.children));
          else if (child.type === "list") nested.push(child);
          else this.drop(child.type);
        }
        if (text.length) items.push({ type: "paragraph", children: text });
        nested.forEach(gather);
      }
    };
    gather(node);
    for (let i = 0; i < items.length; i += 100) {
      this.push({
        type: "list",
        ordered: node.ordered === true,
        spread: false,
        children: items.slice(i, i + 100).map((p) => ({ type: "listItem", children: [p] })),
      });
    }
  }

  quote(node: Quote): void {
    const parts: Paragraph[] = [];
    const gather = (children: RootContent[]) => {
      for (const child of children) {
        if (child.type === "paragraph") parts.push({ ...child, children: this.phrasing(child.children) });
        else if (child.type === "blockquote" || child.type === "list" || child.type === "listItem") gather(child.children as RootContent[]);
        else this.node(child);
      }
    };
    gather(node.children);
    const kept = parts.filter((p) => p.children.length);
    for (let i = 0; i < kept.length; i += 20) {
      const blocks = this.converter.block({ type: "blockquote", children: kept.slice(i, i + 20) });
      for (const b of blocks) {
        const q = b as { paragraphs: { text: string }[]; attribution?: string };
        q.paragraphs = q.paragraphs.filter((p) => p.text);
        if (node.attribution && i + 20 >= kept.length) q.attribution = node.attribution;
        if (q.paragraphs.length) this.out.push(q);
      }
    }
  }
}

/** An href the schema takes: http(s), mailto, or a path; relative ones resolved against the item's URL. */
function resolve(href: string, base?: string): string | undefined {
  if (/^(https?:|mailto:)/i.test(href) || (href.startsWith("/") && !href.startsWith("//"))) return href;
  if (!base || href.startsWith("#")) return undefined;
  try {
    const u = new URL(href, base);
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}
