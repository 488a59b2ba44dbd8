import { Validator } from "@cfworker/json-schema";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../../../tools/openapi/document.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, SEED_PATH, SITE_NAME, store, TOKEN } from "../../support/helpers.ts";

const API = `${CANONICAL}/api/v1/articles`;
const JSON_ = { Accept: "application/json" };

beforeAll(async () => {
  await loadSeedContent();
  // 44 more articles through the real write path (one load): 45 in all, 30 of them in News/World.
  await store(
    ...Array.from({ length: 44 }, (_, k) => {
      const i = k + 1;
      const day = String(1 + (i % 28)).padStart(2, "0");
      return sampleArticle(6000 + i, i <= 30 ? ["News", "World"] : ["News", "Iran"], `2019-${i <= 22 ? "11" : "12"}-${day}`);
    }),
  );
});

type OpenApi = { components: { schemas: Record<string, unknown> } };
let openapi: OpenApi;
// Loaded here rather than by the first test, so each test below stands on its own.
beforeAll(async () => {
  openapi = await (await get(CANONICAL + "/openapi.json")).json<OpenApi>();
});
function validate(schemaName: string, value: unknown) {
  const v = new Validator({ $ref: `#/components/schemas/${schemaName}`, components: openapi.components } as object, "2020-12", false);
  const result = v.validate(value);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document", async () => {
    const res = await get(CANONICAL + "/openapi.json");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ openapi: "3.1.0", servers: [{ url: CANONICAL }] });
  });

  it("serves tools/openapi/'s document byte for byte, naming the origin it is asked on (a static asset, read through ASSETS)", async () => {
    const mirror = "https://edge-news-api-asset.workers.dev";
    for (const origin of [CANONICAL, mirror]) {
      const res = await get(origin + "/openapi.json");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/openapi+json");
      expect(await res.text()).toBe(JSON.stringify(openApiDocument(origin)));
    }
    expect(env.ASSETS).toBeDefined();
  });

  it("describes what the Worker really returns", async () => {
    expect(validate("Article", await (await get(`${API}/100001`)).json())).toEqual([]);
    expect(validate("Article", await (await get(CANONICAL + SEED_PATH, JSON_)).json())).toEqual([]);
    expect(validate("ArticleList", await (await get(API)).json())).toEqual([]);
    expect(validate("ArticleList", await (await get(CANONICAL + "/", JSON_)).json())).toEqual([]);
    expect(validate("ArticleList", await (await get(CANONICAL + "/News/World", JSON_)).json())).toEqual([]);
    expect(validate("Problem", await (await get(`${API}/999`)).json())).toEqual([]);
    expect(validate("Problem", await (await get(`${API}?page=x`)).json())).toEqual([]);
  });

  it("would notice a response that does not match", () => {
    expect(validate("Article", { id: "1" })).not.toEqual([]);
    expect(validate("ArticleList", { articles: [{ id: 1 }], total: 1, page: 1, perPage: 1, pages: 1 })).not.toEqual([]);
  });
});

describe("GET /api/v1/articles", () => {
  it("pages through every article newest first, with totals and Link", async () => {
    const seen: string[] = [];
    let url: string | undefined = `${API}?per_page=15&utm_source=x`;
    const links: (string | null)[] = [];
    while (url) {
      const res = await get(url);
      expect(res.status).toBe(200);
      const body = await res.json<{ articles: { id: string; datePublished: string }[]; total: number; pages: number }>();
      expect(body.total).toBe(45);
      expect(body.pages).toBe(3);
      expect(body.articles).toHaveLength(15);
      seen.push(...body.articles.map((a) => a.id));
      const link = res.headers.get("link");
      links.push(link);
      url = /<([^>]+)>; rel="next"/.exec(link ?? "")?.[1];
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(seen[0]).toBe("100001");
    expect(links[0]).toBe(`<${API}?per_page=15&page=2>; rel="next", <${API}?per_page=15>; rel="canonical"`);
    expect(links[1]).toBe(`<${API}?per_page=15>; rel="prev", <${API}?per_page=15&page=3>; rel="next", <${API}?per_page=15&page=2>; rel="canonical"`);
    expect(links[2]).toBe(`<${API}?per_page=15&page=2>; rel="prev", <${API}?per_page=15&page=3>; rel="canonical"`);
  });

  it("links the same whatever query built the cached page", async () => {
    await get(`${API}?utm_campaign=a`);
    expect((await get(`${API}?per_page=20`)).headers.get("link")).toBe(`<${API}?page=2>; rel="next", <${API}>; rel="canonical"`);
  });

  it("lists a section", async () => {
    const body = await (await get(`${API}?section=News/World&per_page=100`)).json<{ total: number; articles: { section: string[] }[] }>();
    expect(body.total).toBe(30);
    expect(body.articles).toHaveLength(30);
    expect(body.articles.every((a) => a.section[1] === "World")).toBe(true);
  });

  it("selects fields, always with id and url", async () => {
    const body = await (await get(`${API}?fields=id,headline&per_page=2`)).json<{ articles: object[] }>();
    expect(body.articles).toEqual([
      { id: "100001", url: CANONICAL + SEED_PATH, headline: "34 Turkish troops killed in Syria's Idlib as govt. forces continue gains" },
      expect.any(Object),
    ]);
    expect(Object.keys(body.articles[1])).toEqual(["id", "url", "headline"]);
  });

  it.each([
    ["page=0", "page"],
    ["page=abc", "page"],
    ["per_page=1000", "per_page"],
    ["fields=id,password", "fields"],
    ["section=../../etc", "section"],
  ])("answers %s with 400 naming %s", async (query, field) => {
    const res = await get(`${API}?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json<{ errors: { field: string }[] }>()).errors[0].field).toBe(field);
  });

  it("answers 406 to a client that takes no JSON", async () => {
    expect((await get(API, { Accept: "text/html" })).status).toBe(406);
  });
});

describe("the OpenAPI document and the server agree on a heading's level (issue 34, item 13)", () => {
  const WRITE = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
  // A draft: no list of this file's other tests sees it.
  const withHeading = (level: unknown) => ({
    ...sampleArticle(565_001, ["Headings"]),
    status: "draft",
    body: [
      { type: "paragraph", text: "A paragraph." },
      { type: "heading", text: "A heading", level },
    ],
  });

  it.each([
    [2, undefined],
    [3, 3],
  ])("level %s: the schema takes it, and so does the server (answering level %s)", async (level, answered) => {
    expect(validate("ArticleInput", withHeading(level))).toEqual([]);
    const res = await get(`${API}/565001`, WRITE, { method: "PUT", body: JSON.stringify(withHeading(level)) });
    expect([200, 201]).toContain(res.status);
    const article = await res.json<{ body: { level?: number }[] }>();
    expect(article.body[1].level).toBe(answered);
    expect(validate("Article", article)).toEqual([]);
  });

  it.each([1, 4, "3", null])("level %j: refused by both, the server naming the values the schema allows", async (level) => {
    expect(validate("ArticleInput", withHeading(level))).not.toEqual([]);
    const res = await get(`${API}/565001`, WRITE, { method: "PUT", body: JSON.stringify(withHeading(level)) });
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: unknown[] }>()).errors).toEqual([{ field: "body[1].level", message: "must be 2 (the default) or 3" }]);
  });
});

describe("API answers say they vary by Accept, as each URL answers 406 to another (issue 34, item 14)", () => {
  it.each([
    "/api/v1/articles",
    "/api/v1/articles?section=News&per_page=5&fields=id,headline",
    "/api/v1/articles/100001",
    "/api/v1/articles/100001?fields=headline",
    "/api/v1/sections",
    "/api/v1/search?q=Idlib",
    "/search?q=Idlib",
    "/api/v1/changes?since=0",
    "/api/v1/changes?latest",
  ])("%s", async (path) => {
    const ok = await get(CANONICAL + path, JSON_);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(ok.headers.get("vary")).toBe("Accept");
    const again = await get(CANONICAL + path, { ...JSON_, "If-None-Match": ok.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect(again.headers.get("vary")).toBe("Accept");
    expect((await get(CANONICAL + path, { Accept: "image/png" })).status).toBe(406);
  });
});

describe("GET /api/v1/articles/<id>", () => {
  it("returns the article, with fields selection (id and url always)", async () => {
    const res = await get(`${API}/100001?fields=headline,canonicalUrl`);
    expect(await res.json()).toEqual({
      id: "100001",
      url: CANONICAL + SEED_PATH,
      canonicalUrl: CANONICAL + SEED_PATH,
      headline: "34 Turkish troops killed in Syria's Idlib as govt. forces continue gains",
    });
  });

  it("answers 304 to its ETag and 404 to unknown ids", async () => {
    const etag = (await get(`${API}/100001`)).headers.get("etag")!;
    expect((await get(`${API}/100001`, { "If-None-Match": etag })).status).toBe(304);
    expect((await get(`${API}/424242`)).status).toBe(404);
  });
});

describe("sections", () => {
  it("serves a section as HTML and JSON with Link pagination", async () => {
    const html = await get(CANONICAL + "/News/World", { Accept: "text/html" });
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toContain(`<title>News / World (page 1 of 2) | ${SITE_NAME}</title>`);
    expect(page).toContain("<h1>World (page 1 of 2)</h1>");
    const json = await get(CANONICAL + "/News/World?page=2", JSON_);
    const body = await json.json<{ page: number; articles: unknown[]; section: string[] }>();
    expect(body).toMatchObject({ page: 2, section: ["News", "World"] });
    expect(body.articles).toHaveLength(10);
    expect(json.headers.get("link")).toBe(`<${CANONICAL}/News/World>; rel="prev", <${CANONICAL}/News/World?page=2>; rel="canonical"`);
  });

  it("answers 404 for an empty section and a page past the end, 400 for a bad page", async () => {
    expect((await get(CANONICAL + "/News/Nowhere")).status).toBe(404);
    expect((await get(CANONICAL + "/News/World?page=3")).status).toBe(404);
    expect((await get(CANONICAL + "/News/World?page=-1")).status).toBe(400);
  });
});

describe("CORS", () => {
  it("lets any origin read the JSON API and see ETag and Link", async () => {
    const res = await get(API, { Origin: "https://app.example" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toBe("ETag, Link");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("answers a preflight for GET with conditional headers", async () => {
    const res = await get(
      API,
      { Origin: "https://app.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "If-None-Match" },
      { method: "OPTIONS" },
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
    expect(res.headers.get("access-control-allow-headers")).toContain("if-none-match");
    expect(res.headers.get("access-control-max-age")).toBe("86400");
  });

  it("does not allow cross-origin publishing", async () => {
    const res = await get(
      `${API}/100001`,
      { Origin: "https://app.example", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "authorization" },
      { method: "OPTIONS" },
    );
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
