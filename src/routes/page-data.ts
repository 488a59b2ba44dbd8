/**
 * @module
 * What the HTML pages show beyond their own resource: the section menu, the front and section
 * pages' blocks per subsection, an article's "More in <section>". All of it comes from the sections
 * document and the first pages of listings, through the isolate's memory (cache/memo.ts): the
 * reads the section pages make anyway. JSON and Markdown never need them.
 */

import type { NavDocument } from "../model/documents.ts";
import { scopesOf } from "../model/index-tree.ts";
import type { Article } from "../model/schema.ts";
import type { IndexEntry } from "../model/documents.ts";
import type { MoreIn, ArticleExtras } from "../render/article.tsx";
import type { Story } from "../render/cards.tsx";
import { type Nav, navSections } from "../render/chrome.tsx";
import type { ListExtras, SectionBlock } from "../render/front.tsx";
import { richSummary, type Site } from "../views.ts";
import type { Ctx } from "./context.ts";

/** Stories per subsection block, and per "More in" (with the HTML budget of 30 KiB in mind). */
const BLOCK_STORIES = 3;
/** Subsection blocks on a page at most (each is one listing head; the page's HTML budget is 30 KiB). */
const MAX_BLOCKS = 6;

/** The site as a page links its stories: root-relative URLs (the origin "" is this host, whichever it is). */
function relative(site: Site): Site {
  return { ...site, origin: "" };
}

/** The menu, with `current` marked: from the document in memory or KV. */
export function navOf(doc: NavDocument | null, current: string): Nav {
  return { sections: navSections(doc), current };
}

/** The direct subsections of a scope ("all": the top-level sections), with their names. */
function childrenOf(doc: NavDocument | null, scope: string): { path: string; name: string }[] {
  const depth = scope === "all" ? 1 : scope.split("/").length + 1;
  const prefix = scope === "all" ? "" : scope + "/";
  return (doc?.sections ?? []).filter((s) => s.names.length === depth && s.path.startsWith(prefix)).map((s) => ({ path: s.path, name: s.names[depth - 1] }));
}

export async function listExtras(c: Ctx, scope: string, entries: IndexEntry[], page: number): Promise<ListExtras> {
  const { reads } = c.var.services;
  const doc = await reads.nav(c.env.NEWS);
  const rel = relative(c.var.site);
  const stories: Story[] = entries.map((e) => richSummary(e, rel));
  let blocks: SectionBlock[] = [];
  if (page === 1 && stories.length > 0) {
    const lead = stories[0].id;
    const children = childrenOf(doc, scope).slice(0, MAX_BLOCKS);
    const heads = await Promise.all(children.map((child) => reads.head(c.env.NEWS, child.path)));
    blocks = children.map((child, i) => ({
      ...child,
      stories: heads[i].entries
        .filter((e) => e.id !== lead)
        .slice(0, BLOCK_STORIES)
        .map((e) => richSummary(e, rel)),
    }));
    blocks = blocks.filter((b) => b.stories.length > 0);
  }
  return { stories, blocks, nav: navOf(doc, scope === "all" ? "" : scope) };
}

/** The article's section and, when it has no other story, the nearest parent that has. */
async function moreIn(c: Ctx, article: Article, scopes: string[]): Promise<MoreIn | undefined> {
  const rel = relative(c.var.site);
  for (let depth = scopes.length; depth >= 1; depth--) {
    const { entries } = await c.var.services.reads.head(c.env.NEWS, scopes[depth - 1]);
    const others = entries.filter((e) => e.id !== article.id).slice(0, BLOCK_STORIES);
    if (others.length > 0) return { name: article.section[depth - 1], path: scopes[depth - 1], stories: others.map((e) => richSummary(e, rel)) };
  }
  return undefined;
}

/**
 * The menu and "More in" of an article page. They are the page's furniture, not the article: when
 * KV cannot give them, the article is served with the menu this isolate knows and without "More in".
 */
export async function articleExtras(c: Ctx, article: Article): Promise<ArticleExtras> {
  const scopes = scopesOf(article.section).slice(1);
  const { reads } = c.var.services;
  const [doc, more] = await Promise.all([reads.nav(c.env.NEWS).catch(() => reads.knownNav()), moreIn(c, article, scopes).catch(() => undefined)]);
  return { nav: navOf(doc, scopes[scopes.length - 1] ?? ""), more };
}
