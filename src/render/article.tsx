import { raw } from "hono/html";
import type { ArticleView, Site } from "../views.ts";
import { mediaIdOf } from "../content/blocks.ts";
import { cropsFor } from "../media/store.ts";
import { BlockView } from "./body.tsx";
import { longDate, standfirst } from "./format.ts";
import { Addresses, Layout } from "./layout.tsx";

const SEPARATOR = " \u00a0 / \u00a0 ";

/** JSON inside `<script>`: `<` escaped so no `</script>` or `<!--` can close or confuse the element. */
function jsonScript(value: unknown) {
  return raw(JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"));
}

/**
 * The lead image for cards and structured data: for an uploaded photo its 1280-wide rendition (or the
 * widest there is), with the height that width gives; else the figure's own `src` and size, if any.
 */
function imageFacts(article: ArticleView): { url: string; width?: number; height?: number; alt?: string } | undefined {
  const img = article.image;
  if (!img?.src) return undefined;
  const alt = img.alt;
  const r = img.renditions?.find((x) => x.width === 1280) ?? img.renditions?.at(-1);
  if (r && img.width && img.height) return { url: r.url, width: r.width, height: Math.round((img.height * r.width) / img.width), alt };
  return { url: img.src, ...(img.width && { width: img.width, height: img.height }), alt };
}

/** Google's recommended 16:9, 4:3 and 1:1 crops of an uploaded lead photo, those it is large enough for. */
function crops(article: ArticleView, site: Site) {
  const id = mediaIdOf(article.image?.src);
  const { width, height } = article.image ?? {};
  if (!id || !width || !height || !article.image?.renditions) return [];
  return cropsFor(width, height).map((c) => ({ "@type": "ImageObject", url: `${site.origin}/media/${id}/${c.width}x${c.height}`, width: c.width, height: c.height }));
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

/** `noindex`: a preview of an unpublished version (robots must not index it). */
export function ArticlePage({ article, site, noindex = false }: { article: ArticleView; site: Site; noindex?: boolean }) {
  const ld = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.description,
    datePublished: article.datePublished,
    dateModified: article.dateModified,
    url: article.canonicalUrl,
    mainEntityOfPage: article.canonicalUrl,
    articleSection: article.section,
    isAccessibleForFree: true,
    publisher: { "@type": "Organization", name: site.name, url: site.canonicalOrigin + "/", ...(site.logo && { logo: { "@type": "ImageObject", url: site.logo } }) },
    inLanguage: article.language,
    ...(article.authors.length && { author: article.authors.map((a) => ({ "@type": "Person", name: a.name, ...(a.url && { url: a.url }) })) }),
    ...(article.tags.length && { keywords: article.tags }),
  };
  const lead = standfirst(article);
  const leadFigure = article.body.find((b) => b.type === "figure");
  const image = imageFacts(article);
  if (image) (ld as Record<string, unknown>).image = [{ "@type": "ImageObject", url: image.url, ...(image.width && { width: image.width, height: image.height }) }, ...crops(article, site)];
  const meta = (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:title" content={article.headline} />
      <meta property="og:description" content={article.description} />
      <meta property="og:url" content={article.canonicalUrl} />
      <meta property="article:published_time" content={article.datePublished} />
      <meta property="article:modified_time" content={article.dateModified} />
      {article.section.map((s) => (
        <meta property="article:section" content={s} />
      ))}
      {image && <meta property="og:image" content={image.url} />}
      {image?.width && <meta property="og:image:width" content={String(image.width)} />}
      {image?.height && <meta property="og:image:height" content={String(image.height)} />}
      {image?.alt && <meta property="og:image:alt" content={image.alt} />}
      <meta name="twitter:card" content={image ? "summary_large_image" : "summary"} />
      <meta name="twitter:title" content={article.headline} />
      <meta name="twitter:description" content={article.description} />
      {image && <meta name="twitter:image" content={image.url} />}
      {image?.alt && <meta name="twitter:image:alt" content={image.alt} />}
      <script type="application/ld+json">{jsonScript(ld)}</script>
    </>
  );
  return (
    <Layout
      site={site}
      head={{
        title: `${article.headline} | ${site.name}`,
        description: article.description,
        canonical: article.canonicalUrl,
        jsonAlternate: article.url,
        robots: noindex ? "noindex" : undefined,
        meta,
        language: article.language,
      }}
    >
      <article>
        <nav aria-label="Breadcrumb">
          <ol>
            {article.section.map((name, i) => (
              <li>
                {i > 0 && <span aria-hidden="true">{SEPARATOR}</span>}
                {name}
              </li>
            ))}
          </ol>
        </nav>
        <h1>{article.headline}</h1>
        {lead && <p class="standfirst">{lead}</p>}
        <p class="meta">
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
          <time datetime={article.datePublished}>{longDate(article.datePublished)}</time>
        </p>
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
            Tags: {article.tags.join(", ")}
          </p>
        )}
        <Addresses site={site} />
        <Share article={article} />
      </article>
    </Layout>
  );
}
