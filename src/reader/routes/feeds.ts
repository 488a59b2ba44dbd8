/**
 * @module
 * Feeds and files for machines: RSS and Atom for the site and each section, the sitemap index and
 * its sitemaps, the Google News sitemap, robots.txt and llms.txt. On a mirror, links stay on the mirror
 * (a sitemap may only list URLs of its own host); feed ids stay the same everywhere.
 */

import { LISTING_CACHE } from "../../shared/freshness/policy.ts";
import { resourceKey } from "../../shared/freshness/resources.ts";
import type { IndexEntry } from "../../shared/model/documents.ts";
import { sectionSlug } from "../../shared/model/index-tree.ts";
import {
  atomFeed,
  FEED_CONTENT_TYPES,
  type FeedEntry,
  llmsTxt,
  MAX_FEED_ITEMS,
  newsSitemapXml,
  robotsTxt,
  rssFeed,
  sitemapIndexXml,
  sitemapLastmod,
  sitemapXml,
} from "../feeds/formats.ts";
import { positiveInt } from "../http/pagination.ts";
import { readListing } from "../read/listing.ts";
import { canonicalScope } from "../read/store.ts";
import { bodyHtml } from "../render/body.tsx";
import { entryFrom } from "../views/represent.ts";
import { articleView } from "../views/views.ts";
import { error, toCanonicalPath } from "./answers.ts";
import { serve } from "./cached.ts";
import { agentHeaders, type Ctx, dataHeaders } from "./context.ts";
import { sectionScope } from "./pages.ts";
import { get, type Route } from "./route.ts";

/** Articles per sitemap file; each is a handful of index page reads. */
export const SITEMAP_SIZE = 1000;
/**
 * Sitemaps whose `lastmod` the index states: each is read whole to find the newest `lastmod` inside it
 * (a correction of an old article changes it), about 11 KV reads a file. The older files of a large
 * archive change rarely and are named without one, which the protocol allows.
 */
export const SITEMAP_LASTMODS = 10;

type Format = keyof typeof FEED_CONTENT_TYPES;

function xmlResource(c: Ctx, format: Format, key: string, path: string, make: () => Promise<string | null>, renewable = true) {
  return serve(c, {
    key,
    variant: format,
    ...(!renewable && { renewable }),
    build: async () => {
      const text = await make();
      if (text === null) return null;
      const headers = format === "llms" ? agentHeaders(c.env, LISTING_CACHE) : dataHeaders(LISTING_CACHE);
      const canonical = c.var.site.canonicalOrigin + path;
      return entryFrom(text, FEED_CONTENT_TYPES[format], format, { path, headers, canonical });
    },
  });
}

/**
 * The index entries with each article's description, full body HTML and lead image: one article
 * read per entry (through this isolate's article cache), in parallel, when the feed is built — at
 * most once per feed per 10 s in an isolate and 30 s at a location, by the cache layers. An article
 * gone since the index was read keeps its headline only.
 */
async function fullEntries(c: Ctx, entries: IndexEntry[]): Promise<FeedEntry[]> {
  return Promise.all(
    entries.map(async (e) => {
      const a = await c.var.services.reads.article(c.env.NEWS, e.id);
      if (!a) return e;
      const view = articleView(a, c.var.site);
      const lead = view.image;
      // An uploaded photo as its 1280 rendition (or the widest), with the size it has.
      const r = lead?.renditions?.find((x) => x.width === 1280) ?? lead?.renditions?.at(-1);
      const size =
        r && lead?.width && lead.height
          ? { width: r.width, height: Math.round((lead.height * r.width) / lead.width) }
          : lead?.width
            ? { width: lead.width, height: lead.height! }
            : {};
      return {
        ...e,
        // The site's language is the feed's: only another one is stated per entry.
        language: a.language,
        description: a.description,
        ...(a.authors && { authors: a.authors }),
        contentHtml: await bodyHtml(view.body, c.var.site.origin),
        ...(lead?.src && { image: { src: r?.url ?? lead.src, ...size, ...(lead.alt && { alt: lead.alt }) } }),
      };
    }),
  );
}

/** A feed of a listing that is not a section's (an author's, a tag's, the corrections'): its page's path, and its title and description from its entries. */
export interface FeedOf {
  base: string;
  describe: (entries: IndexEntry[]) => { title: string; description: string };
}

/** The feed of the site (`all`), a section, or with `of` another listing (routes/topics.ts). */
export function feed(c: Ctx, format: "rss" | "atom", scope: string, of?: FeedOf): Promise<Response> {
  const { site } = c.var;
  const base = of?.base ?? (scope === "all" ? "" : `/${scope}`);
  const path = `${base}/${format}.xml`;
  return xmlResource(c, format, resourceKey({ type: "feed", scope }), path, async () => {
    const { entries, total } = await readListing(c.env.NEWS, scope, 0, MAX_FEED_ITEMS);
    // The corrections' feed is there while it is empty too, as the page is.
    if (total === 0 && scope !== "all" && !of?.base.startsWith("/corrections")) return null;
    const section = scope === "all" || of ? "" : entries[0].section.slice(0, scope.split("/").length).join(" / ");
    const own = of?.describe(entries);
    const ctx = {
      siteName: site.name,
      canonicalOrigin: site.canonicalOrigin,
      linkOrigin: site.origin,
      selfUrl: site.origin + path,
      hub: c.env.WEBSUB_HUB || undefined,
      title: own ? `${own.title} | ${site.name}` : section ? `${section} | ${site.name}` : site.name,
      description: own?.description ?? (section ? `Latest news in ${section} from ${site.name}` : `Latest news from ${site.name}`),
      htmlPath: base || "/",
      language: site.language,
      now: Date.now(),
    };
    const full = await fullEntries(c, entries);
    return format === "rss" ? rssFeed(ctx, full) : atomFeed(ctx, full);
  });
}

export const feedRoutes: Route[] = [
  get("/robots.txt", (c) =>
    xmlResource(c, "robots", resourceKey({ type: "robots" }), "/robots.txt", async () => robotsTxt(c.var.site.origin, ["/sitemap.xml", "/news-sitemap.xml"])),
  ),

  get("/llms.txt", (c) =>
    xmlResource(c, "llms", resourceKey({ type: "llms" }), "/llms.txt", async () => {
      const { entries } = await readListing(c.env.NEWS, "all", 0, MAX_FEED_ITEMS);
      return llmsTxt({ siteName: c.var.site.name, origin: c.var.site.origin }, entries, (names) => "/" + names.map(sectionSlug).join("/"));
    }),
  ),

  get("/sitemap.xml", (c) =>
    xmlResource(c, "sitemap", resourceKey({ type: "sitemap-index" }), "/sitemap.xml", async () => {
      const { total } = await readListing(c.env.NEWS, "all", 0, 1);
      const count = Math.max(1, Math.ceil(total / SITEMAP_SIZE));
      const lastmods = await Promise.all(
        Array.from({ length: Math.min(count, SITEMAP_LASTMODS) }, async (_, i) =>
          sitemapLastmod((await readListing(c.env.NEWS, "all", i * SITEMAP_SIZE, SITEMAP_SIZE)).entries),
        ),
      );
      const sitemaps = Array.from({ length: count }, (_, i) => ({ path: `/sitemaps/${i + 1}.xml`, lastmod: lastmods[i] }));
      return sitemapIndexXml(c.var.site.origin, sitemaps);
    }),
  ),

  get("/sitemaps/:file", (c) => {
    const n = positiveInt(/^(\d+)\.xml$/.exec(c.req.param("file"))?.[1], 0, 1000);
    if (!n) return error(c, 404);
    return xmlResource(c, "sitemap", resourceKey({ type: "sitemap", n }), `/sitemaps/${n}.xml`, async () => {
      const { entries, total } = await readListing(c.env.NEWS, "all", (n - 1) * SITEMAP_SIZE, SITEMAP_SIZE);
      if (n > 1 && (n - 1) * SITEMAP_SIZE >= total) return null;
      return sitemapXml({ canonicalOrigin: c.var.site.origin }, entries);
    });
  }),

  get("/news-sitemap.xml", (c) =>
    xmlResource(
      c,
      "sitemap",
      resourceKey({ type: "news-sitemap" }),
      "/news-sitemap.xml",
      async () => {
        const { entries } = await readListing(c.env.NEWS, "all", 0, 1000);
        const { site } = c.var;
        return newsSitemapXml({ canonicalOrigin: site.origin, siteName: site.name, language: site.language, now: Date.now() }, entries);
        // It changes with the clock (articles of the last 48 hours), not only with KV: never renewed.
      },
      false,
    ),
  ),

  get("/rss.xml", (c) => feed(c, "rss", "all")),
  get("/atom.xml", (c) => feed(c, "atom", "all")),
  get("*", async (c, next) => {
    const m = /^(\/.+)\/(rss|atom)\.xml$/.exec(c.req.path);
    const scope = m && sectionScope(m[1]);
    if (!m || !scope) return next();
    const res = await feed(c, m[2] as "rss" | "atom", scope);
    if (res.status !== 404) return res;
    // Sections match in any case, their feeds too: `/news/rss.xml` → `/News/rss.xml`, as `/news` → `/News`.
    const canonical = canonicalScope(await c.var.services.reads.nav(c.env.NEWS), scope);
    return canonical ? toCanonicalPath(c, `/${canonical}/${m[2]}.xml`) : res;
  }),
];
