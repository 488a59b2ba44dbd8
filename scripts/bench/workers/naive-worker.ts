/**
 * @module
 * The contender most people would write first: a Hono app that reads the article from KV and
 * renders it on every request, with this project's own components and view. No validation,
 * no ETag, no caching (but the stylesheet, read from ASSETS once per isolate as the service reads it);
 * JSON is `JSON.stringify` of the same view.
 */

import { Hono } from "hono";
import type { Article } from "../../../src/shared/model/schema.ts";
import { ArticlePage } from "../../../src/reader/render/article.tsx";
import { renderPage } from "../../../src/reader/render/layout.tsx";
import { stylesheet } from "../../../src/reader/render/stylesheet.ts";
import { articleView } from "../../../src/reader/views/views.ts";
import { addressesOf, appsOf, type Site } from "../../../src/reader/site/config.ts";

const app = new Hono<{ Bindings: Env }>();

app.get("/Detail/:y/:m/:d/:id/:slug?", async (c) => {
  const article = await c.env.NEWS.get<Article>("v1:article:" + c.req.param("id"), "json");
  if (!article) return c.notFound();
  const site: Site = {
    name: c.env.SITE_NAME,
    addresses: addressesOf(c.env.SITE_ADDRESSES),
    apps: appsOf(c.env.SITE_APPS),
    language: c.env.SITE_LANGUAGE,
    origin: new URL(c.req.url).origin,
    canonicalOrigin: c.env.CANONICAL_ORIGIN,
  };
  const view = articleView(article, site);
  if (c.req.header("accept")?.includes("application/json")) return c.json(view);
  // The stylesheet is the one thing it keeps: read once per isolate, like the service (the same bytes).
  return c.html(renderPage(ArticlePage({ article: view, site }), (await stylesheet(c.env.ASSETS)).css));
});

export default app;
