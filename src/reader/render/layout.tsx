import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";

/** What a component returns. */
export type Page = HtmlEscapedString | Promise<HtmlEscapedString>;
import { direction } from "../../shared/model/blocks.ts";
import type { Site } from "../site/config.ts";
import { Masthead, type Nav, SiteFooter } from "./chrome.tsx";
import { FONT_PRELOADS } from "./font-files.ts";
import { Furniture } from "./furniture-links.tsx";
import { Breaking } from "./breaking.tsx";
import { t } from "../i18n/messages.ts";

export interface Head {
  title: string;
  description?: string;
  canonical?: string;
  /** This page's URL on this host, where it is also served as JSON and Markdown (`rel="alternate"`). */
  jsonAlternate?: string;
  /** `<meta name="robots">`, e.g. "noindex" on a preview. */
  robots?: string;
  /** Extra `<head>` content: OpenGraph, JSON-LD. */
  meta?: Child;
}

/**
 * Every HTML page: the document is in the site's language and direction; an article in another
 * language says so on its own element, so the chrome around it stays as it is.
 */
export function Layout({
  site,
  head,
  nav,
  wide = false,
  search = true,
  children,
}: {
  site: Site;
  head: Head;
  nav?: Nav;
  wide?: boolean;
  /** The masthead's search form; false on the search page, which has its own. */
  search?: boolean;
  children: Child;
}) {
  return (
    <html lang={site.language} dir={direction(site.language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        {head.robots && <meta name="robots" content={head.robots} />}
        {site.appStoreId && <meta name="apple-itunes-app" content={`app-id=${site.appStoreId}`} />}
        {head.description && <meta name="description" content={head.description} />}
        {head.canonical && <link rel="canonical" href={head.canonical} />}
        {head.jsonAlternate && <link rel="alternate" type="application/json" href={head.jsonAlternate} />}
        {head.jsonAlternate && <link rel="alternate" type="text/markdown" href={head.jsonAlternate} />}
        {/* The edition's text face, regular and bold: fetched with the page, so `font-display: optional` finds it in time. */}
        {FONT_PRELOADS[/^(fa|ar)\b/i.test(site.language) ? "arabic" : "latin"].map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossorigin="" />
        ))}
        <Furniture site={site} />
        {head.meta}
      </head>
      <body>
        <a class="skip" href="#main">
          {t(site.language, "skip")}
        </a>
        <Masthead site={site} nav={nav} search={search} />
        <Breaking site={site} banner={nav?.banner} />
        <main id="main" class={wide ? "wide" : undefined}>
          {children}
        </main>
        <SiteFooter site={site} nav={nav} />
      </body>
    </html>
  );
}

/**
 * Renders a page to the bytes we send, with `css` (the site's stylesheet, render/stylesheet.ts) as
 * the last element of its head. Every text a page shows is escaped, so the first `</head>` is the
 * Layout's own.
 */
export async function renderPage(page: Page, css: string): Promise<string> {
  const html = (await page).toString();
  const at = html.indexOf("</head>");
  if (!css || at < 0) return "<!DOCTYPE html>" + html;
  return `<!DOCTYPE html>${html.slice(0, at)}<style>${css}</style>${html.slice(at)}`;
}
