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

/** An author's name, linked to their page when they have one. */
function Name({ author }: { author: ArticleView["authors"][number] }) {
  return author.url ? (
    <a href={author.url} rel="author noopener noreferrer">
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

/** After the text: each author with a monogram and, when they have one, a link to their page. */
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
              <b>{a.name}</b>
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
