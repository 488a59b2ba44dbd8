/**
 * @module
 * The article page: breadcrumb, headline, standfirst, byline and dateline (with "Updated" after a
 * correction), the body, corrections, tags, and what leads on: more from the article's section,
 * the alternate addresses, sharing. An article in another language than the site's is marked up as
 * such on its own element (`lang`, `dir`), so a right-to-left article sits in unchanged chrome.
 */

import type { ArticleView, Site } from "../views.ts";
import { direction } from "../model/blocks.ts";
import { ArticleMeta } from "./article-head.tsx";
import { BlockView } from "./body.tsx";
import { type Story, StoryList } from "./cards.tsx";
import { AddressLinks, Breadcrumb, type Nav } from "./chrome.tsx";
import { longDate, readerDate, standfirst, wasUpdated } from "./format.ts";
import { Layout } from "./layout.tsx";

/** "More in <section>": the newest stories of the article's section (or the nearest one that has others). */
export interface MoreIn {
  name: string;
  path: string;
  stories: Story[];
}

/** What the page shows beyond the article (the JSON view is the article alone). */
export interface ArticleExtras {
  nav: Nav;
  more?: MoreIn;
}

function Share({ article }: { article: ArticleView }) {
  const url = encodeURIComponent(article.canonicalUrl);
  const text = encodeURIComponent(article.headline);
  const links: [string, string][] = [
    ["X", `https://x.com/intent/post?url=${url}&text=${text}`],
    ["Facebook", `https://www.facebook.com/sharer/sharer.php?u=${url}`],
    ["Telegram", `https://t.me/share/url?url=${url}&text=${text}`],
    ["WhatsApp", `https://wa.me/?text=${text}%20${url}`],
    ["Email", `mailto:?subject=${text}&body=${url}`],
  ];
  return (
    <section class="share" aria-labelledby="share">
      <h2 id="share">SHARE THIS ARTICLE</h2>
      <ul>
        {links.map(([name, href]) => (
          <li>
            <a href={href} rel="noopener noreferrer">
              {name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Byline({ article }: { article: ArticleView }) {
  return (
    <p class="meta byline">
      {article.authors.length > 0 && (
        <>
          By{" "}
          {article.authors.map((a, i) => (
            <>
              {i > 0 && (i === article.authors.length - 1 ? " and " : ", ")}
              {a.url ? (
                <a href={a.url} rel="author noopener noreferrer">
                  {a.name}
                </a>
              ) : (
                a.name
              )}
            </>
          ))}
          {" · "}
        </>
      )}
      <time datetime={article.datePublished}>{readerDate(article.datePublished)}</time>
      {wasUpdated(article.datePublished, article.dateModified) && (
        <>
          <br />
          Updated <time datetime={article.dateModified}>{readerDate(article.dateModified)}</time>
        </>
      )}
    </p>
  );
}

/** `noindex`: a preview of an unpublished version (robots must not index it); `twitter`: the publisher's X handle. */
export function ArticlePage({
  article,
  site,
  extras,
  noindex = false,
  twitter,
}: {
  article: ArticleView;
  site: Site;
  extras?: ArticleExtras;
  noindex?: boolean;
  twitter?: string;
}) {
  const lead = standfirst(article);
  const leadFigure = article.body.find((b) => b.type === "figure");
  const foreign = article.language !== site.language;
  const more = extras?.more;
  return (
    <Layout
      site={site}
      nav={extras?.nav}
      head={{
        title: `${article.headline} | ${site.name}`,
        description: article.description,
        canonical: article.canonicalUrl,
        jsonAlternate: article.url,
        robots: noindex ? "noindex" : undefined,
        meta: <ArticleMeta article={article} site={site} twitter={twitter} />,
      }}
    >
      <Breadcrumb site={site} names={article.section} />
      <article lang={foreign ? article.language : undefined} dir={foreign ? direction(article.language) : undefined}>
        <h1>{article.headline}</h1>
        {lead && <p class="standfirst">{lead}</p>}
        <Byline article={article} />
        {article.body.map((block) => (
          <BlockView block={block} lead={block === leadFigure} />
        ))}
        {article.corrections.length > 0 && (
          <section class="corrections" aria-labelledby="corrections">
            <h2 id="corrections">Corrections</h2>
            <ul>
              {article.corrections.map((c) => (
                <li>
                  <time datetime={c.date}>{longDate(c.date)}</time>: {c.text}
                </li>
              ))}
            </ul>
          </section>
        )}
        {article.tags.length > 0 && (
          <p class="tags meta">
            Tags:{" "}
            {article.tags.map((t, i) => (
              <>
                {i > 0 && ", "}
                <a href={`${site.origin}/search?q=${encodeURIComponent(t)}`} rel="tag">
                  {t}
                </a>
              </>
            ))}
          </p>
        )}
      </article>
      {more && more.stories.length > 0 && (
        <section class="more-in" aria-labelledby="more-in">
          <h2 id="more-in">
            More in <a href={`${site.origin}/${more.path}`}>{more.name}</a>
          </h2>
          <StoryList stories={more.stories} />
        </section>
      )}
      {site.addresses.length > 0 && (
        <aside class="addresses" aria-label="Alternate addresses">
          <p>{site.name}’s website can also be accessed at the following alternate addresses:</p>
          <AddressLinks site={site} />
        </aside>
      )}
      <Share article={article} />
    </Layout>
  );
}
