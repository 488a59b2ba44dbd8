/**
 * @module
 * A WordPress export (WXR 1.0–1.2, Tools → Export): posts (and pages, with `--pages`) as articles.
 * Categories become sections through the category hierarchy (`wp:category_parent`), tags stay tags,
 * `dc:creator` becomes the author's display name, `wp:post_date` with `wp:post_date_gmt` gives the
 * date with the site's offset then, drafts (and pending and private posts) stay drafts and scheduled
 * posts (`future`) stay scheduled. Old paths: the permalink, `/?p=<post_id>` (`/?page_id=` for a
 * page), and for each category `/category/<parents>/<slug>/` and `/?cat=<term_id>`.
 */

import { attr, list, parseXml, raw, text } from "./xml-read.ts";
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

export function parseWxr(xml: string, options: ParseOptions): Parsed {
  const channel = ((parseXml(xml).rss as Record<string, unknown>)?.channel ?? {}) as Record<string, unknown>;
  const site = text(channel["wp:base_blog_url"]) || text(channel.link) || text(channel["wp:base_site_url"]);
  const host = URL.canParse(site) ? new URL(site).host + new URL(site).pathname.replace(/\/$/, "") : site;
  const title = text(channel.title) || host;
  const authors = new Map<string, string>();
  for (const a of list(channel["wp:author"])) authors.set(text(a["wp:author_login"]), text(a["wp:author_display_name"]) || text(a["wp:author_login"]));
  const categories = new Map<string, Category>();
  for (const c of list(channel["wp:category"])) {
    const slug = text(c["wp:category_nicename"]);
    categories.set(slug, { slug, name: text(c["wp:cat_name"]), parent: text(c["wp:category_parent"]), id: text(c["wp:term_id"]) });
  }
  // Root first; a loop in the parents (a broken export) stops where it repeats.
  const chain = (slug: string): Category[] => {
    const out: Category[] = [];
    for (let c = categories.get(slug); c && !out.includes(c); c = categories.get(c.parent)) out.unshift(c);
    return out;
  };
  const sectionOf = (slug: string) =>
    chain(slug)
      .map((c) => sectionName(c.name, c.slug))
      .filter(Boolean)
      .slice(0, 4);
  const parsed: Parsed = { format: "wxr", title, items: [], sections: [], ignored: {} };
  const ignore = (kind: string) => (parsed.ignored[kind] = (parsed.ignored[kind] ?? 0) + 1);
  const used = new Set<string>();
  for (const item of list(channel.item)) {
    const type = text(item["wp:post_type"]) || "post";
    const status = text(item["wp:status"]) || "publish";
    if (type !== "post" && !(type === "page" && options.pages)) {
      ignore(type === "page" ? "page (import with --pages)" : type);
      continue;
    }
    if (status === "trash" || status === "auto-draft" || status === "inherit") {
      ignore(`${type} (${status})`);
      continue;
    }
    const id = text(item["wp:post_id"]);
    const headline = plainText(text(item.title)).slice(0, 300).trim();
    const cats = list(item.category).filter((c) => attr(c, "domain") === "category");
    const slugs = cats.map((c) => attr(c, "nicename")).filter((s) => categories.has(s) || s);
    for (const c of cats)
      if (!categories.has(attr(c, "nicename"))) categories.set(attr(c, "nicename"), { slug: attr(c, "nicename"), name: text(c), parent: "", id: "" });
    // The first category that gives a section (WordPress's own "Uncategorized" last).
    const ordered = [...slugs.filter((s) => s !== "uncategorized"), ...slugs.filter((s) => s === "uncategorized")];
    const section = ordered.map(sectionOf).find((s) => s.length) ?? (type === "page" ? ["Pages"] : [options.section]);
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
      ...(creator && { authors: [{ name: (authors.get(creator) || creator).slice(0, 200) }] }),
      ...(tags.length && { tags }),
      ...(draft && { status: "draft" }),
    };
    const oldPaths = [link, `/?${type === "page" ? "page_id" : "p"}=${id}`].filter(Boolean);
    const entry: SourceItem = {
      source: `wxr:${host}:${type}:${id}`,
      label: `${type} ${id} ${JSON.stringify(headline)}`,
      article,
      html: raw(item["content:encoded"]),
      base: link || site,
      oldPaths,
    };
    if (!published) entry.refused = `wp:post_date ${JSON.stringify(text(item["wp:post_date"]))} is not a date`;
    parsed.items.push(entry);
  }
  for (const slug of used) {
    const cats = chain(slug);
    const section = sectionOf(slug);
    if (!section.length || !cats.length) continue;
    const path = `/category/${cats.map((c) => c.slug).join("/")}/`;
    const last = cats[cats.length - 1];
    parsed.sections.push({ section, oldPaths: [path, ...(last.id ? [`/?cat=${last.id}`] : [])] });
  }
  return parsed;
}
