/**
 * @module
 * The article page: breadcrumb, headline, standfirst, byline and dateline (with "Updated" after a
 * correction), the body, corrections, tags, the author box, and what leads on: more from the article's
 * section and the latest in a rail (or one column when there is nothing to show: no empty column),
 * the alternate addresses, sharing (share.tsx). An article in another language than the site's is marked up as
 * such on its own element (`lang`, `dir`), so a right-to-left article sits in unchanged chrome.
 */

import type { ArticleView } from "../views/views.ts";
import type { Site } from "../site/config.ts";
import { direction } from "../../shared/model/blocks.ts";
import { ArticleMeta } from "./article-head.tsx";
import { AuthorBox, Byline } from "./article-byline.tsx";
import { BlockView } from "./body.tsx";
import { type Story, StoryList } from "./cards.tsx";
import { AddressLinks, Breadcrumb, type Nav } from "./chrome.tsx";
import { longDate, standfirst } from "./format.ts";
import { hasCatalog, listParts, t } from "../i18n/messages.ts";
import { Share } from "./share.tsx";
import { KeyPoints, LiveLabel, LiveUpdates } from "./live-coverage.tsx";
import type { LiveScript } from "./live-script.ts";
import type { Child } from "hono/jsx";
import { Layout } from "./layout.tsx";
import { taxonomySlug } from "../../shared/model/taxonomy.ts";

/** "More in <section>": the newest stories of the article's section (or the nearest one that has others). */
export interface MoreIn {
  name: string;
  path: string;
  stories: Story[];
}

/** What the page shows beyond the article (the JSON view is the article alone). */
export interface ArticleExtras {
  nav: Nav;
  /** Stories that share the article's tags, newest first. */
  related?: Story[];
  more?: MoreIn;
  /** The site's newest stories but this one and those of "More in", for the rail. */
  latest?: Story[];
}

/** A catalog text with a value in it as markup: `More in {0}` around a link. */
function around(lang: string, key: "moreIn", value: Child) {
  const [before, after = ""] = t(lang, key).split("{0}");
  return (
    <>
      {before}
      {value}
      {after}
    </>
  );
}

/** The tags as links to each one's page (`/tag/<slug>`; a search for a tag without a slug), joined by the language's list separator. */
function Tags({ article, site, lang }: { article: ArticleView; site: Site; lang: string }) {
  const separator = listParts(lang, ["a", "b", "c"])[1];
  return (
    <p class="tags meta">
      {t(lang, "tags")}{" "}
      {article.tags.map((tag, i) => (
        <>
          {i > 0 && separator}
          <a href={tagHref(site, tag)} rel="tag">
            {tag}
          </a>
        </>
      ))}
    </p>
  );
}

function tagHref(site: Site, tag: string): string {
  const slug = taxonomySlug(tag);
  return slug ? `${site.origin}/tag/${encodeURIComponent(slug)}` : `${site.origin}/search?q=${encodeURIComponent(tag)}`;
}

/** Whether the rail has anything to show: else the article is one column, with no empty one beside it. */
const hasRail = (related: Story[], more: MoreIn | undefined, latest: Story[]) => related.length > 0 || (more?.stories.length ?? 0) > 0 || latest.length > 0;

/** The rail: related stories (by tags), "More in" the article's section and the site's Latest; beside the article from 64rem, after it on a phone. */
function Rail({ site, related, more, latest }: { site: Site; related: Story[]; more?: MoreIn; latest: Story[] }) {
  const lang = site.language;
  return (
    <div class="rail">
      {related.length > 0 && (
        <section class="more-in" aria-labelledby="related">
          <h2 id="related">{t(lang, "related")}</h2>
          <StoryList stories={related} lang={lang} names={site.sectionNames} />
        </section>
      )}
      {more && more.stories.length > 0 && (
        <section class="more-in" aria-labelledby="more-in">
          <h2 id="more-in">{around(lang, "moreIn", <a href={`${site.origin}/${more.path}`}>{more.name}</a>)}</h2>
          <StoryList stories={more.stories} lang={lang} names={site.sectionNames} />
        </section>
      )}
      {latest.length > 0 && (
        <section class="more-in" aria-labelledby="rail-latest">
          <h2 id="rail-latest">{t(lang, "latest")}</h2>
          <StoryList stories={latest} pictures="none" lang={lang} names={site.sectionNames} />
        </section>
      )}
    </div>
  );
}

/** `noindex`: a preview of an unpublished version (robots must not index it); `twitter`: the publisher's X handle; `script`: an open live story's. */
export function ArticlePage({
  article,
  site,
  extras,
  noindex = false,
  twitter,
  script,
}: {
  article: ArticleView;
  site: Site;
  extras?: ArticleExtras;
  noindex?: boolean;
  twitter?: string;
  /** An open live story's script (render/live-script.ts), which its CSP allows. */
  script?: LiveScript;
}) {
  const lead = standfirst(article);
  const leadFigure = article.body.find((b) => b.type === "figure");
  const foreign = article.language !== site.language;
  // The article's own block speaks its language when there is a catalog for it, else the site's.
  const lang = foreign && hasCatalog(article.language) ? article.language : site.language;
  const ctx = { origin: "", lang };
  const latest = extras?.latest ?? [];
  const related = extras?.related ?? [];
  const rail = hasRail(related, extras?.more, latest);
  return (
    <Layout
      site={site}
      nav={extras?.nav}
      wide
      head={{
        title: `${article.seoTitle ?? article.headline} | ${site.name}`,
        description: article.seoDescription ?? article.description,
        canonical: article.canonicalUrl,
        jsonAlternate: article.url,
        robots: noindex ? "noindex" : undefined,
        meta: <ArticleMeta article={article} site={site} twitter={twitter} />,
      }}
    >
      <div class={rail ? "page-grid" : "page-grid solo"}>
        <div class="main-col">
          <Breadcrumb site={site} names={article.section} />
          <article class="story" lang={foreign ? article.language : undefined} dir={foreign ? direction(article.language) : undefined}>
            <LiveLabel article={article} lang={lang} />
            <h1>{article.headline}</h1>
            {lead && <p class="standfirst">{lead}</p>}
            <Byline article={article} lang={lang} />
            <KeyPoints article={article} lang={lang} />
            {article.body.map((block) => (
              <BlockView block={block} lead={block === leadFigure} ctx={ctx} />
            ))}
            <LiveUpdates article={article} lang={lang} script={script} />
            {article.corrections.length > 0 && (
              <section class="corrections" aria-labelledby="corrections">
                <h2 id="corrections">{t(lang, "corrections")}</h2>
                <ul>
                  {article.corrections.map((c) => (
                    <li>
                      <time datetime={c.date}>{longDate(c.date, lang)}</time>: {c.text}
                    </li>
                  ))}
                </ul>
                <p class="meta">
                  <a href={`${site.origin}/corrections`}>{t(site.language, "allCorrections")}</a>
                </p>
              </section>
            )}
            {article.tags.length > 0 && <Tags article={article} site={site} lang={lang} />}
            <AuthorBox article={article} lang={lang} />
          </article>
          {site.addresses.length > 0 && (
            <aside class="addresses" aria-label={t(site.language, "addresses")}>
              <p>{t(site.language, "alternate", site.name)}</p>
              <AddressLinks site={site} />
            </aside>
          )}
          <Share article={article} lang={site.language} />
        </div>
        {rail && <Rail site={site} related={related} more={extras?.more} latest={latest} />}
      </div>
    </Layout>
  );
}
