/**
 * @module
 * Bylines, tags and corrections as listings: the slug of an author's name or a tag (the one function
 * every part uses: the Newsroom's index writer, the reader's routes and links, the demo), and every
 * scope an index entry is listed in. Author, tag and corrections scopes start with "@"
 * (index-tree.ts), so they never meet a section path; their URLs are `/author/<slug>`, `/tag/<slug>`
 * and `/corrections`, whose first segments are reserved section names (schema.ts).
 */

import type { IndexEntry } from "./documents.ts";
import { AUTHOR_SCOPE, CORRECTIONS_SCOPE, scopesOf, TAG_SCOPE } from "./index-tree.ts";

/** Longest slug, in characters: a name longer than this shares its page with names that begin alike. */
const MAX_SLUG = 80;

/**
 * An author's name or a tag as a URL segment: Unicode-aware and deterministic. Latin diacritics are
 * folded (`José Núñez` → `jose-nunez`), every script's letters and digits kept in lower case
 * (`خاورمیانه` stays itself), apostrophes dropped and any other run of characters made one `-`.
 * Empty for a name of signs alone: such a name has no page, and its byline no link.
 */
export function taxonomySlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’‘]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
}

/** The listing scope of an author's name, or undefined when the name has no slug. */
export function authorScope(name: string): string | undefined {
  const slug = taxonomySlug(name);
  return slug ? AUTHOR_SCOPE + slug : undefined;
}

/** The listing scope of a tag, or undefined when the tag has no slug. */
export function tagScope(tag: string): string | undefined {
  const slug = taxonomySlug(tag);
  return slug ? TAG_SCOPE + slug : undefined;
}

/** The author, tag and corrections scopes of an entry (without its section's), each once. */
export function taxonomyScopes(entry: Pick<IndexEntry, "authorNames" | "tags" | "correction">): string[] {
  const scopes = new Set<string>();
  for (const name of entry.authorNames ?? []) {
    const scope = authorScope(name);
    if (scope) scopes.add(scope);
  }
  for (const tag of entry.tags ?? []) {
    const scope = tagScope(tag);
    if (scope) scopes.add(scope);
  }
  if (entry.correction) scopes.add(CORRECTIONS_SCOPE);
  return [...scopes];
}

/** Every scope an entry is listed in: the site's, its section path's, then its authors', tags' and corrections'. */
export function entryScopes(entry: Pick<IndexEntry, "section" | "authorNames" | "tags" | "correction">): string[] {
  return [...scopesOf(entry.section), ...taxonomyScopes(entry)];
}

/** What a scope is: a section path ("all" included), or an author's, a tag's or the corrections' listing with its slug. */
export function scopeKind(scope: string): { kind: "section" } | { kind: "author" | "tag"; slug: string } | { kind: "corrections" } {
  if (scope === CORRECTIONS_SCOPE) return { kind: "corrections" };
  if (scope.startsWith(AUTHOR_SCOPE)) return { kind: "author", slug: scope.slice(AUTHOR_SCOPE.length) };
  if (scope.startsWith(TAG_SCOPE)) return { kind: "tag", slug: scope.slice(TAG_SCOPE.length) };
  return { kind: "section" };
}
