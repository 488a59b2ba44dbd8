/**
 * @module
 * /llms.txt (https://llmstxt.org): a Markdown file that tells an agent what the site is, how to get
 * its pages as Markdown, and links the newest articles and the sections they are in.
 */

import type { IndexEntry } from "../../shared/model/documents.ts";
import { absoluteUrl } from "./entries.ts";

export interface LlmsContext {
  siteName: string;
  /** Where links point: the canonical origin, or the mirror serving this request. */
  origin: string;
}

/** Markdown inline text with the characters that could start markup escaped (titles are free text). */
function text(value: string): string {
  return value.replace(/[\\`*_~<[\]&]/g, "\\$&");
}

/**
 * `[title](url)`: the destination plain, as llmstxt.org's examples write it and the readers written to
 * its pattern expect (they keep `<…>` as part of the URL); in angle brackets only when CommonMark needs
 * them (a space, a control character or a parenthesis in the URL), with `<`, `>` and `\` encoded.
 */
function link(title: string, origin: string, path: string): string {
  const url = absoluteUrl(origin, path);
  const plain = /^[^\s\u0000-\u001f\u007f()<>\\]+$/.test(url);
  return `[${text(title)}](${plain ? url : `<${url.replace(/[<>\\]/g, encodeURIComponent)}>`})`;
}

/**
 * The file: an H1 with the site name, a blockquote summary, a note on negotiation, then the newest
 * articles, the sections they belong to (every level, in order of first appearance), and the
 * machine-readable resources under "Optional" (which the format lets an agent skip).
 */
export function llmsTxt(ctx: LlmsContext, entries: readonly IndexEntry[], sectionPath: (names: string[]) => string): string {
  const sections = new Map<string, string[]>();
  for (const e of entries)
    for (let i = 1; i <= e.section.length; i++) {
      const names = e.section.slice(0, i);
      const path = sectionPath(names);
      if (!sections.has(path)) sections.set(path, names);
    }
  const lines = [
    `# ${text(ctx.siteName)}`,
    "",
    `> News articles from ${text(ctx.siteName)}. Every article and section URL below also answers \`Accept: text/markdown\` with the same content as Markdown, and \`Accept: application/json\` with JSON.`,
    "",
    "Articles are at `/Detail/YYYY/MM/DD/<id>/<slug>`; sections at `/<Section>/<Subsection>`, newest first, `?page=N` for older ones.",
    "",
    "## Newest articles",
    "",
    ...(entries.length ? entries.map((e) => `- ${link(e.headline, ctx.origin, e.path)}: ${text(e.section.join(" / "))}, ${e.published}`) : ["- none yet"]),
    "",
    "## Sections",
    "",
    `- ${link("All articles", ctx.origin, "/")}`,
    ...[...sections].map(([path, names]) => `- ${link(names.join(" / "), ctx.origin, path)}`),
    "",
    "## Optional",
    "",
    `- ${link("OpenAPI description of the JSON API", ctx.origin, "/openapi.json")}`,
    `- ${link("RSS feed", ctx.origin, "/rss.xml")}`,
    `- ${link("Sitemap", ctx.origin, "/sitemap.xml")}`,
  ];
  return lines.join("\n") + "\n";
}
