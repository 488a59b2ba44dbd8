import type { ArticleView } from "../views.ts";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** `2020-02-27` → `Thursday 27 February 2020`, the calendar day of the date as written. */
export function longDate(value: string): string {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[day]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** A date or date-time as its UTC calendar day (`YYYY-MM-DD`) and, for a date-time that parses, its UTC time (`HH:MM`). */
function utc(value: string): { day: string; time?: string } {
  const t = value.length > 10 ? new Date(value) : undefined;
  if (!t || Number.isNaN(t.getTime())) return { day: value.slice(0, 10) };
  const iso = t.toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * A date as a reader sees it: `Thursday 27 February 2020`, and for a date-time also its time in UTC,
 * `Thursday 27 February 2020, 14:05 GMT` (the calendar day then follows the UTC time, so the two agree).
 * A bare date (`2020-02-27`) says no time: the publisher gave none.
 */
export function readerDate(value: string): string {
  const { day, time } = utc(value);
  return time ? `${longDate(day)}, ${time} GMT` : longDate(day);
}

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `readerDate` for lists, where forty dates share a page: `1 Nov 2026, 08:30 GMT`, or `27 Feb 2020` for a date. */
export function shortDate(value: string): string {
  const { day, time } = utc(value);
  const [y, m, d] = day.split("-").map(Number);
  return `${d} ${SHORT_MONTHS[m - 1]} ${y}` + (time ? `, ${time} GMT` : "");
}

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
