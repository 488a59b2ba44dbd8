/**
 * @module
 * The schema's and the parser's problems in the words an editor reads: "The photo's caption is
 * empty", never `body[3].caption: must not be empty`. The messages the schema writes are already
 * plain; what it names (a JSON path) is turned into what the editor sees on the form.
 */

/** The form's fields as the editor sees them. */
export const FIELD_NAMES: Record<string, string> = {
  headline: "Headline",
  description: "Standfirst",
  section: "Section",
  authors: "Authors",
  tags: "Tags",
  language: "Language",
  slug: "Address (slug)",
  published: "Publication time",
  corrections: "Corrections",
  body: "Story",
  seoTitle: "Title in search results",
  seoDescription: "Description in search results",
  socialImage: "Social image",
  status: "Status",
  form: "The story",
};

/** What a JSON path's last member is, in words. */
const PARTS: [RegExp, string][] = [
  [/caption$/, "the photo's caption"],
  [/credit$/, "the photo's credit"],
  [/\.alt$/, "the photo's description for people who cannot see it (alt)"],
  [/\.src$/, "the photo's address"],
  [/\.(width|height)$/, "the photo's size"],
  [/\.focus$/, "the photo's focal point"],
  [/\.href$/, "a link's address"],
  [/\.url$/, "the embed's address"],
  [/attribution$/, "the quote's attribution"],
  [/\.items/, "a list item"],
  [/\.paragraphs/, "a paragraph of the quote"],
  [/\.level$/, "the heading level"],
  [/^section/, "a section name"],
  [/^authors/, "an author"],
  [/^tags/, "a tag"],
  [/^corrections/, "a correction"],
];

/** "the photo's caption" → "The photo's caption". */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Messages written for files and JSON, as the desk's form says them. */
const REWORDED: [RegExp, string][] = [
  [/^is required$/, "is missing"],
  [/given in the front matter/, "written in the Headline field"],
  [/must be \{ x, y \}.*$/, "must be two whole percentages from 0 to 100, like 30, 60"],
  [/front matter/g, "form"],
  [/`/g, ""],
];

/**
 * A problem of `field` (a form field) about `path` (what the schema or the parser named: a JSON path,
 * a front matter key, or nothing), in plain words.
 */
export function plainProblem(field: string, path: string, message: string): { field: string; message: string } {
  const what = PARTS.find(([re]) => re.test(path))?.[1];
  const said = REWORDED.reduce((text, [re, words]) => text.replace(re, words), message);
  return { field, message: what ? `${sentence(what)} ${said}.` : `${said}.` };
}
