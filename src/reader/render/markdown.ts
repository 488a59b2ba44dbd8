/**
 * @module
 * The Markdown representation (CommonMark) of articles and listings, for agents: made from the same
 * views as the HTML and JSON, so it says exactly what the page says, with no HTML→Markdown guessing.
 */

import type { Inline, Run } from "../../shared/model/blocks.ts";
import type { Block } from "../../shared/model/schema.ts";
import type { ArticleList, ArticleView, ImageView, SearchView, TopicList } from "../views/views.ts";
import type { Site } from "../site/config.ts";
import { captionLine, longDate, standfirst } from "./format.ts";
import { PAGE_UPDATES } from "./live-coverage.tsx";

/**
 * Between breadcrumb entries: plain spaces, as the listing's title and search results write a section
 * path. The page's separator (spaces around no-break spaces, the publisher's look) is layout, which
 * Markdown for agents has no use for; mixed, it read as odd characters (issue 34, item 17).
 */
const SEPARATOR = " / ";

// Hand-written rather than mdast-util-to-markdown: that library escapes every `[`, `*`, `_` … it meets
// (its "unsafe" patterns are deliberately coarse), so `[of Turkey]` in a quotation would reach the
// agent as `\[of Turkey]`. Here only what CommonMark (spec 0.31) would actually read as markup is
// escaped; tests/workers/read/markdown-properties.test.ts parses the output with micromark and gets the text back.
const ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g;

/** Escapes inline markup and entities; `brackets` escapes every `[` and `]` too (inside a link's text). */
function escapeInline(text: string, brackets: boolean): string {
  const out = text.replace(brackets ? /[\\`*_~<[\]]/g : /[\\`*_~<]/g, "\\$&").replace(ENTITY, "\\&");
  // `](` would close an inline link; with no `[` at a block start there are no reference definitions.
  return brackets ? out : out.replace(/\](?=\()/g, "\\]");
}

/** Text inside a paragraph, heading or list item. */
function inline(text: string): string {
  return escapeInline(text, false);
}

/** Text that starts a block: inline escaping, then whatever would open another block (heading, quote, list, definition, table). */
export function mdText(text: string): string {
  return blockStart(inline(text));
}

/** Emphasis and strong around a run, with its outer spaces outside the delimiters (else they do not close). */
function marked(run: Run, inLink: boolean): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
  const body = escapeInline(m[2], inLink);
  const mark = run.em && run.strong ? "***" : run.strong ? "**" : run.em ? "*" : "";
  return m[2] && mark ? `${m[1]}${mark}${body}${mark}${m[3]}` : escapeInline(run.text, inLink);
}

/**
 * A block's inline content: the runs (links, emphasis, strong) when it has any, else its text. At
 * the start of a block a leading plain run gets the block-start escapes, as plain text does.
 */
function inlineMd(value: Inline, base: string): string {
  if (!value.runs) return mdText(value.text);
  const parts: string[] = [];
  for (let i = 0; i < value.runs.length;) {
    const href = value.runs[i].href;
    let j = i;
    while (j < value.runs.length && value.runs[j].href === href) j++;
    const group = value.runs.slice(i, j);
    if (href) parts.push(`[${group.map((r) => marked(r, true)).join("")}](${destination(href.startsWith("/") ? base + href : href)})`);
    else {
      let text = group.map((r) => marked(r, false)).join("");
      if (i === 0 && !group[0].em && !group[0].strong) text = blockStart(text);
      parts.push(text);
    }
    i = j;
  }
  return parts.join("");
}

/** Escapes what would open another block at the start of already inline-escaped text. */
function blockStart(escaped: string): string {
  return escaped.replace(/^([#>+=|[-])/, "\\$1").replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** A link's text: brackets escaped too, so nothing can end the label early. */
function linkText(text: string): string {
  return escapeInline(text, true);
}

/** A destination in angle brackets (CommonMark §6.3), so spaces and parentheses need no escaping. */
function destination(url: string): string {
  return `<${url.replace(/[<>\\\n]/g, (c) => encodeURIComponent(c)).replace(ENTITY, "\\&")}>`;
}

function link(text: string, url: string): string {
  return `[${linkText(text)}](${destination(url)})`;
}

/** An ATX heading; a trailing `#` run would be read as a closing sequence, so it is escaped. */
function heading(level: number, text: string): string {
  return `${"#".repeat(level)} ${inline(text).replace(/#$/, "\\#")}`;
}

/** A figure: the image when there is one, then its caption with the credit, as on the page. */
function figure(f: ImageView): string {
  const caption = `Figure: ${mdText(captionLine(f.caption, f.credit))}`;
  if (!f.src) return caption;
  return `![${linkText(f.alt ?? "")}](${destination(f.src)})\n\n${caption}`;
}

function block(b: Block, base: string): string {
  switch (b.type) {
    case "heading":
      return `${"#".repeat(b.level ?? 2)} ${b.runs ? inlineMd(b, base) : inline(b.text)}`.replace(/#$/, "\\#");
    case "figure":
      return figure(b);
    case "list":
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${inlineMd(item, base)}`).join("\n");
    case "quote": {
      const paragraphs = b.paragraphs.map((p) => `> ${inlineMd(p, base)}`);
      if (b.attribution) paragraphs.push(`> — ${inline(b.attribution)}`);
      return paragraphs.join("\n>\n");
    }
    case "embed":
      return `${mdText(`${b.provider}:`)} ${link(b.title ?? b.url, b.url)}`;
    default:
      return inlineMd(b, base);
  }
}

function footer(site: Site): string[] {
  const out: string[] = [];
  if (site.addresses.length) {
    out.push(mdText(`${site.name}’s website can also be accessed at the following alternate addresses:`));
    out.push(site.addresses.map((a) => `- ${mdText(a)}`).join("\n"));
  }
  return out;
}

/**
 * A live story's coverage and updates, newest first as its page shows them (at most `PAGE_UPDATES`): each a
 * `###` with its time, "Key point" and title, a link to its anchor on the page (`#update-<n>`), its blocks and authors.
 */
function liveMarkdown(article: ArticleView, site: Site): string[] {
  const live = article.live!;
  const updates = article.updates ?? [];
  const out = [mdText(live.end ? `Live coverage from ${live.start} to ${live.end}` : `Live coverage since ${live.start}`), "## Live updates"];
  for (const u of updates.slice(0, PAGE_UPDATES)) {
    out.push(heading(3, `${u.time}${u.pinned ? " · Key point" : ""}${u.title ? ` · ${u.title}` : ""}`), link(`Update ${u.n}`, u.url));
    for (const b of u.body) out.push(block(b, site.origin));
    if (u.authors?.length) out.push(mdText(`By ${u.authors.map((a) => a.name).join(", ")}`));
  }
  if (updates.length > PAGE_UPDATES)
    out.push(link(`${updates.length - PAGE_UPDATES} older updates (JSON)`, `${site.origin}/api/v1/articles/${article.id}/updates`));
  return out;
}

/** An article: breadcrumb, headline as `#`, standfirst, date, body, then the publisher's notes. */
export function articleMarkdown(article: ArticleView, site: Site): string {
  const parts: string[] = [mdText(article.section.join(SEPARATOR)), heading(1, article.headline)];
  const lead = standfirst(article);
  if (lead) parts.push(mdText(lead));
  let dates = `Published ${longDate(article.datePublished)} (${article.datePublished})`;
  if (article.dateModified !== article.datePublished) dates += `, updated ${article.dateModified}`;
  if (article.authors.length) parts.push(`By ${article.authors.map((a) => (a.url ? link(a.name, a.url) : inline(a.name))).join(", ")}`);
  parts.push(mdText(dates), link("Canonical URL", article.canonicalUrl));
  for (const b of article.body) parts.push(block(b, site.origin));
  if (article.live) parts.push(...liveMarkdown(article, site));
  if (article.corrections.length) {
    parts.push("## Corrections", article.corrections.map((c) => `- ${inline(`${c.date}: ${c.text}`)}`).join("\n"));
  }
  if (article.tags.length) parts.push(mdText(`Tags: ${article.tags.join(", ")}`));
  parts.push("---", ...footer(site));
  const url = encodeURIComponent(article.canonicalUrl);
  const title = encodeURIComponent(article.headline);
  parts.push(
    `SHARE THIS ARTICLE: ${link("X", `https://x.com/intent/post?url=${url}&text=${title}`)} · ${link("Email", `mailto:?subject=${title}&body=${url}`)}`,
  );
  if (site.apps.length) parts.push(`Apps: ${site.apps.map((a) => (a.url ? link(a.name, a.url) : mdText(a.name))).join(", ")}`);
  return parts.join("\n\n") + "\n";
}

/** A listing: title, the articles as links with section and date, and the neighbouring pages. */
export function listMarkdown(list: ArticleList, site: Site, links: { prev?: string; next?: string }): string {
  const title = list.section.length ? list.section.join(" / ") : "Latest news";
  const parts = [heading(1, `${title} | ${site.name}`)];
  parts.push(mdText(`Page ${list.page} of ${list.pages}; ${list.total} ${list.total === 1 ? "article" : "articles"}, newest first.`));
  if (list.articles.length === 0) parts.push("No articles yet.");
  else parts.push(list.articles.map((a) => `- ${link(a.headline, a.url)}: ${inline(`${a.section.join(" / ")}, ${a.datePublished}`)}`).join("\n"));
  const pages = [links.prev && link("Newer articles", links.prev), links.next && link("Older articles", links.next)].filter(Boolean);
  if (pages.length) parts.push(pages.join(" · "));
  return parts.join("\n\n") + "\n";
}

/** An author's, a tag's or the corrections' listing: its title, then each article (on `/corrections`, with its latest correction). */
export function topicMarkdown(list: TopicList, site: Site, links: { prev?: string; next?: string }, title: string): string {
  const parts = [heading(1, `${title} | ${site.name}`)];
  parts.push(mdText(`Page ${list.page} of ${list.pages}; ${list.total} ${list.total === 1 ? "article" : "articles"}.`));
  const item = (a: TopicList["articles"][number]) =>
    `- ${link(a.headline, a.url)}: ${inline(a.correction ? `corrected ${a.correction.date}: ${a.correction.text}` : `${a.section.join(" / ")}, ${a.datePublished}`)}`;
  parts.push(list.articles.map(item).join("\n"));
  const pages = [links.prev && link("Newer articles", links.prev), links.next && link("Older articles", links.next)].filter(Boolean);
  if (pages.length) parts.push(pages.join(" · "));
  return parts.join("\n\n") + "\n";
}

/**
 * A rough token count for `x-markdown-tokens`: about four characters per token for English prose
 * with common tokenizers. An estimate for budgeting, not any one model's count.
 */
/** Search results as Markdown: the query, then each result's link, snippet and date. */
export function searchMarkdown(view: SearchView): string {
  const items = view.results.map((r) => `- ${link(r.headline, r.url)}: ${inline(`${r.snippet} (${r.datePublished})`)}`);
  return (
    [
      heading(1, `Search: ${view.query}`),
      mdText(`${view.total} ${view.total === 1 ? "article" : "articles"}, best match first.`),
      ...(items.length ? [items.join("\n")] : []),
    ].join("\n\n") + "\n"
  );
}

export function tokenEstimate(text: string): number {
  return Math.ceil(text.length / 4);
}
