/**
 * @module
 * The breaking-news banner (issue 38): a strip under the masthead of every page while an editor's
 * banner stands (shared/model/banner.ts), its label in the edition's language, its text in whatever
 * direction its letters have, linked when the editor gave a link. Server-rendered with the page, so it
 * shifts nothing (CLS 0), and no script: a page built after its expiry leaves it out.
 */

import type { BannerDocument } from "../../shared/model/banner.ts";
import type { Site } from "../site/config.ts";
import { t } from "../i18n/messages.ts";

/** A site path is on this page's origin (root-relative on pages); an https URL as the editor gave it. */
const hrefOf = (link: string, site: Site) => (link.startsWith("/") ? site.origin + link : link);

export function Breaking({ site, banner }: { site: Site; banner?: BannerDocument | null }) {
  if (!banner) return null;
  const lang = site.language;
  const text = <bdi dir="auto">{banner.text}</bdi>;
  return (
    <div class="breaking" role="region" aria-label={t(lang, "breakingNews")}>
      <p>
        <strong>{t(lang, "breaking")}</strong> {banner.link ? <a href={hrefOf(banner.link, site)}>{text}</a> : text}
      </p>
    </div>
  );
}
