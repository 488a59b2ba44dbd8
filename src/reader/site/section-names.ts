/**
 * @module
 * Section names in the edition's language: `[section_names.<language>]` in site.toml, written to
 * wrangler.toml as `SECTION_NAMES` (`{ fa: { "News": "اخبار", "News/Iran": "ایران" } }`), so the Persian
 * edition's menus, breadcrumbs, blocks and "More in" say «اخبار», not "News". Paths match in any case; a
 * section not named for the language keeps its own name. Only what a page shows changes: URLs, feeds
 * and the JSON API keep the section names the articles carry.
 */

import { baseLanguage } from "../i18n/messages.ts";

/** Lower-case section path → its name in the edition's language. */
export type SectionNames = ReadonlyMap<string, string>;

const PATH = /^[^/\s]+(\/[^/\s]+){0,3}$/;

/** The names for `language` (by its primary subtag) from `SECTION_NAMES`; anything malformed is left out. */
export function sectionNamesOf(config: unknown, language: string): SectionNames {
  const names = new Map<string, string>();
  const table = (config as Record<string, unknown> | undefined)?.[baseLanguage(language)];
  if (typeof table !== "object" || table === null) return names;
  for (const [path, name] of Object.entries(table)) if (PATH.test(path) && typeof name === "string" && name.trim()) names.set(path.toLowerCase(), name.trim());
  return names;
}

/** Every problem with site.toml's `section_names` table (build time: scripts/build/site-config.ts). */
export function sectionNamesProblems(config: unknown): string[] {
  if (config === undefined) return [];
  if (typeof config !== "object" || config === null) return ["section_names: must be a table of languages, each a table of section paths and names"];
  const problems: string[] = [];
  for (const [language, table] of Object.entries(config)) {
    if (!/^[a-z]{2,3}$/.test(language)) problems.push(`section_names.${language}: must be a primary language subtag such as "fa"`);
    if (typeof table !== "object" || table === null) {
      problems.push(`section_names.${language}: must be a table of section paths and names`);
      continue;
    }
    for (const [path, name] of Object.entries(table))
      if (!PATH.test(path) || typeof name !== "string" || !name.trim())
        problems.push(`section_names.${language}: "${path}" must be a section path (1 to 4 names joined by "/") with a name`);
  }
  return problems;
}

/** The name to show for the section at `path` (`News/Iran`), else `name` as the articles have it. */
export function shownName(names: SectionNames | undefined, path: string, name: string): string {
  return names?.get(path.toLowerCase()) ?? name;
}

interface Named<T> {
  path: string;
  name: string;
  sections: T[];
}

/** A section tree (the menus') with every name as the edition shows it. */
export function namedTree<T extends Named<T>>(sections: T[], names: SectionNames | undefined): T[] {
  return names?.size ? sections.map((s) => ({ ...s, name: shownName(names, s.path, s.name), sections: namedTree(s.sections, names) })) : sections;
}
