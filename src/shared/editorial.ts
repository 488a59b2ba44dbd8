/**
 * @module
 * An article as editors see it: its publication state and its place in the desk's lists and an export's
 * pages. Shared by the Newsroom's interface (newsroom-api.ts) and the archive's answers (archive-answers.ts).
 */

import type { Article } from "./model/schema.ts";

/** What readers see of a version: `published`, `draft`, or `scheduled` until its time (`at`, RFC 3339). */
export interface PublicationState {
  status: "published" | "draft" | "scheduled";
  at?: string;
}

/** Editors' lists: by publication state, or `removed` (deleted articles, as their last version was). */
export type EditorialStatus = PublicationState["status"] | "all" | "removed";

export interface EditorialItem {
  article: Article;
  state: PublicationState | { status: "removed" };
  version: number;
  editor: string;
  /** When the current version (or the removal) was made, RFC 3339. */
  changed: string;
}
