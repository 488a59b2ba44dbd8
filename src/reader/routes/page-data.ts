/**
 * @module
 * What the HTML pages show beyond their own resource: the section menu, the front and section
 * pages' blocks per subsection, an article's "More in <section>". All of it comes from the sections
 * document and the first pages of listings, through the isolate's memory (cache/memo.ts): the
 * reads the section pages make anyway. JSON and Markdown never need them.
 */

import type { IndexEntry, NavDocument } from "../../shared/model/documents.ts";
import { type BannerDocument, liveBanner } from "../../shared/model/banner.ts";
import { scopesOf } from "../../shared/model/index-tree.ts";
import { tagScope } from "../../shared/model/taxonomy.ts";
import type { Article } from "../../shared/model/schema.ts";
import type { ArticleExtras, MoreIn } from "../render/article.tsx";
import type { Story } from "../render/cards.tsx";
import { type Nav, navSections } from "../render/chrome.tsx";
import type { ListExtras, ListLinks, SectionBlock } from "../render/front.tsx";
import { pageLinks, withPage } from "../http/pagination.ts";
import { namedTree, shownName, type SectionNames } from "../site/section-names.ts";
import { bySectionOrder, type SectionOrder } from "../site/section-order.ts";
import { articleLanguage } from "../i18n/script-language.ts";
import type { TopicExtras } from "../render/topic-page.tsx";
import { richSummary } from "../views/views.ts";
import { expiresAt } from "../read/kv.ts";
import type { Site } from "../site/config.ts";
import type { Ctx } from "./context.ts";

/** Stories per subsection block, and per "More in" (with the HTML budget of 40 KiB in mind). */
const BLOCK_STORIES = 3;
/** Subsection blocks on a page at most (each is one listing head; the page's HTML budget is 40 KiB). */
const MAX_BLOCKS = 6;
/** The lead is the newest story with a picture among this many newest (an editor's `featured` story first). */
const LEAD_WINDOW = 4;
/** Stories under the lead, in the lead's column (two by two from 40rem), level with the Latest rail beside it. */
const UNDER = 4;
/** Stories in the "Latest" rail beside the lead. */
const LATEST = 6;

/** The site as a page links its stories: root-relative URLs (the origin "" is this host, whichever it is). */
function relative(site: Site): Site {
  return { ...site, origin: "" };
}

/** A list entry as a page shows it, with the editor's `featured` flag. */
function storyOf(e: IndexEntry, site: Site): Story {
  const story: Story = richSummary(e, site);
  if (e.featured) story.featured = true;
  if (e.authorNames) story.authors = e.authorNames;
  // Declared, or told by its letters as an article's page tells it: an English card in the Persian edition reads left to right, in the Latin face.
  const language = e.language ?? articleLanguage({ headline: e.headline, description: e.description ?? "", body: [] }, site.language);
  if (language !== site.language) story.language = language;
  return story;
}

/** An author's, a tag's or the corrections' page: the menu and the stories with standfirst and picture. */
export async function topicExtras(c: Ctx, entries: IndexEntry[]): Promise<TopicExtras> {
  const doc = await c.var.services.reads.nav(c.env.NEWS);
  const rel = relative(c.var.site);
  return { nav: navOf(doc, "", c.var.site.order, c.var.site.sectionNames, await bannerOf(c)), stories: entries.map((e) => storyOf(e, rel)) };
}

/** The menu, with `current` marked, its sections in the site's order and the edition's language: from the document in memory or KV; the banner with it. */
export function navOf(doc: NavDocument | null, current: string, order?: SectionOrder, names?: SectionNames, banner?: BannerDocument | null): Nav {
  return { sections: namedTree(navSections(doc, order), names), current, ...(banner && { banner }) };
}

/**
 * The breaking-news banner a page shows (issue 38): `v1:banner` through the isolate's memory, while its
 * expiry has not passed (whatever KV or a memo still holds). A failed read takes what the isolate knows:
 * the banner is the page's furniture, not the page.
 */
export async function bannerOf(c: Ctx): Promise<BannerDocument | null> {
  const { reads } = c.var.services;
  const banner = liveBanner(await reads.banner(c.env.NEWS).catch(() => reads.knownBanner()), Date.now());
  // A copy of the page is not served past the banner's expiry, whether or not the Newsroom's removal has arrived.
  if (banner) expiresAt(Date.parse(banner.expires));
  return banner;
}

/** The direct subsections of a scope ("all": the top-level sections), with their names, in the site's order. */
function childrenOf(doc: NavDocument | null, scope: string, order?: SectionOrder, names?: SectionNames): { path: string; name: string }[] {
  const depth = scope === "all" ? 1 : scope.split("/").length + 1;
  const prefix = scope === "all" ? "" : scope + "/";
  const children = (doc?.sections ?? []).filter((s) => s.names.length === depth && s.path.startsWith(prefix));
  return bySectionOrder(
    children.map((s) => ({ path: s.path, name: s.names[depth - 1] })),
    order ?? new Map(),
  ).map((s) => ({ ...s, name: shownName(names, s.path, s.name) }));
}

/**
 * The lead of a first page: the newest `featured` story, else the newest with a picture among the
 * newest few, else the newest.
 */
export function leadOf(stories: readonly Story[]): Story {
  return stories.find((s) => s.featured) ?? stories.slice(0, LEAD_WINDOW).find((s) => s.image?.src) ?? stories[0];
}

/** A block's stories with the first one that has a picture on top (it is shown large), the others in their order. */
function pictureFirst(stories: Story[]): Story[] {
  const i = stories.findIndex((s) => s.image?.src);
  return i <= 0 ? stories : [stories[i], ...stories.slice(0, i), ...stories.slice(i + 1)];
}

/**
 * What a front or section page shows, each story once: the lead, the stories under it, the Latest
 * rail, a block per subsection (its newest stories not shown above) and More news (the rest of the
 * page's). Later pages are the list alone.
 */
export async function listExtras(c: Ctx, scope: string, entries: IndexEntry[], page: number): Promise<ListExtras> {
  const { reads } = c.var.services;
  const doc = await reads.nav(c.env.NEWS);
  const site = c.var.site;
  const rel = relative(site);
  const stories = entries.map((e) => storyOf(e, rel));
  const nav = navOf(doc, scope === "all" ? "" : scope, site.order, site.sectionNames, await bannerOf(c));
  if (page !== 1 || stories.length === 0) return { stories, blocks: [], nav };
  const lead = leadOf(stories);
  const shown = new Set([lead.id]);
  const take = (from: readonly Story[], n: number) => {
    const out = from.filter((s) => !shown.has(s.id)).slice(0, n);
    for (const s of out) shown.add(s.id);
    return out;
  };
  const under = take(stories, UNDER);
  const latest = take(stories, LATEST);
  const children = childrenOf(doc, scope, site.order, site.sectionNames).slice(0, MAX_BLOCKS);
  const heads = await Promise.all(children.map((child) => reads.head(c.env.NEWS, child.path)));
  const blocks: SectionBlock[] = children
    .map((child, i) => ({
      ...child,
      stories: pictureFirst(
        take(
          heads[i].entries.map((e) => storyOf(e, rel)),
          BLOCK_STORIES,
        ),
      ),
    }))
    .filter((b) => b.stories.length > 0);
  return { stories, lead, under, latest, blocks, more: take(stories, stories.length), nav };
}

/** The article's section and, when it has no other story, the nearest parent that has; `seen`: stories the rail shows already. */
async function moreIn(c: Ctx, article: Article, scopes: string[], seen: Set<string>): Promise<MoreIn | undefined> {
  const rel = relative(c.var.site);
  for (let depth = scopes.length; depth >= 1; depth--) {
    const { entries } = await c.var.services.reads.head(c.env.NEWS, scopes[depth - 1]);
    const others = entries.filter((e) => e.id !== article.id && !seen.has(e.id)).slice(0, BLOCK_STORIES);
    if (others.length > 0)
      return {
        name: shownName(c.var.site.sectionNames, scopes[depth - 1], article.section[depth - 1]),
        path: scopes[depth - 1],
        stories: others.map((e) => storyOf(e, rel)),
      };
  }
  return undefined;
}

/** Stories in an article page's "Latest" rail: the site's newest, but the article and its "More in". */
const ARTICLE_LATEST = 5;
/** Related stories at most, and the tags they are looked for under (each a listing head). */
const RELATED = 3;
const RELATED_TAGS = 3;

/** Stories that share the article's tags, the newest of its first tags first: one listing head per tag. */
async function related(c: Ctx, article: Article): Promise<IndexEntry[]> {
  const scopes = [...new Set((article.tags ?? []).map(tagScope).filter((s): s is string => s !== undefined))].slice(0, RELATED_TAGS);
  const heads = await Promise.all(scopes.map((scope) => c.var.services.reads.head(c.env.NEWS, scope)));
  const out = new Map<string, IndexEntry>();
  for (const { entries } of heads) for (const e of entries.filter((e) => e.id !== article.id).slice(0, RELATED)) if (!out.has(e.id)) out.set(e.id, e);
  return [...out.values()].sort((a, b) => Date.parse(b.published) - Date.parse(a.published)).slice(0, RELATED);
}

/**
 * The menu and the rail of an article page: related stories by its tags, "More in" its section and
 * the site's "Latest", each story once (so the rail is never empty while the site has another story).
 * They are the page's furniture, not the article: when KV cannot give them, the article is served
 * with the menu this isolate knows and without the rail.
 */
export async function articleExtras(c: Ctx, article: Article): Promise<ArticleExtras> {
  const scopes = scopesOf(article.section).slice(1);
  const { reads } = c.var.services;
  const rel = relative(c.var.site);
  const [doc, banner, tagged, all] = await Promise.all([
    reads.nav(c.env.NEWS).catch(() => reads.knownNav()),
    bannerOf(c),
    related(c, article).catch(() => []),
    reads.head(c.env.NEWS, "all").catch(() => undefined),
  ]);
  const seen = new Set([article.id, ...tagged.map((e) => e.id)]);
  const more = await moreIn(c, article, scopes, seen).catch(() => undefined);
  for (const s of more?.stories ?? []) seen.add(s.id);
  const latest = (all?.entries ?? [])
    .filter((e) => !seen.has(e.id))
    .slice(0, ARTICLE_LATEST)
    .map((e) => storyOf(e, rel));
  return {
    nav: navOf(doc, scopes[scopes.length - 1] ?? "", c.var.site.order, c.var.site.sectionNames, banner),
    related: tagged.map((e) => storyOf(e, rel)),
    more,
    latest,
  };
}

/**
 * A listing's links: this page on the canonical origin and as JSON on this host, its neighbours, its
 * feeds (under `feeds`: "" for the site's), and the `Link` header naming its neighbours.
 */
export function listingLinks(site: Site, path: string, feeds: string, page: number, pages: number): { links: ListLinks; link: string | undefined } {
  const href = (n: number) => site.origin + withPage(path, {}, n);
  return {
    link: pageLinks(page, pages, href),
    links: {
      canonical: site.canonicalOrigin + withPage(path, {}, page),
      self: href(page),
      prev: page > 1 ? href(page - 1) : undefined,
      next: page < pages ? href(page + 1) : undefined,
      rss: `${site.origin}${feeds}/rss.xml`,
      atom: `${site.origin}${feeds}/atom.xml`,
    },
  };
}
