/**
 * @module
 * The Markdown of an article body (CommonMark, parsed by micromark through mdast-util-from-markdown)
 * to schema blocks: paragraphs with inline links, emphasis and strong; `##` and `###` headings;
 * bulleted and numbered lists; block quotes, whose last paragraph starting with `—` is the
 * attribution. Anything else CommonMark knows (code, HTML, images, thematic breaks, reference links,
 * nested lists…) is an error naming its line: no construct silently turns into text.
 *
 * Runs only in the content build (Node, and the tests): the Worker validates the JSON blocks and
 * never parses Markdown, so the parser stays out of its bundle.
 */

import type { Nodes, PhrasingContent, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { isHref, type Run } from "../../src/shared/model/blocks.ts";
import { trimAscii } from "../../src/shared/model/schema.ts";

export interface LineError {
  line: number;
  message: string;
}

const NAMES: Record<string, string> = {
  code: "a code block",
  html: "HTML",
  thematicBreak: "a thematic break (---)",
  definition: "a link reference definition",
  image: "an inline image (use ::: figure)",
  imageReference: "an image reference (use ::: figure)",
  linkReference: "a reference link (write [text](url))",
  inlineCode: "inline code",
  break: "a hard line break",
  footnoteReference: "a footnote",
};

interface Marks {
  em?: true;
  strong?: true;
  href?: string;
}

export class Converter {
  errors: LineError[] = [];
  readonly offset: number;
  /**
   * Set by an importer (tools/import/): what the content build reports as an error is handed here
   * by kind (the node type, or the message) and dropped, so foreign HTML gives what it can.
   */
  readonly dropped?: (kind: string) => void;
  constructor(offset: number, dropped?: (kind: string) => void) {
    this.offset = offset;
    this.dropped = dropped;
  }

  line(node: Nodes): number {
    return this.offset + (node.position?.start.line ?? 1) - 1;
  }

  fail(node: Nodes, message: string): void {
    if (this.dropped) return this.dropped(message);
    this.errors.push({ line: this.line(node), message });
  }

  unsupported(node: Nodes): void {
    if (this.dropped) return this.dropped(node.type);
    this.fail(node, `${NAMES[node.type] ?? node.type} is not supported here`);
  }

  /** Phrasing content → runs, adjacent runs with equal marks merged, ends trimmed of ASCII space. */
  runs(children: PhrasingContent[]): { text: string; runs?: Run[] } {
    const out: Run[] = [];
    const walk = (nodes: PhrasingContent[], marks: Marks) => {
      for (const n of nodes) {
        if (n.type === "text") {
          // A soft line break joins the lines of a paragraph with a space, as the page shows them.
          const text = n.value.replace(/[ \t]*\n[ \t]*/g, " ");
          const last = out.at(-1);
          if (last && last.em === marks.em && last.strong === marks.strong && last.href === marks.href) last.text += text;
          else out.push({ text, ...marks });
        } else if (n.type === "emphasis") walk(n.children, { ...marks, em: true });
        else if (n.type === "strong") walk(n.children, { ...marks, strong: true });
        else if (n.type === "link") {
          if (marks.href) this.fail(n, "a link inside a link");
          else if (!isHref(n.url)) this.fail(n, "a link must be http, https or mailto, or a path starting with /");
          else walk(n.children, { ...marks, href: n.url });
        } else this.unsupported(n);
      }
    };
    walk(children, {});
    if (out.length) {
      out[0].text = out[0].text.replace(/^[ \t\r\n]+/, "");
      out[out.length - 1].text = out[out.length - 1].text.replace(/[ \t\r\n]+$/, "");
    }
    const runs = out.filter((r) => r.text !== "");
    const text = trimAscii(runs.map((r) => r.text).join(""));
    const plain = runs.every((r) => !r.em && !r.strong && !r.href);
    // Drop `undefined` marks so the JSON has only the members that are set.
    return plain ? { text } : { text, runs: runs.map((r) => JSON.parse(JSON.stringify(r)) as Run) };
  }

  /** One paragraph, as the only content of a list item or quote part. */
  single(node: { children: RootContent[] } & Nodes, what: string): { text: string; runs?: Run[] } {
    const [first, ...rest] = node.children;
    if (!first || first.type !== "paragraph" || rest.length) {
      this.fail(rest[0] ?? first ?? node, `${what} must be one paragraph (no nested lists, quotes or blocks)`);
      return { text: "" };
    }
    return this.runs(first.children);
  }

  block(node: RootContent): unknown[] {
    switch (node.type) {
      case "paragraph":
        return [{ type: "paragraph", ...this.runs(node.children) }];
      case "heading":
        if (node.depth === 2 || node.depth === 3) return [{ type: "heading", ...this.runs(node.children), ...(node.depth === 3 && { level: 3 }) }];
        this.fail(node, node.depth === 1 ? "`#` is the headline, given in the front matter; use `##` or `###`" : "only `##` and `###` headings are allowed");
        return [];
      case "list":
        return [{ type: "list", ordered: node.ordered === true, items: node.children.map((item) => this.single(item, "a list item")) }];
      case "blockquote": {
        // "> — Name" on the line after the quote (no blank `>` line between) is the same paragraph to
        // CommonMark: split it off, so it is the attribution rather than the quote's last words.
        const lastPara = node.children.at(-1);
        const tail = lastPara?.type === "paragraph" ? lastPara.children.at(-1) : undefined;
        const said = tail?.type === "text" ? /\n[ \t]*((?:—|–|--)[^\n]*)$/.exec(tail.value) : null;
        if (said && tail?.type === "text" && lastPara?.type === "paragraph") {
          tail.value = tail.value.slice(0, said.index);
          node.children.push({ type: "paragraph", children: [{ type: "text", value: said[1] }] });
        }
        const parts = node.children.map((child) => {
          if (child.type !== "paragraph") {
            this.fail(child, "a quote may hold paragraphs only");
            return { text: "" };
          }
          return this.runs(child.children);
        });
        const last = parts.at(-1);
        let attribution: string | undefined;
        // "— Name" (em dash, en dash or two hyphens) as the last paragraph names who is quoted.
        const m = last && !last.runs ? /^(?:—|–|--)\s*(.+)$/.exec(last.text) : null;
        if (m && parts.length > 1) {
          attribution = m[1];
          parts.pop();
        }
        return [{ type: "quote", paragraphs: parts, ...(attribution && { attribution }) }];
      }
      default:
        this.unsupported(node);
        return [];
    }
  }
}

/**
 * Parses Markdown that starts on line `firstLine` of its file into raw blocks for `validateArticle`,
 * with the line each block starts on. A construct reported twice on one line (the opening and closing
 * tag of inline HTML) is reported once.
 */
export function markdownBlocks(markdown: string, firstLine: number): { blocks: unknown[]; lines: number[]; errors: LineError[] } {
  const tree: Root = fromMarkdown(markdown);
  const converter = new Converter(firstLine);
  const blocks: unknown[] = [];
  const lines: number[] = [];
  for (const node of tree.children) {
    for (const b of converter.block(node)) {
      blocks.push(b);
      lines.push(converter.line(node));
    }
  }
  const seen = new Set<string>();
  const errors = converter.errors.filter((e) => !seen.has(`${e.line} ${e.message}`) && seen.add(`${e.line} ${e.message}`));
  return { blocks, lines, errors };
}
