/**
 * @module
 * What an article page says to machines: OpenGraph and Twitter cards for link previews, and
 * schema.org `NewsArticle` (a live story's `LiveBlogPosting`) JSON-LD with the lead image and its crops (the publisher's logo when there is
 * no photo), its dates as instants.
 */

import { raw } from "hono/html";
import type { ArticleView } from "../views/views.ts";
import type { Site } from "../site/config.ts";
import { mediaIdOf } from "../../shared/model/blocks.ts";
import { cropsFor, FOCUS_STEP } from "../media/photos.ts";
import { liveBlogFacts } from "./live-coverage.tsx";

/** JSON inside `<script>`: `<` escaped so no `</script>` or `<!--` can close or confuse the element. */
function jsonScript(value: unknown) {
  return raw(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
}

/**
 * The lead image for cards and structured data: for an uploaded photo its 1280-wide rendition (or the
 * widest there is), with the height that width gives; else the figure's own `src` and size, if any.
 */
function imageFacts(img: ArticleView["image"]): { url: string; width?: number; height?: number; alt?: string } | undefined {
  if (!img?.src) return undefined;
  const alt = img.alt;
  const r = img.renditions?.find((x) => x.width === 1280) ?? img.renditions?.at(-1);
  if (r && img.width && img.height) return { url: r.url, width: r.width, height: Math.round((img.height * r.width) / img.width), alt };
  return { url: img.src, ...(img.width && { width: img.width, height: img.height }), alt };
}

/**
 * The publisher's logo, for an article without a photo: `SITE_LOGO` (its size unknown), else the site's
 * own mark, /icon-512.png. Chosen over a generated card: it exists on every deployment, meets Google's
 * image rules (at least 50,000 pixels; 1:1 is one of its three ratios), and is the image JSON-LD already
 * names as `publisher.logo`; a card with the headline would need text drawn at the edge, with no fonts
 * there, and a card per site would say no more than the logo.
 */
function logoOf(site: Site, origin = site.canonicalOrigin): { url: string; width?: number; height?: number } {
  return site.logo ? { url: site.logo } : { url: `${origin}/icon-512.png`, width: 512, height: 512 };
}

/**
 * A date as an instant for machines: a date-only value (`2020-02-27`) is the start of that day in UTC,
 * the instant its feeds and sitemaps give it (docs/formats.md), so every machine-readable form of the
 * article agrees; schema.org and Google ask for a time and a zone. A date-time keeps its own offset.
 */
function instant(date: string): string {
  // `YYYY-MM-DD` is the only value of that length a date can have (the schema's).
  return date.length === 10 ? `${date}T00:00:00Z` : date;
}

/**
 * Google's recommended 16:9, 4:3 and 1:1 crops of an uploaded lead photo, those it is large enough for,
 * but a crop the size of the image already named (a 16:9 photo's 1280 rendition is the 16:9 crop).
 */
function crops(article: ArticleView, site: Site, named: { width?: number; height?: number }) {
  const id = mediaIdOf(article.image?.src);
  const { width, height, focus } = article.image ?? {};
  if (!id || !width || !height || !article.image?.renditions) return [];
  // Around the photo's focal point (v1.2), in the steps the crops are made in; the centre needs none.
  const at = focus && [focus.x, focus.y].map((f) => Math.round(f / FOCUS_STEP) * FOCUS_STEP);
  const around = at && at.join() !== "50,50" ? `-${at.join("-")}` : "";
  return cropsFor(width, height)
    .filter((c) => c.width !== named.width || c.height !== named.height)
    .map((c) => ({ "@type": "ImageObject", url: `${site.origin}/media/${id}/${c.width}x${c.height}${around}`, width: c.width, height: c.height }));
}

/** `og:locale` (`language_TERRITORY`): the article's language with its likeliest territory (`fa` → `fa_IR`). */
export function ogLocale(language: string): string {
  try {
    const locale = new Intl.Locale(language).maximize();
    return locale.region ? `${locale.language}_${locale.region}` : locale.language;
  } catch {
    return language; // not a tag Intl knows: as given
  }
}

/** An X (Twitter) handle as `twitter:site` takes it, `@name`; undefined for none or anything else. */
export function twitterHandle(value: string | undefined): string | undefined {
  return /^@\w{1,15}$/.test(value ?? "") ? value : undefined;
}

/**
 * The `<head>` content of an article page. `twitter` is the publisher's X handle (`SITE_TWITTER`),
 * named as `twitter:site` when configured.
 */
export function ArticleMeta({ article, site, twitter }: { article: ArticleView; site: Site; twitter?: string }) {
  const organization = { "@type": "Organization", name: site.name, url: site.canonicalOrigin + "/" };
  const handle = twitterHandle(twitter);
  const ld = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.description,
    datePublished: instant(article.datePublished),
    dateModified: instant(article.dateModified),
    url: article.canonicalUrl,
    mainEntityOfPage: article.canonicalUrl,
    articleSection: article.section,
    isAccessibleForFree: true,
    // The site's own mark, public/icon-512.png, when SITE_LOGO names no other.
    publisher: { ...organization, logo: { "@type": "ImageObject", ...logoOf(site) } },
    inLanguage: article.language,
    // Google requires an author: without a byline, the publisher is the author.
    author: article.authors.length ? article.authors.map((a) => ({ "@type": "Person", name: a.name, ...(a.url && { url: a.url }) })) : [organization],
    ...(article.tags.length && { keywords: article.tags }),
    // The corrections the page prints, as schema.org's CorrectionComment (issue 36).
    ...(article.corrections.length && {
      correction: article.corrections.map((c) => ({ "@type": "CorrectionComment", text: c.text, datePublished: instant(c.date) })),
    }),
    // A live story (issue 38) is a LiveBlogPosting: its coverage times and its updates as BlogPostings.
    ...liveBlogFacts(article, instant),
  };
  const lead = imageFacts(article.image);
  // Without a photo, the publisher's logo: cards and structured data always have an image.
  // On the host serving the page, as the photos' renditions and crops are (a mirror's reader may not reach the canonical one).
  const shown = lead ?? { ...logoOf(site, site.origin), alt: site.name };
  (ld as Record<string, unknown>).image = [
    { "@type": "ImageObject", url: shown.url, ...(shown.width && { width: shown.width, height: shown.height }) },
    ...(lead ? crops(article, site, lead) : []),
  ];
  // Cards: the editor's social image, title and description (v1.2) where given, else the lead (or logo), headline and standfirst.
  const image: { url: string; width?: number; height?: number; alt?: string } = article.socialImage ? { url: article.socialImage } : shown;
  const title = article.seoTitle ?? article.headline;
  const description = article.seoDescription ?? article.description;
  return (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:locale" content={ogLocale(article.language)} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={article.canonicalUrl} />
      <meta property="article:published_time" content={instant(article.datePublished)} />
      <meta property="article:modified_time" content={instant(article.dateModified)} />
      {article.section.map((s) => (
        <meta property="article:section" content={s} />
      ))}
      <meta property="og:image" content={image.url} />
      {image.width && <meta property="og:image:width" content={String(image.width)} />}
      {image.height && <meta property="og:image:height" content={String(image.height)} />}
      {image.alt && <meta property="og:image:alt" content={image.alt} />}
      <meta name="twitter:card" content={lead || article.socialImage ? "summary_large_image" : "summary"} />
      {handle && <meta name="twitter:site" content={handle} />}
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={image.url} />
      {image.alt && <meta name="twitter:image:alt" content={image.alt} />}
      <script type="application/ld+json">{jsonScript(ld)}</script>
    </>
  );
}
