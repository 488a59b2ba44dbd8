import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readListing } from "../src/read/listing.ts";
import { MAX_BODY_BYTES } from "../src/routes/publishing.ts";
import { CANONICAL, get, loadSeedContent, sampleArticle, SEED_PATH, snapshotAll, TOKEN, WAIT } from "./helpers.ts";

beforeAll(loadSeedContent);

const API = `${CANONICAL}/api/v1/articles`;
const auth = { Authorization: `Bearer ${TOKEN}`, ...WAIT };
const jsonType = { "Content-Type": "application/json", ...WAIT };

function put(id: string, body: unknown, headers: Record<string, string> = { ...auth, ...jsonType }) {
  return get(`${API}/${id}`, headers, { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body) });
}

describe("publish failures change nothing", () => {
  // Each case its own id, so no case's write could hide another's.
  it.each([
    ["no token → 401", { ...jsonType }, 401, 5101],
    ["a wrong token → 401", { ...jsonType, Authorization: "Bearer nope" }, 401, 5102],
    ["another scheme → 401", { ...jsonType, Authorization: `Basic ${btoa("a:" + TOKEN)}` }, 401, 5103],
    ["the token with a suffix → 401", { ...jsonType, Authorization: `Bearer ${TOKEN}x` }, 401, 5104],
    ["a form body → 415", { ...auth, "Content-Type": "application/x-www-form-urlencoded" }, 415, 5105],
  ] as const)("PUT with %s", async (_, headers, status, id) => {
    const before = await snapshotAll();
    const res = await put(String(id), sampleArticle(id), headers);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    if (status === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="publish"/);
    expect(await snapshotAll()).toEqual(before);
    expect((await get(`${API}/${id}`, { Accept: "application/json" })).status).toBe(404);
  });

  it("says invalid_token only when a token was sent", async () => {
    expect((await put("5106", sampleArticle(5106), jsonType)).headers.get("www-authenticate")).toBe('Bearer realm="publish"');
    expect((await put("5106", sampleArticle(5106), { ...jsonType, Authorization: "Bearer x" })).headers.get("www-authenticate")).toBe(
      'Bearer realm="publish", error="invalid_token"',
    );
  });

  it("DELETE without a token → 401 and the article stays", async () => {
    const before = await snapshotAll();
    const res = await get(`${API}/100001`, {}, { method: "DELETE" });
    expect(res.status).toBe(401);
    expect(await snapshotAll()).toEqual(before);
  });

  it("rejects malformed JSON with 400", async () => {
    const before = await snapshotAll();
    const res = await put("5107", "{not json");
    expect(res.status).toBe(400);
    expect(await snapshotAll()).toEqual(before);
  });

  it("rejects an oversized body with 413, by Content-Length or by what arrives", async () => {
    const before = await snapshotAll();
    // 256 KiB is the README's limit.
    expect(MAX_BODY_BYTES).toBe(256 * 1024);
    const big = JSON.stringify({ ...sampleArticle(5108), description: "x".repeat(256 * 1024) });
    expect((await put("5108", big)).status).toBe(413);
    const stream = new Blob([big]).stream();
    const res = await get(`${API}/5108`, { ...auth, ...jsonType }, { method: "PUT", body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(await snapshotAll()).toEqual(before);
  });

  it("names every bad field with 422, writing nothing", async () => {
    const before = await snapshotAll();
    const res = await put("5109", { ...sampleArticle(5109), headline: "", published: "soon", body: [{ type: "video" }], colour: "red" });
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { field: string }[] }>();
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["body", "body[0].type", "colour", "headline", "published"]);
    expect(await snapshotAll()).toEqual(before);
  });

  it("rejects an id that does not match the URL", async () => {
    const before = await snapshotAll();
    const res = await put("5110", sampleArticle(5111));
    expect(res.status).toBe(422);
    expect(await snapshotAll()).toEqual(before);
  });

  it("answers 404 for ids outside the scheme", async () => {
    expect((await put("0123", sampleArticle(123))).status).toBe(404);
    expect((await put("abc", sampleArticle(1))).status).toBe(404);
  });
});

describe("publishing", () => {
  it("creates, corrects and deletes an article, keeping the index readable throughout", async () => {
    const created = await put("5001", sampleArticle(5001, ["News", "World"], "2020-02-26"));
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${API}/5001`);
    const path = "/Detail/2020/02/26/5001/Sample-article-5001";
    expect((await created.json<{ canonicalUrl: string }>()).canonicalUrl).toBe(CANONICAL + path);

    const first = await get(CANONICAL + path, { Accept: "application/json" });
    expect(first.status).toBe(200);
    const { entries } = await readListing(env.NEWS, "all", 0, 10);
    expect(entries.map((e) => e.id)).toEqual(["100001", "5001"]);
    expect((await readListing(env.NEWS, "News/World", 0, 10)).entries.map((e) => e.id)).toEqual(["5001"]);

    const corrected = await put("5001", { ...sampleArticle(5001, ["News", "World"], "2020-02-26"), headline: "Sample article 5001, corrected" });
    expect(corrected.status).toBe(200);
    const after = await get(CANONICAL + "/Detail/2020/02/26/5001/Sample-article-5001-corrected", { Accept: "application/json" });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(first.headers.get("etag"));
    const a = await after.json<{ dateModified: string; headline: string }>();
    expect(a.headline).toBe("Sample article 5001, corrected");
    expect(a.dateModified).not.toBe("2020-02-26");
    expect(Date.parse(a.dateModified)).toBeGreaterThan(Date.parse("2020-02-26"));
    // the old slug now redirects to the new canonical path
    const old = await get(CANONICAL + path);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(CANONICAL + "/Detail/2020/02/26/5001/Sample-article-5001-corrected");

    const deleted = await get(`${API}/5001`, auth, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await get(CANONICAL + path, { Accept: "application/json" })).status).toBe(404);
    expect((await readListing(env.NEWS, "all", 0, 10)).entries.map((e) => e.id)).toEqual(["100001"]);
    expect((await get(`${API}/5001`, auth, { method: "DELETE" })).status).toBe(404);
  });

  it("moves an article between sections", async () => {
    expect((await put("5002", sampleArticle(5002, ["News", "Asia"]))).status).toBe(201);
    expect((await put("5002", sampleArticle(5002, ["News", "Africa"]))).status).toBe(200);
    expect((await readListing(env.NEWS, "News/Asia", 0, 10)).total).toBe(0);
    expect((await readListing(env.NEWS, "News/Africa", 0, 10)).entries.map((e) => e.id)).toEqual(["5002"]);
    await get(`${API}/5002`, auth, { method: "DELETE" });
  });

  it("leaves no index entry whose article cannot be read", async () => {
    await put("5003", sampleArticle(5003));
    const { entries } = await readListing(env.NEWS, "all", 0, 100);
    for (const e of entries) expect((await get(CANONICAL + e.path, { Accept: "application/json" })).status).toBe(200);
    await get(`${API}/5003`, auth, { method: "DELETE" });
    expect((await get(CANONICAL + SEED_PATH)).status).toBe(200);
  });
});
