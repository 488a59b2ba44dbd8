/**
 * @module
 * "Share this article": a link per network with its mark drawn inline (SVG, `currentColor`, so it follows
 * the light and dark schemes) — nothing fetched from elsewhere, no script; each link opens the network's
 * own share page. The marks are simplified to a few hundred bytes in all: the page budget is 32 KiB.
 */

import type { ArticleView } from "../views/views.ts";
import { t } from "../i18n/messages.ts";

/** 24 × 24 marks, filled. */
const ICONS = {
  x: "M17.8 3h3.1l-6.8 7.7 8 10.3h-6.2l-4.9-6.3L5.4 21H2.3l7.2-8.3L1.8 3h6.4l4.4 5.8zm-1.1 16.2h1.7L7.4 4.7H5.6z",
  facebook: "M13.5 22v-8.2h2.8l.4-3.2h-3.2v-2c0-.9.3-1.6 1.6-1.6h1.7V4.1a23 23 0 0 0-2.5-.1c-2.5 0-4.2 1.5-4.2 4.3v2.3H7.3v3.2h2.8V22z",
  telegram:
    "M21.4 4.2 2.9 11.3c-1.3.5-1.2 1.2-.2 1.5l4.7 1.5 1.8 5.6c.2.6.6.7 1 .3l2.6-2.4 5 3.7c.9.5 1.6.2 1.8-.8l3.2-15.2c.3-1.3-.5-1.9-1.4-1.3zM9.6 14.5l8.6-7.7-6.8 8.5-.3 3.2z",
  whatsapp:
    "M12 2a10 10 0 0 0-8.6 15L2 22l5.1-1.3A10 10 0 1 0 12 2zm0 18.3c-1.5 0-3-.4-4.2-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8.3 8.3 0 1 1 12 20.3zm4.6-6.2-1.7-.8c-.3-.1-.5-.1-.7.1l-.8 1c-.1.2-.3.2-.5.1a6.8 6.8 0 0 1-3.4-2.9c-.3-.4.3-.4.7-1.3.1-.2 0-.3 0-.4l-.8-1.9c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2c0 1.3.9 2.6 1.1 2.8.1.2 1.8 2.8 4.4 3.9 1.6.7 2.3.8 3.1.6.5-.1 1.5-.6 1.7-1.2.2-.6.2-1.1.2-1.2-.1-.1-.3-.2-.6-.3z",
  email: "M2 5h20v14H2zm2 2.4V17h16V7.4l-8 5.1zM5.3 7 12 11.2 18.7 7z",
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d={ICONS[name]} />
    </svg>
  );
}

/** The share links, labelled in the page's language `lang`. */
export function Share({ article, lang }: { article: ArticleView; lang: string }) {
  const url = encodeURIComponent(article.canonicalUrl);
  const text = encodeURIComponent(article.headline);
  const links: [keyof typeof ICONS, string, string][] = [
    ["x", "X", `https://x.com/intent/post?url=${url}&text=${text}`],
    ["facebook", "Facebook", `https://www.facebook.com/sharer/sharer.php?u=${url}`],
    ["telegram", "Telegram", `https://t.me/share/url?url=${url}&text=${text}`],
    ["whatsapp", "WhatsApp", `https://wa.me/?text=${text}%20${url}`],
    ["email", t(lang, "email"), `mailto:?subject=${text}&body=${url}`],
  ];
  return (
    <section class="share" aria-labelledby="share">
      <h2 id="share">{t(lang, "share")}</h2>
      <ul>
        {links.map(([icon, name, href]) => (
          <li>
            <a href={href} rel="noopener noreferrer">
              <Icon name={icon} />
              {name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
