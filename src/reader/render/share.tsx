/**
 * @module
 * "Share this article": a link per network with its mark drawn inline (SVG, `currentColor`, so it follows
 * the light and dark schemes) — nothing fetched from elsewhere, no script; each link opens the network's
 * own share page. The marks are simplified to 1.2 KB in all (the page budget is 40 KiB) and kept out of
 * the bundle, in a static asset read once per isolate.
 */

import type { ArticleView } from "../views/views.ts";
import { t } from "../i18n/messages.ts";

/** 24 × 24 marks, filled. */
/** The networks, in the order the links show them. */
const NETWORKS = ["x", "facebook", "telegram", "whatsapp", "email"] as const;
type Network = (typeof NETWORKS)[number];

/** 24 × 24 filled marks: `public/share-marks.json`, read with the stylesheet (render/stylesheet.ts), so their bytes are not in the bundle. */
const MARKS: Partial<Record<Network, string>> = {};

/** Takes in `public/share-marks.json` (`{ "x": "<path data>", … }`): each network's path data, as a string. */
export function addMarks(json: unknown): void {
  if (typeof json !== "object" || json === null) return;
  for (const network of NETWORKS) {
    const d = (json as Record<string, unknown>)[network];
    if (typeof d === "string" && /^[MmZzLlHhVvCcSsQqTtAa0-9 .,-]+$/.test(d)) MARKS[network] = d;
  }
}

/** A network's mark; nothing until the marks are read (a page is rendered only after they are). */
function Mark({ name }: { name: Network }) {
  const d = MARKS[name];
  return d ? (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d={d} />
    </svg>
  ) : null;
}

/** The share links, labelled in the page's language `lang`. */
export function Share({ article, lang }: { article: ArticleView; lang: string }) {
  const url = encodeURIComponent(article.canonicalUrl);
  const text = encodeURIComponent(article.headline);
  const links: [Network, string, string][] = [
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
              <Mark name={icon} />
              {name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
