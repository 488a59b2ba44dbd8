/**
 * @module
 * Who wrote an article and when, in the article's language: the byline with its dateline and "Updated"
 * time under the headline, and the author box after the text. Lines break where the language breaks
 * them; the one join is the "Updated" label's to the start of its time, so the label never ends a line
 * alone.
 */

import type { ArticleView } from "../views/views.ts";
import { readerDate, wasUpdated } from "./format.ts";
import { listParts, t } from "../i18n/messages.ts";
import { taxonomySlug } from "../../shared/model/taxonomy.ts";

/** An author's page on this site (`/author/<slug>`: every story they wrote), or undefined for a name without a slug. */
export function authorHref(name: string): string | undefined {
  const slug = taxonomySlug(name);
  return slug ? `/author/${encodeURIComponent(slug)}` : undefined;
}

/** An author's name, linked to their page here (their own page, `url`, is in the author box). */
function Name({ author }: { author: ArticleView["authors"][number] }) {
  const href = authorHref(author.name);
  return href ? (
    <a href={href} rel="author">
      {author.name}
    </a>
  ) : (
    <>{author.name}</>
  );
}

/** The byline and dateline in the article's language (`lang`): names as its lists join them, dates as its readers write them. */
export function Byline({ article, lang }: { article: ArticleView; lang: string }) {
  const names = article.authors.map((a) => <Name author={a} />);
  return (
    <p class="meta byline">
      {article.authors.length > 0 && (
        <>
          {t(lang, "by")}{" "}
          {listParts(
            lang,
            article.authors.map((a) => a.name),
          ).map((p) => (typeof p === "number" ? names[p] : p))}
          {" · "}
        </>
      )}
      <time datetime={article.datePublished}>{readerDate(article.datePublished, lang)}</time>
      {wasUpdated(article.datePublished, article.dateModified) && (
        <>
          {" · "}
          <span class="updated">
            {t(lang, "updated")}
            {"\u00a0"}
            <time datetime={article.dateModified}>{readerDate(article.dateModified, lang)}</time>
          </span>
        </>
      )}
    </p>
  );
}

/** The first letter of a name, as a monogram where there is no portrait (the model has none). */
const initial = (name: string) => [...name.trim()][0]?.toUpperCase() ?? "";

/** After the text: each author with a monogram, their name linked to their stories here and, when they have one, a link to their own page. */
export function AuthorBox({ article, lang }: { article: ArticleView; lang: string }) {
  if (article.authors.length === 0) return null;
  return (
    <section class="authors" aria-labelledby="about-authors">
      <h2 id="about-authors">{t(lang, article.authors.length === 1 ? "aboutAuthor" : "aboutAuthors")}</h2>
      <ul>
        {article.authors.map((a) => (
          <li>
            <span class="monogram" aria-hidden="true">
              {initial(a.name)}
            </span>
            <span class="who">
              <b>{authorHref(a.name) ? <a href={authorHref(a.name)}>{a.name}</a> : a.name}</b>
              {a.url && (
                <a href={a.url} rel="author noopener noreferrer">
                  {t(lang, "authorPage")}
                </a>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
