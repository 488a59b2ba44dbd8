/**
 * @module
 * A WordPress export (WXR 1.0–1.2, Tools → Export): posts (and pages, with `--pages`) as articles.
 * Categories become sections through the category hierarchy (`wp:category_parent`), tags stay tags,
 * `dc:creator` becomes the author's display name, `wp:post_date` with `wp:post_date_gmt` gives the
 * date with the site's offset then, drafts (and pending and private posts) stay drafts and scheduled
 * posts (`future`) stay scheduled. Old paths: the permalink, `/?p=<post_id>` (`/?page_id=` for a
 * page), and for each category `/category/<parents>/<slug>/` and `/?cat=<term_id>`. Read whole
 * (`parseWxr`) or as it streams, one item at a time (`wxrHeader`, then `wxrParts`).
 */

import { attr, list, parseXml, raw, text } from "./xml-read.ts";
import type { Piece } from "./xml-stream.ts";
import { distinct, modifiedAfter, type Parsed, type ParseOptions, plainText, sectionName, type SourceItem, wordpressDate } from "./items.ts";

interface Category {
  name: string;
  slug: string;
  parent: string;
  id: string;
}

const DRAFT = new Set(["draft", "pending", "private", "future-draft"]);
const SLUG = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

export function isWxr(root: Record<string, unknown>): boolean {
  const channel = (root.rss as Record<string, unknown> | undefined)?.channel as Record<string, unknown> | undefined;
  return !!channel && ("wp:wxr_version" in channel || "wp:base_site_url" in channel);
}

/** What a WXR's channel says before its items: the site, its authors and its category tree. */
export interface WxrChannel {
  site: string;
  host: string;
  title: string;
  authors: Map<string, string>;
  categories: Map<string, Category>;
}

export function wxrChannel(channel: Record<string, unknown>): WxrChannel {
  const site = text(channel["wp:base_blog_url"]) || text(channel.link) || text(channel["wp:base_site_url"]);
  const host = URL.canParse(site) ? new URL(site).host + new URL(site).pathname.replace(/\/$/, "") : site;
  const authors = new Map<string, string>();
  for (const a of list(channel["wp:author"])) authors.set(text(a["wp:author_login"]), text(a["wp:author_display_name"]) || text(a["wp:author_login"]));
  const categories = new Map<string, Category>();
  for (const c of list(channel["wp:category"])) {
    const slug = text(c["wp:category_nicename"]);
    categories.set(slug, { slug, name: text(c["wp:cat_name"]), parent: text(c["wp:category_parent"]), id: text(c["wp:term_id"]) });
  }
  return { site, host, title: text(channel.title) || host, authors, categories };
}

// Root first; a loop in the parents (a broken export) stops where it repeats.
function chain(ch: WxrChannel, slug: string): Category[] {
  const out: Category[] = [];
  for (let c = ch.categories.get(slug); c && !out.includes(c); c = ch.categories.get(c.parent)) out.unshift(c);
  return out;
}

const sectionOf = (ch: WxrChannel, slug: string) =>
  chain(ch, slug)
    .map((c) => sectionName(c.name, c.slug))
    .filter(Boolean)
    .slice(0, 4);

/**
 * One `<item>` as an article to import, or undefined when it is none (`ignore` counts it by kind).
 * The categories it uses go into `used`, for `wxrSections` once every item is read.
 */
export function wxrItem(
  ch: WxrChannel,
  item: Record<string, unknown>,
  options: ParseOptions,
  used: Set<string>,
  ignore: (kind: string) => void,
): SourceItem | undefined {
  const type = text(item["wp:post_type"]) || "post";
  const status = text(item["wp:status"]) || "publish";
  if (type !== "post" && !(type === "page" && options.pages)) {
    ignore(type === "page" ? "page (import with --pages)" : type);
    return undefined;
  }
  if (status === "trash" || status === "auto-draft" || status === "inherit") {
    ignore(`${type} (${status})`);
    return undefined;
  }
  const id = text(item["wp:post_id"]);
  const headline = plainText(text(item.title)).slice(0, 300).trim();
  const cats = list(item.category).filter((c) => attr(c, "domain") === "category");
  const slugs = cats.map((c) => attr(c, "nicename")).filter((s) => ch.categories.has(s) || s);
  for (const c of cats)
    if (!ch.categories.has(attr(c, "nicename"))) ch.categories.set(attr(c, "nicename"), { slug: attr(c, "nicename"), name: text(c), parent: "", id: "" });
  // The first category that gives a section (WordPress's own "Uncategorized" last).
  const ordered = [...slugs.filter((s) => s !== "uncategorized"), ...slugs.filter((s) => s === "uncategorized")];
  const section = ordered.map((s) => sectionOf(ch, s)).find((s) => s.length) ?? (type === "page" ? ["Pages"] : [options.section]);
  for (const slug of slugs) used.add(slug);
  const tags = distinct(
    list(item.category)
      .filter((c) => attr(c, "domain") === "post_tag")
      .map((c) => text(c)),
    30,
    100,
  );
  const published = wordpressDate(text(item["wp:post_date"]), text(item["wp:post_date_gmt"]));
  const modified = wordpressDate(text(item["wp:post_modified"]), text(item["wp:post_modified_gmt"]));
  const creator = text(item["dc:creator"]);
  const slug = decodeURIComponent(text(item["wp:post_name"]).replace(/%(?![0-9a-f]{2})/gi, "%25"));
  const excerpt = plainText(raw(item["excerpt:encoded"])).slice(0, 500).trim();
  const draft = DRAFT.has(status) || text(item["wp:post_password"]) !== "";
  const link = text(item.link);
  const article: Record<string, unknown> = {
    section,
    headline,
    ...(excerpt && { description: excerpt }),
    ...(published && { published }),
    ...modifiedAfter(published, modified),
    ...(SLUG.test(slug) && slug.length <= 100 && { slug }),
    ...(creator && { authors: [{ name: (ch.authors.get(creator) || creator).slice(0, 200) }] }),
    ...(tags.length && { tags }),
    ...(draft && { status: "draft" }),
  };
  const oldPaths = [link, `/?${type === "page" ? "page_id" : "p"}=${id}`].filter(Boolean);
  const entry: SourceItem = {
    source: `wxr:${ch.host}:${type}:${id}`,
    label: `${type} ${id} ${JSON.stringify(headline)}`,
    article,
    html: raw(item["content:encoded"]),
    base: link || ch.site,
    oldPaths,
  };
  if (!published) entry.refused = `wp:post_date ${JSON.stringify(text(item["wp:post_date"]))} is not a date`;
  return entry;
}

/** The sections of the categories the items used, each with its old paths (`/category/<parents>/<slug>/`, `/?cat=<id>`). */
export function wxrSections(ch: WxrChannel, used: Set<string>): Parsed["sections"] {
  const sections: Parsed["sections"] = [];
  for (const slug of used) {
    const cats = chain(ch, slug);
    const section = sectionOf(ch, slug);
    if (!section.length || !cats.length) continue;
    const path = `/category/${cats.map((c) => c.slug).join("/")}/`;
    const last = cats[cats.length - 1];
    sections.push({ section, oldPaths: [path, ...(last.id ? [`/?cat=${last.id}`] : [])] });
  }
  return sections;
}

/** A whole WXR held in memory (tests, small exports); `npm run import` reads one as it streams (import-files.ts). */
export function parseWxr(xml: string, options: ParseOptions): Parsed {
  const channel = ((parseXml(xml).rss as Record<string, unknown>)?.channel ?? {}) as Record<string, unknown>;
  const ch = wxrChannel(channel);
  const parsed: Parsed = { format: "wxr", title: ch.title, items: [], sections: [], ignored: {} };
  const ignore = (kind: string) => (parsed.ignored[kind] = (parsed.ignored[kind] ?? 0) + 1);
  const used = new Set<string>();
  for (const item of list(channel.item)) {
    const entry = wxrItem(ch, item, options, used, ignore);
    if (entry) parsed.items.push(entry);
  }
  parsed.sections = wxrSections(ch, used);
  return parsed;
}

/** The closing tags a WXR's header (the text before its first item) lacks, to parse it alone. */
const HEADER_END = "</channel></rss>";

/** The channel of a WXR's header, or undefined when the header is not a WordPress export's. */
export function wxrHeader(header: string): WxrChannel | undefined {
  let root: Record<string, unknown>;
  try {
    root = parseXml(header.replace(/^\uFEFF/, "").trimStart() + HEADER_END);
  } catch {
    return undefined;
  }
  return isWxr(root) ? wxrChannel((root.rss as Record<string, unknown>).channel as Record<string, unknown>) : undefined;
}

/**
 * A WXR read as it streams (xml-stream.ts), after its header: its items parsed one at a time and given
 * in parts of at most `size`, the sections with the last part. An item over the stream's limit is
 * refused with its size, named by its title when its first characters hold one.
 */
export async function* wxrParts(ch: WxrChannel, pieces: AsyncIterable<Piece>, options: ParseOptions, size = 100): AsyncGenerator<Parsed> {
  const used = new Set<string>();
  let part: Parsed = { format: "wxr", title: ch.title, items: [], sections: [], ignored: {} };
  const ignore = (kind: string) => (part.ignored[kind] = (part.ignored[kind] ?? 0) + 1);
  let n = 0;
  for await (const piece of pieces) {
    if (piece.kind === "header") continue;
    n++;
    if (piece.kind === "oversized") {
      const title = /<title>\s*(?:<!\[CDATA\[)?([^<\]]{0,200})/.exec(piece.head)?.[1]?.trim() ?? "";
      const mb = (piece.length / 1024 / 1024).toFixed(1);
      part.items.push({
        source: `wxr:${ch.host}:item-${n}`,
        label: `item ${n}${title ? ` ${JSON.stringify(title)}` : ""}`,
        article: {},
        oldPaths: [],
        refused: `the item is ${mb} MB of XML, over what one item may be (an article is at most 256 KiB)`,
      });
    } else {
      const node = list((parseXml(piece.text) as Record<string, unknown>).item)[0] ?? {};
      const entry = wxrItem(ch, node, options, used, ignore);
      if (entry) part.items.push(entry);
    }
    if (part.items.length >= size) {
      yield part;
      part = { format: "wxr", title: ch.title, items: [], sections: [], ignored: {} };
    }
  }
  part.sections = wxrSections(ch, used);
  yield part;
}
