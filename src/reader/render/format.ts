import type { ArticleView } from "../views/views.ts";

// Dates as readers read them, in the language of the page or the article (Intl, src/reader/i18n/dates.ts).
export { clockTime, listTime, longDate, readerDate, readerDateRuns, shortDate } from "../i18n/dates.ts";

/** Whether a correction moved `modified` past `published` (on the page: an "Updated" line). */
export function wasUpdated(published: string, modified: string): boolean {
  return Date.parse(modified) > Date.parse(published);
}

/** The caption line as the publisher prints it: `… (Photo by AFP)`. */
export function captionLine(caption: string, credit: string): string {
  return `${caption} (${credit})`;
}

/** The description, shown as a standfirst only when it says something the body's opening does not. */
export function standfirst(article: ArticleView): string | undefined {
  const first = article.body.find((b) => b.type === "paragraph");
  const lead = article.description.replace(/…$/, "");
  return first && first.type === "paragraph" && first.text.startsWith(lead) ? undefined : article.description;
}
