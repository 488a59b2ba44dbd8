/**
 * @module
 * JSON sources: the WordPress REST API (`/wp-json/wp/v2/posts` pages saved as files, with or without
 * `_embed`), IPTC ninjs 1.x–2.x items, and this service's own article JSON (a round trip from one
 * deployment to another: the id is kept when it is free).
 */

import { distinct, isoDate, modifiedAfter, type Parsed, type ParseOptions, plainText, sectionName, type SourceItem, wordpressDate } from "./items.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const rendered = (v: unknown): string => (isObject(v) ? str(v.rendered) : str(v));

/** The objects of a JSON file: one, a list, or `{ items | articles: [...] }`. */
function objects(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (isObject(value) && Array.isArray(value.items)) return value.items.filter(isObject);
  if (isObject(value) && Array.isArray(value.articles)) return value.articles.filter(isObject);
  return isObject(value) ? [value] : [];
}

export function jsonFormat(value: unknown): "wp-rest" | "ninjs" | "article-json" | undefined {
  const first = objects(value)[0];
  if (!first) return undefined;
  if (isObject(first.title) && isObject(first.content) && "date" in first) return "wp-rest";
  if ("uri" in first && ("headlines" in first || "headline" in first || "bodies" in first || "body_html" in first || "type" in first)) return "ninjs";
  if ("headline" in first && Array.isArray(first.body) && "datePublished" in first) return "article-json";
  return undefined;
}

export function parseJsonSource(value: unknown, options: ParseOptions): Parsed {
  const format = jsonFormat(value);
  const parsed: Parsed = { format: format ?? "json", title: "", items: [], sections: [], ignored: {} };
  for (const o of objects(value)) {
    if (format === "wp-rest") {
      const item = wpRest(o, options);
      if (item) parsed.items.push(item);
      else parsed.ignored[str(o.type) || "unknown"] = (parsed.ignored[str(o.type) || "unknown"] ?? 0) + 1;
    } else if (format === "ninjs") parsed.items.push(ninjs(o, options));
    else if (format === "article-json") parsed.items.push(ownArticle(o));
  }
  return parsed;
}

function wpRest(o: Json, options: ParseOptions): SourceItem | undefined {
  const type = str(o.type) || "post";
  if (type !== "post" && !(type === "page" && options.pages)) return undefined;
  const id = str(o.id);
  const link = str(o.link);
  const host = URL.canParse(link) ? new URL(link).host : "wordpress";
  const embedded = isObject(o._embedded) ? o._embedded : {};
  const terms = (Array.isArray(embedded["wp:term"]) ? embedded["wp:term"].flat() : []).filter(isObject);
  const cats = terms.filter((t) => t.taxonomy === "category");
  const section = cats.map((c) => sectionName(str(c.name), str(c.slug))).find(Boolean);
  const tags = distinct(
    terms.filter((t) => t.taxonomy === "post_tag").map((t) => plainText(str(t.name))),
    30,
    100,
  );
  const authors = distinct(
    (Array.isArray(embedded.author) ? embedded.author.filter(isObject) : []).map((a) => str(a.name)),
    20,
    200,
  );
  const published = wordpressDate(str(o.date), str(o.date_gmt));
  const modified = wordpressDate(str(o.modified), str(o.modified_gmt));
  const status = str(o.status) || "publish";
  const headline = plainText(rendered(o.title)).slice(0, 300).trim();
  const excerpt = plainText(rendered(o.excerpt)).slice(0, 500).trim();
  const slug = str(o.slug);
  const item: SourceItem = {
    source: `wp-rest:${host}:${type}:${id}`,
    label: `${type} ${id} ${JSON.stringify(headline)}`,
    article: {
      section: [section ?? (type === "page" ? "Pages" : options.section)],
      headline,
      ...(excerpt && { description: excerpt }),
      ...(published && { published }),
      ...modifiedAfter(published, modified),
      ...(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(slug) && slug.length <= 100 && { slug }),
      ...(authors.length && { authors: authors.map((name) => ({ name })) }),
      ...(tags.length && { tags }),
      ...(status !== "publish" && status !== "future" && { status: "draft" }),
    },
    html: rendered(o.content),
    base: link || undefined,
    oldPaths: [link, `/?${type === "page" ? "page_id" : "p"}=${id}`].filter(Boolean),
  };
  if (!published) item.refused = `date ${JSON.stringify(str(o.date))} is not a date`;
  return item;
}

/** ninjs: `headlines`/`bodies`/`descriptions` (2.x) or `headline`/`body_html`/`body_text`/`description_text` (1.x). */
function ninjs(o: Json, options: ParseOptions): SourceItem {
  const pick = (list: unknown, single: unknown, role = "main") => {
    const all = Array.isArray(list) ? list.filter(isObject) : [];
    return str((all.find((h) => h.role === role) ?? all[0])?.value) || str(single);
  };
  const bodies = Array.isArray(o.bodies) ? o.bodies.filter(isObject) : [];
  const htmlBody = bodies.find((b) => /html/.test(str(b.contenttype)) || /html/.test(str(b.role)));
  const textBody = bodies.find((b) => !/html/.test(str(b.contenttype)));
  const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const html = str(htmlBody?.value) || str(o.body_html) || escape(str(textBody?.value) || str(o.body_text));
  const headline = plainText(pick(o.headlines, o.headline)).slice(0, 300).trim();
  const description = plainText(pick(o.descriptions, o.description_text, "summary"))
    .slice(0, 500)
    .trim();
  const published = isoDate(o.firstcreated) ?? isoDate(o.versioncreated);
  const by =
    str(o.by) ||
    (Array.isArray(o.by)
      ? o.by
          .filter(isObject)
          .map((b) => str(b.name))
          .join(", ")
      : "");
  const subjects = (Array.isArray(o.subjects) ? o.subjects : Array.isArray(o.subject) ? o.subject : []).filter(isObject);
  const tags = distinct(
    subjects.map((s) => str(s.name)),
    30,
    100,
  );
  const language = str(o.language);
  const type = str(o.type) || "text";
  const uri = str(o.uri) || str(o.guid);
  const item: SourceItem = {
    source: `ninjs:${uri}`,
    label: `${type} ${uri} ${JSON.stringify(headline)}`,
    article: {
      section: [options.section],
      headline,
      ...(description && { description }),
      ...(published && { published }),
      ...modifiedAfter(published, isoDate(o.versioncreated)),
      ...(by && { authors: [{ name: by.slice(0, 200) }] }),
      ...(tags.length && { tags }),
      ...(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(language) && { language }),
      ...(str(o.pubstatus) && str(o.pubstatus) !== "usable" && { status: "draft" }),
    },
    html,
    oldPaths: [],
  };
  if (type !== "text" && !html.trim()) item.refused = `a ninjs ${type} item has no text body to make an article of`;
  else if (!published) item.refused = "the item has no firstcreated or versioncreated date";
  return item;
}

/** This service's article JSON (`GET /api/v1/articles/<id>` or an article page as JSON). */
function ownArticle(o: Json): SourceItem {
  const url = str(o.canonicalUrl) || str(o.url);
  const slug = url.split("/").at(-1) ?? "";
  const article: Json = {
    section: o.section,
    headline: o.headline,
    description: o.description,
    published: o.datePublished,
    modified: o.dateModified,
    body: o.body,
    ...(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(slug) && { slug }),
  };
  for (const key of ["authors", "tags", "corrections"]) if (Array.isArray(o[key]) && (o[key] as unknown[]).length) article[key] = o[key];
  if (typeof o.language === "string") article.language = o.language;
  return {
    source: `article:${url || str(o.id)}`,
    label: `article ${str(o.id)} ${JSON.stringify(str(o.headline))}`,
    article,
    id: str(o.id) || undefined,
    oldPaths: [],
  };
}
