/**
 * @module
 * The page chrome every HTML page shares: the masthead (wordmark, search form, section menu), the
 * breadcrumb and the footer (sections, feeds, alternate addresses, apps). The sections come from
 * `v1:sections`, which the Newsroom rewrites after every change, so the menu is never hand-kept.
 * Nothing here needs JavaScript: the menu is a list that wraps, the search box a GET form. On a phone
 * (under 48rem, site.css) the masthead is one line: the wordmark, a search icon linking the search
 * page, and a Menu button, the label of a checkbox whose `:checked` shows the same menu below the line
 * (no script, and the menu's links are in the page once; the footer lists every subsection too).
 */

import type { NavDocument } from "../../shared/model/documents.ts";
import type { BannerDocument } from "../../shared/model/banner.ts";
import { scopesOf } from "../../shared/model/index-tree.ts";
import { shownName } from "../site/section-names.ts";
import { bySectionOrder, type SectionOrder } from "../site/section-order.ts";
import type { Site } from "../site/config.ts";
import { t } from "../i18n/messages.ts";

/** A section as the menus link it: a node of `sectionTree`; `sections` are its direct subsections. */
/** A section in the menu and footer: its name, path, link and subsections. */
export interface NavSection {
  name: string;
  path: string;
  url: string;
  sections: NavSection[];
}

/** What the chrome shows beyond the site's configuration. */
export interface Nav {
  /** Top-level sections, in the order of the sections document (by path). */
  sections: NavSection[];
  /** The section path this page is in (`News/Syria`), for `aria-current`; "" on the front page. */
  current?: string;
  /** The breaking-news banner while it stands (render/breaking.tsx); absent: none. */
  banner?: BannerDocument | null;
}

/** At most this many subsections per section in the footer (the menu shows top-level ones only). */
const FOOTER_CHILDREN = 12;

/** The section tree of the sections with articles (the menu shows one level of it, the footer two), each level in `order`. */
export function navSections(doc: NavDocument | null, order: SectionOrder = new Map()): NavSection[] {
  const nodes = new Map<string, NavSection>();
  const roots: NavSection[] = [];
  // The document is ordered by path, so a section's parent always comes before it.
  for (const s of doc?.sections ?? []) {
    const node: NavSection = { name: s.names[s.names.length - 1], path: s.path, url: `/${s.path}`, sections: [] };
    nodes.set(s.path, node);
    const parent = nodes.get(s.path.split("/").slice(0, -1).join("/"));
    (parent ? parent.sections : roots).push(node);
  }
  const sorted = (level: NavSection[]): NavSection[] => bySectionOrder(level, order).map((n) => ({ ...n, sections: sorted(n.sections) }));
  return sorted(roots);
}

/** `aria-current` for the menu entry of the section the page is in (or below). */
function currentOf(path: string, current: string | undefined): "page" | "true" | undefined {
  if (current === undefined || current === "") return undefined;
  if (current === path) return "page";
  return current.startsWith(path + "/") ? "true" : undefined;
}

/** A magnifier, drawn inline (nothing fetched), in the text's colour. */
const SEARCH_ICON = (
  <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
    <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5" />
    <path d="M15 15l6.5 6.5" stroke="currentColor" stroke-width="2.5" />
  </svg>
);

/** `search`: false on the search page, whose own field takes the masthead's place. */
export function Masthead({ site, nav, search = true }: { site: Site; nav?: Nav; search?: boolean }) {
  const lang = site.language;
  const sections = nav?.sections ?? [];
  return (
    <header class="masthead">
      <div class="bar">
        <a class="site" href={`${site.origin}/`} aria-current={nav?.current === "" ? "page" : undefined}>
          {site.name}
        </a>
        {search && (
          <form class="find" role="search" aria-label={t(lang, "site")} method="get" action={`${site.origin}/search`}>
            <label for="site-q" class="vh">
              {t(lang, "searchSite", site.name)}
            </label>
            <input id="site-q" name="q" type="search" placeholder={t(lang, "search")} maxlength={200} required />
            <button type="submit">{t(lang, "search")}</button>
          </form>
        )}
        {search && (
          <a class="find-icon" href={`${site.origin}/search`}>
            {SEARCH_ICON}
            <span class="vh">{t(lang, "search")}</span>
          </a>
        )}
      </div>
      {sections.length > 0 && <input type="checkbox" id="menu-open" class="menu-open vh" />}
      {sections.length > 0 && (
        <label for="menu-open" class="menu-button">
          {t(lang, "menu")}
        </label>
      )}
      {sections.length > 0 && (
        <nav class="menu" aria-label={t(lang, "sections")}>
          <ul>
            {sections.map((s) => (
              <li>
                <a href={`${site.origin}/${s.path}`} aria-current={currentOf(s.path, nav?.current)}>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

/** Between breadcrumb entries, as the publisher's pages print it (`News  /  Syria`). */
const SEPARATOR = " \u00a0 / \u00a0 ";

/** The section path of an article or section page as links, each to its section page. */
export function Breadcrumb({ site, names }: { site: Site; names: string[] }) {
  const paths = scopesOf(names).slice(1);
  return (
    <nav class="crumbs" aria-label={t(site.language, "crumbs")}>
      <ol>
        <li>
          <a href={`${site.origin}/`}>{t(site.language, "home")}</a>
        </li>
        {names.map((name, i) => (
          <li>
            <span aria-hidden="true">{SEPARATOR}</span>
            <a href={`${site.origin}/${paths[i]}`}>{shownName(site.sectionNames, paths[i], name)}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The alternate addresses as links (each is a host name the publisher names in `SITE_ADDRESSES`). */
export function AddressLinks({ site }: { site: Site }) {
  return (
    <ul>
      {site.addresses.map((a) => (
        <li>
          <a href={`https://${a}/`}>{a}</a>
        </li>
      ))}
    </ul>
  );
}

export function SiteFooter({ site, nav }: { site: Site; nav?: Nav }) {
  const sections = nav?.sections ?? [];
  const lang = site.language;
  return (
    <footer class="foot">
      {sections.length > 0 && (
        <nav aria-label={t(lang, "allSections")}>
          <h2>{t(lang, "sections")}</h2>
          <ul class="tree">
            {sections.map((s) => (
              <li>
                <a href={`${site.origin}/${s.path}`}>{s.name}</a>
                {s.sections.length > 0 && (
                  <ul>
                    {s.sections.slice(0, FOOTER_CHILDREN).map((c) => (
                      <li>
                        <a href={`${site.origin}/${c.path}`}>{c.name}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="cols">
        <section aria-labelledby="foot-feeds">
          <h2 id="foot-feeds">{t(lang, "follow")}</h2>
          <ul>
            <li>
              <a href={`${site.origin}/rss.xml`} type="application/rss+xml">
                {t(lang, "rss")}
              </a>
            </li>
            <li>
              <a href={`${site.origin}/atom.xml`} type="application/atom+xml">
                {t(lang, "atom")}
              </a>
            </li>
            <li>
              <a href={`${site.origin}/search`}>{t(lang, "search")}</a>
            </li>
          </ul>
        </section>
        {site.addresses.length > 0 && (
          <section aria-labelledby="foot-addresses">
            <h2 id="foot-addresses">{t(lang, "alsoAt")}</h2>
            <AddressLinks site={site} />
          </section>
        )}
        {site.apps.length > 0 && (
          <section aria-labelledby="foot-apps">
            <h2 id="foot-apps">{t(lang, "apps")}</h2>
            <ul>
              {site.apps.map((a) => (
                <li>{a.url ? <a href={a.url}>{a.name}</a> : a.name}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <p class="meta">© {site.name}</p>
    </footer>
  );
}
