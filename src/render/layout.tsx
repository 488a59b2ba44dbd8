import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";

/** What a component returns. */
export type Page = HtmlEscapedString | Promise<HtmlEscapedString>;
import { raw } from "hono/html";
import type { Site } from "../views.ts";
import { direction } from "../content/blocks.ts";
import { CSS } from "./style.ts";
import { Furniture } from "./furniture.tsx";

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
  /** BCP 47 language of the page (default: the site's) and its direction. */
  language?: string;
}

/** The publisher's note on other ways to reach the site; shown at the end of every article. */
export function Addresses({ site }: { site: Site }) {
  if (site.addresses.length === 0) return null;
  return (
    <aside class="addresses" aria-label="Alternate addresses">
      <p>{site.name}’s website can also be accessed at the following alternate addresses:</p>
      <ul>
        {site.addresses.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
    </aside>
  );
}

function Footer({ site }: { site: Site }) {
  return (
    <footer>
      <ul>
        {site.apps.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
    </footer>
  );
}

export function Layout({ site, head, children }: { site: Site; head: Head; children: Child }) {
  return (
    <html lang={head.language ?? site.language} dir={direction(head.language ?? site.language)}>
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
        <Furniture site={site} />
        {head.meta}
        <style>{raw(CSS)}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <a class="site" href="/">
            {site.name}
          </a>
        </header>
        <main id="main">{children}</main>
        <Footer site={site} />
      </body>
    </html>
  );
}

/** Renders a page to the bytes we send. */
export async function renderPage(page: Page): Promise<string> {
  return "<!DOCTYPE html>" + (await (await page).toString());
}
