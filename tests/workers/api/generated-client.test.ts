// A client generated from /openapi.json (openapi-typescript types, openapi-fetch) compiled by
// `npm run check` and run against the Worker in workerd: list, read, conditional re-read, search and
// sync with a tombstone — what an app does, typed by the contract alone.
import { exports } from "cloudflare:workers";
import createClient from "openapi-fetch";
import { beforeAll, describe, expect, it } from "vitest";
import type { paths } from "../../../openapi/schema.d.ts";
import { CANONICAL, loadSeedContent, SEED_ID, TOKEN } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const client = createClient<paths>({ baseUrl: CANONICAL, fetch: (request: Request) => exports.default.fetch(request) });

describe("a generated client", () => {
  it("lists, reads, re-reads conditionally, searches and syncs through the documented operations", async () => {
    const list = await client.GET("/api/v1/articles", { params: { query: { per_page: 5, fields: "id,headline,description,image" } } });
    expect(list.response.status).toBe(200);
    expect(list.data?.articles.map((a) => a.id)).toContain(SEED_ID);

    const read = await client.GET("/api/v1/articles/{id}", { params: { path: { id: SEED_ID } } });
    expect(read.response.status).toBe(200);
    const etag = read.response.headers.get("etag")!;
    expect(read.data && "headline" in read.data && read.data.headline).toMatch(/Turkish troops/);
    const again = await client.GET("/api/v1/articles/{id}", { params: { path: { id: SEED_ID }, header: { "If-None-Match": etag } } });
    expect(again.response.status).toBe(304);

    const found = await client.GET("/api/v1/search", { params: { query: { q: "Idlib" } } });
    expect(found.data?.results[0]?.id).toBe(SEED_ID);

    const start = await client.GET("/api/v1/changes", { params: { query: { since: "0", limit: 100 } } });
    expect(start.response.status).toBe(200);
    let cursor = start.data!.next;
    for (let more = start.data!.more; more;) {
      const page = await client.GET("/api/v1/changes", { params: { query: { since: cursor } } });
      cursor = page.data!.next;
      more = page.data!.more;
    }
    const auth = { headers: { Authorization: `Bearer ${TOKEN}`, Prefer: "wait=30" } };
    const body = { section: ["Client"], headline: "Client test", published: "2020-01-02", body: [{ type: "paragraph" as const, text: "Hello." }] };
    expect((await client.PUT("/api/v1/articles/{id}", { params: { path: { id: "305001" } }, body, ...auth })).response.status).toBe(201);
    expect((await client.DELETE("/api/v1/articles/{id}", { params: { path: { id: "305001" } }, ...auth })).response.status).toBe(204);
    const sync = await client.GET("/api/v1/changes", { params: { query: { since: cursor, limit: 7 } } });
    expect(sync.data?.changes.map((c) => [c.type, c.id])).toEqual([
      ["upsert", "305001"],
      ["delete", "305001"],
    ]);
  });
});

describe("the contract check itself", () => {
  it("notices an undocumented status and a body that does not match its schema", async () => {
    const { contractViolations, record } = await import("../../support/contract.ts");
    const json = { "content-type": "application/json" };
    await record(new Request(`${CANONICAL}/api/v1/sections`), new Response("{}", { status: 418, headers: json }));
    await record(new Request(`${CANONICAL}/api/v1/sections`), new Response('{"total":"many","sections":[]}', { status: 200, headers: json }));
    const problems = await contractViolations();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/→ 418: status not documented/);
    expect(problems[1]).toMatch(/→ 200: .*total/);
  });
});
