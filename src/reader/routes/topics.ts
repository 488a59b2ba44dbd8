/**
 * @module
 * Bylines, tags and corrections as pages: `/author/<slug>`, `/tag/<slug>` and `/corrections`, each
 * HTML, JSON or Markdown by `Accept` and paginated like a section's page, each with its RSS and Atom
 * feed (`…/rss.xml`, `…/atom.xml`). Each is a listing of its own (`@author/<slug>`, `@tag/<slug>`,
 * `@corrections`: src/shared/model/taxonomy.ts), kept by the Newsroom with the others and cached and
 * purged like them (`listing` and `feed` resources over the scope's root). A slug in another spelling
 * (`/author/Jane-Doe`) is redirected to its own; an author or tag with no story is a 404 that says
 * where to look instead.
 */

import { LISTING_CACHE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import type { IndexEntry } from "../../shared/model/documents.ts";
import { AUTHOR_SCOPE, CORRECTIONS_SCOPE, TAG_SCOPE } from "../../shared/model/index-tree.ts";
import { taxonomySlug } from "../../shared/model/taxonomy.ts";
import { MAX_PAGE, PER_PAGE, pageCount, positiveInt } from "../http/pagination.ts";
import { t } from "../i18n/messages.ts";
import { readListing } from "../read/listing.ts";
import { topicMarkdown } from "../render/markdown.ts";
import { TopicPage, topicTitle } from "../render/topic-page.tsx";
import { negotiatedEntry } from "../views/represent.ts";
import { type Topic, topicList } from "../views/views.ts";
import { error, toCanonicalPath } from "./answers.ts";
import { serve } from "./cached.ts";
import { kindSpec, negotiated, type Ctx } from "./context.ts";
import { feed } from "./feeds.ts";
import { listingLinks, topicExtras } from "./page-data.ts";
import { get, type Route } from "./route.ts";

type Kind = "author" | "tag";

const SCOPE = { author: AUTHOR_SCOPE, tag: TAG_SCOPE } as const;

/** What a 404 says to do instead. */
const UNKNOWN: Record<Kind, string> = {
  author: "No story on this site is by an author of that name. Check the spelling in the address, or search the site for the name.",
  tag: "No story on this site has that tag. Check the spelling in the address, or search the site for the word.",
};

/** The name as the newest story writes it (its slug is the page's), else the slug. */
function nameOf(kind: Kind, slug: string, entries: IndexEntry[]): string {
  const names = kind === "author" ? entries[0]?.authorNames : entries[0]?.tags;
  return names?.find((n) => taxonomySlug(n) === slug) ?? slug;
}

/** The slug as the address has it, or a redirect to its own spelling, or a 404. */
function slugOr(c: Ctx, kind: Kind, suffix = ""): { slug: string } | Promise<Response> | Response {
  let asked: string;
  try {
    // The segment as sent, decoded once (the router's own decoding is not relied on).
    asked = decodeURIComponent(c.var.url.pathname.split("/")[2] ?? "");
  } catch {
    return error(c, 404, {}, {}, UNKNOWN[kind]);
  }
  const slug = taxonomySlug(asked);
  if (!slug || asked.length > 200) return error(c, 404, {}, {}, UNKNOWN[kind]);
  if (slug !== asked) return toCanonicalPath(c, `/${kind}/${encodeURIComponent(slug)}${suffix}`);
  return { slug };
}

async function topicPage(c: Ctx, scope: string, path: string, topicOf: (entries: IndexEntry[]) => Topic, unknown: string): Promise<Response> {
  const page = positiveInt(c.req.query("page"), 1, MAX_PAGE);
  if (page === undefined) return error(c, 400, {}, {}, "`page` must be a whole number from 1 to 10000.");
  const kind = negotiated(c);
  if (!kind) return error(c, 406);
  const site = c.var.site;
  const res = await serve(c, {
    key: resourceKey({ type: "listing", scope, page }),
    variant: kind,
    build: async () => {
      const { entries, total } = await readListing(c.env.NEWS, scope, (page - 1) * PER_PAGE, PER_PAGE);
      const pages = pageCount(total, PER_PAGE);
      const corrections = scope === CORRECTIONS_SCOPE;
      if ((total === 0 && !corrections) || page > pages) return null;
      // The corrections page by its stories' latest corrections, the latest first (within a page: the listing is by publication).
      if (corrections) entries.sort((a, b) => Date.parse(b.correction?.date ?? "") - Date.parse(a.correction?.date ?? "") || 0);
      const list = topicList(entries, site, topicOf(entries), { total, page, perPage: PER_PAGE, pages });
      const { links, link } = listingLinks(site, path, path, page, pages);
      const { headers, css } = await kindSpec(c, kind, LISTING_CACHE);
      if (link) headers.Link = link;
      const extras = kind === "html" ? await topicExtras(c, entries) : undefined;
      const render = {
        page: (l: typeof list) => TopicPage({ list: l, site, links, extras: extras! }),
        markdown: (l: typeof list) => topicMarkdown(l, site, links, topicTitle(l, site).title),
      };
      return negotiatedEntry(kind, list, render, { path, headers, css, canonical: links.canonical });
    },
  });
  return res.status === 404 && unknown ? error(c, 404, {}, {}, unknown) : res;
}

function taxonomyPage(c: Ctx, kind: Kind): Promise<Response> | Response {
  const found = slugOr(c, kind);
  if (!("slug" in found)) return found;
  const { slug } = found;
  const path = `/${kind}/${encodeURIComponent(slug)}`;
  return topicPage(c, SCOPE[kind] + slug, path, (entries) => ({ kind, name: nameOf(kind, slug, entries), slug }), UNKNOWN[kind]);
}

function taxonomyFeed(c: Ctx, kind: Kind, format: "rss" | "atom"): Promise<Response> | Response {
  const found = slugOr(c, kind, `/${format}.xml`);
  if (!("slug" in found)) return found;
  const { slug } = found;
  const lang = c.var.site.language;
  return feed(c, format, SCOPE[kind] + slug, {
    base: `/${kind}/${encodeURIComponent(slug)}`,
    describe: (entries) => {
      const name = nameOf(kind, slug, entries);
      return { title: name, description: t(lang, kind === "author" ? "authorDesc" : "tagDesc", name, c.var.site.name) };
    },
  });
}

const correctionsTopic = (c: Ctx): Topic => ({ kind: "corrections", name: t(c.var.site.language, "corrections"), slug: "" });

export const topicRoutes: Route[] = [
  get("/author/:slug", (c) => taxonomyPage(c, "author")),
  get("/author/:slug/rss.xml", (c) => taxonomyFeed(c, "author", "rss")),
  get("/author/:slug/atom.xml", (c) => taxonomyFeed(c, "author", "atom")),
  get("/tag/:slug", (c) => taxonomyPage(c, "tag")),
  get("/tag/:slug/rss.xml", (c) => taxonomyFeed(c, "tag", "rss")),
  get("/tag/:slug/atom.xml", (c) => taxonomyFeed(c, "tag", "atom")),
  get("/corrections", (c) => topicPage(c, CORRECTIONS_SCOPE, "/corrections", () => correctionsTopic(c), "")),
  get("/corrections/rss.xml", (c) =>
    feed(c, "rss", CORRECTIONS_SCOPE, {
      base: "/corrections",
      describe: () => ({ title: correctionsTopic(c).name, description: t(c.var.site.language, "correctionsDesc", c.var.site.name) }),
    }),
  ),
  get("/corrections/atom.xml", (c) =>
    feed(c, "atom", CORRECTIONS_SCOPE, {
      base: "/corrections",
      describe: () => ({ title: correctionsTopic(c).name, description: t(c.var.site.language, "correctionsDesc", c.var.site.name) }),
    }),
  ),
];
