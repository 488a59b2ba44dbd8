import type { ArticleView } from "../views.ts";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2020-02-27` → `Thursday 27 February 2020`, the calendar day of the date as written. */
export function longDate(value: string): string {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[day]} ${d} ${MONTHS[m - 1]} ${y}`;
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
