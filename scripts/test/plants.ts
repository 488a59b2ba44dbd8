/**
 * @module
 * The bugs `npm run test:planted` plants (scripts/test/planted-bugs.ts), each an exact text replacement in
 * the source, and the function that plants one. `tests/node/planted-bugs-source.test.ts` checks that every
 * edit still occurs exactly once in today's source, so a change to the code that moves a planted
 * bug's text fails `npm run test:node` at once rather than the planted run minutes later.
 */

import { readFileSync } from "node:fs";

export interface Plant {
  /** The test that must catch it is named `catches: ${bug}`. */
  bug: string;
  file: string;
  /** Each `[from, to]` must occur exactly once in `file`. */
  edits: [string, string][];
}

export const PLANTS: Plant[] = [
  {
    bug: "isolate TTL raised above 10 s",
    file: "src/shared/freshness/policy.ts",
    edits: [["export const ISOLATE_TTL = 10_000;", "export const ISOLATE_TTL = 600_000;"]],
  },
  {
    bug: "isolate TTL lowered below 10 s",
    file: "src/shared/freshness/policy.ts",
    edits: [["export const ISOLATE_TTL = 10_000;", "export const ISOLATE_TTL = 5_000;"]],
  },
  {
    bug: "Cache API TTL raised above 30 s",
    file: "src/shared/freshness/policy.ts",
    edits: [["export const EDGE_TTL = 30_000;", "export const EDGE_TTL = 3_600_000;"]],
  },
  {
    bug: "a missing article remembered longer than 5 s",
    file: "src/shared/freshness/policy.ts",
    edits: [["export const MISS_TTL = 5_000;", "export const MISS_TTL = 60_000;"]],
  },
  {
    bug: "no stale copy served when KV fails",
    file: "src/reader/cache/layers.ts",
    edits: [["if (stale) return { entry: stale", "if (stale && Math.random() > 2) return { entry: stale"]],
  },
  {
    bug: "304 answered to an If-None-Match that does not match",
    file: "src/reader/cache/layers.ts",
    edits: [
      [
        "if (!entry.status && notModified(request.headers, entry.etag, entry.lastModified))",
        'if (!entry.status && (request.headers.has("if-none-match") || notModified(request.headers, entry.etag, entry.lastModified)))',
      ],
    ],
  },
  { bug: "HEAD answered with a body", file: "src/reader/cache/layers.ts", edits: [['request.method === "HEAD" ? null : entry.body', "entry.body"]] },
  {
    bug: "a cache key that leaves out the representation (HTML and JSON swapped)",
    file: "src/reader/cache/layers.ts",
    edits: [["return `${variant} ${origin} ${resource}`;", "return `${origin} ${resource}`;"]],
  },
  {
    bug: "a redirect host answering 404 when a Host header is present",
    file: "src/reader/app.ts",
    edits: [['if (host.policy === "redirect") {\n', 'if (host.policy === "redirect") {\n      if (c.req.raw.headers.has("host")) return error(c, 404);\n']],
  },
  {
    bug: "a redirect target built from the Host header",
    file: "src/reader/app.ts",
    edits: [["return redirect(host.origin + path", 'return redirect((c.req.header("host") ? `https://${c.req.header("host")}` : host.origin) + path']],
  },
  {
    bug: "the hot path skipping its path check",
    file: "src/reader/app.ts",
    edits: [[" || entry.path !== url.pathname) return undefined;", ") return undefined;"]],
  },
  { bug: "405 without Allow", file: "src/reader/app.ts", edits: [["return error(c, 405, { Allow: allow });", "return error(c, 405);"]] },
  {
    bug: "Strict-Transport-Security sent from a mirror",
    file: "src/reader/app.ts",
    edits: [['secured(c.res, c.get("policy"))', 'secured(c.res, "canonical")']],
  },
  {
    bug: "an article Cache-Control other than the README's",
    file: "src/reader/routes/pages.ts",
    edits: [["kindSpec(c, kind, ARTICLE_CACHE, script?.hash)", 'kindSpec(c, kind, "public, max-age=31536000, immutable, s-maxage=0", script?.hash)']],
  },
  {
    bug: "a listing Cache-Control other than the README's",
    file: "src/reader/routes/pages.ts",
    edits: [["kindSpec(c, kind, LISTING_CACHE)", "kindSpec(c, kind, ARTICLE_CACHE)"]],
  },
  {
    bug: "feeds cut below the 50 newest",
    file: "src/reader/routes/feeds.ts",
    edits: [["readListing(c.env.NEWS, scope, 0, MAX_FEED_ITEMS)", "readListing(c.env.NEWS, scope, 0, 5)"]],
  },
  { bug: "a listing page size other than 20", file: "src/reader/routes/pages.ts", edits: [["(page - 1) * PER_PAGE, PER_PAGE)", "(page - 1) * 25, 25)"]] },
  {
    bug: "per_page above 100 accepted",
    file: "src/reader/routes/api.ts",
    edits: [['positiveInt(c.req.query("per_page"), PER_PAGE, MAX_PER_PAGE)', 'positiveInt(c.req.query("per_page"), PER_PAGE, 1000)']],
  },
  {
    bug: "a 404 without Vary: Accept or with a long cache life",
    file: "src/reader/routes/answers.ts",
    edits: [['Vary: "Accept", ...headers };', "...headers };"]],
  },
  { bug: "no 406 when nothing acceptable is offered", file: "src/reader/routes/pages.ts", edits: [["? 406 : 404);", "? 404 : 404);"]] },
  { bug: "a 503 without Retry-After: 30", file: "src/reader/app.ts", edits: [['error(c, 503, { "Retry-After": "30" })', "error(c, 503)"]] },
];

/** The four bugs issue 15 planted that the whole suite let through before it was fixed. */
export const ISSUE15: Plant[] = [
  {
    bug: "isolate TTL 10 min and Cache API TTL 1 h",
    file: "src/shared/freshness/policy.ts",
    edits: [
      ["export const ISOLATE_TTL = 10_000;", "export const ISOLATE_TTL = 600_000;"],
      ["export const EDGE_TTL = 30_000;", "export const EDGE_TTL = 3_600_000;"],
    ],
  },
  { bug: "feeds cut to 5 items", file: "src/reader/feeds/entries.ts", edits: [["export const MAX_FEED_ITEMS = 50;", "export const MAX_FEED_ITEMS = 5;"]] },
  {
    bug: "article Cache-Control max-age=31536000, immutable, s-maxage=0",
    file: "src/shared/freshness/policy.ts",
    edits: [
      ['export const ARTICLE_CACHE = "public, no-cache, stale-if-error=86400";', 'export const ARTICLE_CACHE = "max-age=31536000, immutable, s-maxage=0";'],
    ],
  },
  PLANTS.find((p) => p.bug.startsWith("a redirect host answering 404"))!,
];

/** `plant.file` with the bug planted; throws, naming the text, when an edit does not occur exactly once. */
export function plantedSource(plant: Plant, original = readFileSync(plant.file, "utf8")): string {
  let mutated = original;
  for (const [from, to] of plant.edits) {
    if (mutated.split(from).length !== 2)
      throw new Error(`${plant.file}: ${JSON.stringify(from)} must occur exactly once (the source changed; update scripts/test/plants.ts)`);
    mutated = mutated.replace(from, to);
  }
  return mutated;
}
