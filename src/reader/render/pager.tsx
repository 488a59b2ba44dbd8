import { type MessageKey, t } from "../i18n/messages.ts";
import type { Site } from "../site/config.ts";

/** Links to the neighbouring pages of a list (`rel` prev/next), with labels (catalog keys) that say which way they go. */
export function Pager({ site, prev, next, labels }: { site: Site; prev?: string; next?: string; labels: [prev: MessageKey, next: MessageKey] }) {
  if (!prev && !next) return null;
  return (
    <nav aria-label={t(site.language, "pages")} class="pages">
      {prev && (
        <a href={prev} rel="prev">
          {t(site.language, labels[0])}
        </a>
      )}{" "}
      {next && (
        <a href={next} rel="next">
          {t(site.language, labels[1])}
        </a>
      )}
    </nav>
  );
}
