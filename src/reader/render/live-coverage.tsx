/**
 * @module
 * A live story's part of its page (issue 38): the "Live" label by the headline (or "Coverage ended"),
 * the Key points box (pinned updates), and the updates newest first on a timeline, each an
 * `<article id="update-<n>">` with its time, its age, an optional title, its blocks through the article's
 * own block renderer, its authors and a link to its anchor. `UpdateItem` is also what
 * `GET …/updates` answers as HTML, so the page's script inserts the page's own markup.
 */

import type { ArticleView, UpdateView } from "../views/views.ts";
import { BlockView } from "./body.tsx";
import { clockTime, listTime } from "./format.ts";
import { listOf, plural, t } from "../i18n/messages.ts";
import type { LiveScript } from "./live-script.ts";

/** The most updates a page shows; the rest are in its JSON (the page stays within its 40 KiB budget). */
export const PAGE_UPDATES = 50;
/** The most updates its JSON-LD names, newest first: each repeats its text, so all 50 would double the page. */
export const LD_UPDATES = 10;

/** The label by the headline: a red dot and "Live" while coverage is open, "Coverage ended" once closed. */
export function LiveLabel({ article, lang }: { article: ArticleView; lang: string }) {
  if (!article.live) return null;
  return article.live.end ? (
    <p class="live-label ended">{t(lang, "liveEnded")}</p>
  ) : (
    <p class="live-label">
      <span class="live-dot" aria-hidden="true"></span>
      {t(lang, "live")}
    </p>
  );
}

/** The first words of an update, for a key point without a title and the JSON-LD's headline. */
export function updateHeadline(u: UpdateView, words = 12): string {
  if (u.title) return u.title;
  const first = u.body.find((b) => b.type === "paragraph" || b.type === "heading") as { text?: string } | undefined;
  const text = (first?.text ?? "").split(/\s+/).filter(Boolean);
  return text.length > words ? `${text.slice(0, words).join(" ")}…` : text.join(" ");
}

/** One update: its anchor, time and age, title, blocks, authors and a link to itself. `now` for its age. */
export function UpdateItem({ update, lang, now = Date.now() }: { update: UpdateView; lang: string; now?: number }) {
  const age = listTime(update.time, lang, now);
  return (
    <article class="update" id={`update-${update.n}`} data-seq={String(update.seq)}>
      <p class="meta update-time">
        <a href={`#update-${update.n}`} class="update-link" title={t(lang, "updateLink")}>
          <time datetime={update.time}>{clockTime(update.time, lang)}</time>
        </a>
        {age !== clockTime(update.time, lang) && <span class="age"> · {age}</span>}
      </p>
      {update.title && <h3>{update.title}</h3>}
      {update.body.map((block) => (
        <BlockView block={block} lead={false} ctx={{ origin: "", lang }} />
      ))}
      {update.authors && update.authors.length > 0 && (
        <p class="meta update-by">
          {t(lang, "by")}{" "}
          {listOf(
            lang,
            update.authors.map((a) => a.name),
          )}
        </p>
      )}
    </article>
  );
}

/** The Key points box: the pinned updates' titles (or first words) as links to them, while coverage is open. */
export function KeyPoints({ article, lang }: { article: ArticleView; lang: string }) {
  const pinned = article.live && !article.live.end ? (article.updates ?? []).filter((u) => u.pinned) : [];
  if (pinned.length === 0) return null;
  return (
    <section class="key-points" aria-labelledby="key-points">
      <h2 id="key-points">{t(lang, "keyPoints")}</h2>
      <ul>
        {pinned.map((u) => (
          <li>
            <a href={`#update-${u.n}`}>{updateHeadline(u, 24)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The updates newest first (at most `PAGE_UPDATES`, saying how many older ones the JSON has). */
export function LiveUpdates({ article, lang, script }: { article: ArticleView; lang: string; script?: LiveScript }) {
  if (!article.live) return null;
  const updates = article.updates ?? [];
  const shown = updates.slice(0, PAGE_UPDATES);
  const now = Date.now();
  const open = !article.live.end && script;
  return (
    <section
      class="live-updates"
      aria-labelledby="live-updates"
      data-cursor={String(article.cursor ?? 0)}
      data-id={article.id}
      data-new={open ? t(lang, "newUpdates", "{0}") : undefined}
    >
      <h2 id="live-updates" class="vh">
        {t(lang, "liveUpdates")}
      </h2>
      {open && (
        // The script's "N new updates" (public/assets/live.js), announced politely; hidden until there is news.
        <div class="live-news" aria-live="polite">
          <button type="button" class="new-updates" hidden></button>
        </div>
      )}
      <div class="updates">
        {shown.map((u) => (
          <UpdateItem update={u} lang={lang} now={now} />
        ))}
      </div>
      {updates.length > shown.length && (
        <p class="meta older-updates">
          <a href={`${new URL(article.url).origin}/api/v1/articles/${article.id}/updates`} type="application/json">
            {plural(lang, "olderUpdates", updates.length - shown.length)}
          </a>
        </p>
      )}
      {open && <script src={script.src} integrity={`sha256-${script.hash}`} defer></script>}
    </section>
  );
}

/** An update's text for machines (the JSON-LD's `articleBody`): its blocks' plain text, a photo by its caption. */
export function updateText(u: UpdateView): string {
  return u.body
    .map((b) => ("text" in b && typeof b.text === "string" ? b.text : "caption" in b && typeof b.caption === "string" ? b.caption : ""))
    .filter(Boolean)
    .join("\n\n");
}

/**
 * What makes a live story's JSON-LD a schema.org `LiveBlogPosting` (Google's live-blog rich result): its
 * coverage times and its newest updates (`LD_UPDATES`) as `BlogPosting`s (headline: the title or first words).
 */
export function liveBlogFacts(article: ArticleView, instant: (date: string) => string): Record<string, unknown> {
  if (!article.live) return {};
  return {
    "@type": "LiveBlogPosting",
    coverageStartTime: instant(article.live.start),
    ...(article.live.end && { coverageEndTime: instant(article.live.end) }),
    liveBlogUpdate: (article.updates ?? []).slice(0, LD_UPDATES).map((u) => ({
      "@type": "BlogPosting",
      headline: updateHeadline(u) || article.headline,
      datePublished: instant(u.time),
      dateModified: instant(u.modified ?? u.time),
      articleBody: updateText(u),
      url: u.url.replace(article.url, article.canonicalUrl),
      ...(u.authors?.length && { author: u.authors.map((a) => ({ "@type": "Person", name: a.name })) }),
    })),
  };
}
