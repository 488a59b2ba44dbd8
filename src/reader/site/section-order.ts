/**
 * @module
 * The order of sections wherever pages list them (the menu, the footer, a page's blocks):
 * `SITE_SECTIONS` in wrangler.toml names section paths in the publisher's order (`News`,
 * `News/Iran`, `Economy`, …, matched in any case); sections it does not name follow the named ones
 * of their level, alphabetically by name.
 */

/** A rank per configured path, lower case. */
export type SectionOrder = ReadonlyMap<string, number>;

export function sectionOrder(config: readonly unknown[] | undefined): SectionOrder {
  const ranks = new Map<string, number>();
  for (const path of config ?? []) if (typeof path === "string" && !ranks.has(path.toLowerCase())) ranks.set(path.toLowerCase(), ranks.size);
  return ranks;
}

/** `items` in the configured order, the rest after them by name (a new array; `items` stays as it is). */
export function bySectionOrder<T extends { path: string; name: string }>(items: readonly T[], order: SectionOrder): T[] {
  const rank = (s: T) => order.get(s.path.toLowerCase()) ?? Infinity;
  return [...items].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
