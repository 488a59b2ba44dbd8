// An archive import through the admin API into the real Newsroom and KV (behind the one-write-a-second
// limit), then read back through the Worker: WordPress's own importer fixture, heise's Atom feed and
// dpa's ninjs item. Every recorded old path answers 301 to its article in one hop (on the canonical
// host absolute, on a mirror its own path); unknown old paths 404; a rerun changes nothing and reports
// every item as already there; a correction that moves an article moves its old paths' target too.
import { beforeAll, describe, expect, it } from "vitest";
import type { ImportReport } from "../../../src/shared/newsroom-api.ts";
import { parseSource } from "../../../tools/import/detect.ts";
import { prepare } from "../../../tools/import/prepare.ts";
import ninjs from "../../support/fixtures/import/ninjs/dpa_text.json?raw";
import atom from "../../support/fixtures/import/rss-parser/heise.atom?raw";
import wxr from "../../support/fixtures/import/wordpress-importer/small-export.xml?raw";
import { CANONICAL, get, newsroomStub, REDIRECT, TOKEN, WAIT } from "../../support/helpers.ts";

const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
const remote = async (src: string) => ({ src: src.replace(/^http:/, "https:"), remote: true as const });
const IMPORT = `${CANONICAL}/api/v1/admin/import`;

async function send(text: string) {
  const parsed = parseSource(text, { section: "News", pages: true });
  const prepared = await prepare(parsed.items, parsed.title, remote);
  const res = await get(IMPORT, auth, { method: "POST", body: JSON.stringify({ items: prepared.ready, sections: parsed.sections }) });
  expect(res.status).toBe(200);
  await newsroomStub().settled();
  return { parsed, prepared, answer: await res.json<ImportReport>() };
}

type Sent = Awaited<ReturnType<typeof send>>;
const runs: Record<string, Sent> = {};
const idOf = (run: Sent, source: string) => run.answer.imported.find((i) => i.source === source)!.id;
async function pathOf(id: string): Promise<string> {
  const res = await get(`${CANONICAL}/api/v1/articles/${id}`, { Authorization: `Bearer ${TOKEN}` });
  return new URL((await res.json<{ canonicalUrl: string }>()).canonicalUrl).pathname;
}

beforeAll(async () => {
  runs.wxr = await send(wxr);
  runs.atom = await send(atom);
  runs.ninjs = await send(ninjs);
});

describe("importing", () => {
  it("imports every item, drafts stay drafts", () => {
    expect(runs.wxr.answer.imported).toHaveLength(11);
    expect(runs.wxr.answer.refused).toEqual([]);
    expect(runs.wxr.answer.imported.filter((i) => i.status === "draft").map((i) => i.source)).toEqual(["wxr:localhost:page:9", "wxr:localhost:post:13"]);
    expect(runs.atom.answer.imported).toHaveLength(15);
    expect(runs.ninjs.answer.imported).toHaveLength(1);
  });

  it("serves the articles with their sections, authors and dates; drafts are not public", async () => {
    const id = idOf(runs.wxr, "wxr:localhost:post:15");
    const res = await get(`${CANONICAL}/api/v1/articles/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      section: ["Bar", "Foo"],
      headline: "Foo-child",
      datePublished: "2011-01-18T07:48:07+00:00",
      authors: [{ name: "editor" }],
      body: [{ type: "paragraph", text: "Post associated with the Foo category that is a child of Bar." }],
    });
    expect((await get(`${CANONICAL}/Bar/Foo`, { Accept: "application/json" })).status).toBe(200);
    expect((await get(`${CANONICAL}/api/v1/articles/${idOf(runs.wxr, "wxr:localhost:post:13")}`)).status).toBe(404);
    const dpa = await (await get(`${CANONICAL}/api/v1/articles/${idOf(runs.ninjs, runs.ninjs.answer.imported[0].source)}`)).json<{ language: string }>();
    expect(dpa.language).toBe("de");
  });
});

describe("old URLs", () => {
  it("every recorded old path of a public article answers 301 to it, in one hop", async () => {
    let checked = 0;
    for (const run of [runs.wxr, runs.atom]) {
      for (const item of run.prepared.ready) {
        const imported = run.answer.imported.find((i) => i.source === item.source)!;
        for (const old of item.oldPaths) {
          const url = new URL(old, CANONICAL);
          const res = await get(CANONICAL + url.pathname + url.search);
          if (imported.status === "draft") {
            expect(res.status).toBe(404);
            continue;
          }
          expect(res.status, old).toBe(301);
          const location = res.headers.get("location")!;
          expect(location).toBe(CANONICAL + (await pathOf(imported.id)));
          expect(res.headers.get("cache-control")).toBe("public, max-age=60");
          expect((await get(location, { Accept: "application/json" })).status).toBe(200);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9 * 2 + 15);
  });

  it("old category paths go to their sections", async () => {
    for (const path of ["/category/bar/foo-bar/", "/?cat=5", "/category/bar/foo-bar"]) {
      const res = await get(CANONICAL + path);
      expect(res.status, path).toBe(301);
      expect(res.headers.get("location")).toBe(`${CANONICAL}/Bar/Foo`);
    }
  });

  it("a mirror redirects to its own path, a redirect host to the canonical URL in one hop; unknown old paths are 404s", async () => {
    const id = idOf(runs.wxr, "wxr:localhost:post:1");
    const res = await get("http://localhost:8787/?p=1");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(await pathOf(id));
    const redirected = await get(`${REDIRECT}/?p=1`);
    expect(redirected.status).toBe(301);
    expect(redirected.headers.get("location")).toBe(CANONICAL + (await pathOf(id)));
    expect((await get(`${REDIRECT}/category/bar/foo-bar/`)).headers.get("location")).toBe(`${CANONICAL}/Bar/Foo`);
    // What is not an old path is sent on as it was.
    expect((await get(`${REDIRECT}/nothing?x=1`)).headers.get("location")).toBe(`${CANONICAL}/nothing?x=1`);
    for (const path of ["/?p=99999", "/2011/01/18/nothing-here/", "/category/none/", "/developer/meldung/nothing.html"])
      expect((await get(CANONICAL + path)).status, path).toBe(404);
    // Any other query leaves the front page alone.
    expect((await get(`${CANONICAL}/?utm_source=x`, { Accept: "application/json" })).status).toBe(200);
  });

  it("a correction that moves an article moves its old paths' target", async () => {
    const id = idOf(runs.wxr, "wxr:localhost:post:17");
    const current = await (await get(`${CANONICAL}/api/v1/articles/${id}`, { Authorization: `Bearer ${TOKEN}` })).json<Record<string, unknown>>();
    const body = { ...(runs.wxr.prepared.ready.find((r) => r.source === "wxr:localhost:post:17")!.article as object), slug: "moved-foo" };
    expect(current.headline).toBe("Top-level Foo");
    const put = await get(`${CANONICAL}/api/v1/articles/${id}`, { ...auth, ...WAIT }, { method: "PUT", body: JSON.stringify(body) });
    expect(put.status).toBe(200);
    const res = await get(`${CANONICAL}/?p=17`);
    expect(res.headers.get("location")).toBe(`${CANONICAL}/Detail/2011/01/18/${id}/moved-foo`);
  });
});

describe("a rerun and bad input", () => {
  it("a rerun changes nothing and reports every item as already there", async () => {
    const before = await newsroomStub().changes(0, 10_000);
    for (const [text, run] of [
      [wxr, runs.wxr],
      [atom, runs.atom],
      [ninjs, runs.ninjs],
    ] as const) {
      const again = await send(text);
      expect(again.answer.imported).toEqual([]);
      expect(again.answer.redirects).toBe(0);
      expect(again.answer.taken).toEqual([]);
      expect(again.answer.skipped.map((s) => s.id).sort()).toEqual(run.answer.imported.map((i) => i.id).sort());
    }
    expect(await newsroomStub().changes(0, 10_000)).toEqual(before);
  });

  it("refuses what is not an import, with a problem and no change", async () => {
    const before = await newsroomStub().changes(0, 10_000);
    const bad = await get(IMPORT, auth, { method: "POST", body: JSON.stringify({ items: [{ source: "", article: 3 }] }) });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect((await get(IMPORT, auth, { method: "POST", body: "{" })).status).toBe(400);
    expect((await get(IMPORT, { "Content-Type": "application/json" }, { method: "POST", body: "{}" })).status).toBe(401);
    // An invalid article alone is refused, with its errors; the batch's others go in.
    const mixed = await get(IMPORT, auth, {
      method: "POST",
      body: JSON.stringify({ items: [{ source: "test:bad", article: { headline: "" } }] }),
    });
    const answer = await mixed.json<ImportReport>();
    expect(answer.refused[0]).toMatchObject({ source: "test:bad" });
    expect(answer.refused[0].errors.length).toBeGreaterThan(0);
    expect(await newsroomStub().changes(0, 10_000)).toEqual(before);
  });
});

describe("each item and section decided on its own", () => {
  const paragraph = (text: string) => ({ type: "paragraph", text });
  const item = (n: number, section: string[], extra: Record<string, unknown> = {}) => ({
    source: `test:alone:${n}`,
    article: { section, headline: `Alone ${n}`, published: "2019-05-01", body: [paragraph(`Story ${n}.`)], ...extra },
    oldPaths: [`/alone/${n}/`],
  });

  it("a batch with one oversized item imports the rest; the report names the oversized one and the 256 KiB limit", async () => {
    // 1,000 blocks of 12,000 characters: 12 MB, within the batch's 16 MiB but far over an article's 256 KiB.
    const huge = item(2, ["Alonesize"], { body: Array.from({ length: 1000 }, (_, i) => paragraph(`${i} ${"x".repeat(12_000)}`)) });
    const three = item(3, ["Alonesize"], { body: Array.from({ length: 250 }, (_, i) => paragraph(`${i} ${"y".repeat(12_000)}`)) });
    const res = await get(IMPORT, auth, { method: "POST", body: JSON.stringify({ items: [item(1, ["Alonesize"]), huge, three, item(4, ["Alonesize"])] }) });
    expect(res.status).toBe(200);
    const answer = await res.json<ImportReport>();
    expect(answer.imported.map((i) => i.source)).toEqual(["test:alone:1", "test:alone:4"]);
    expect(answer.refused).toEqual([
      { source: "test:alone:2", errors: [{ field: "", message: expect.stringMatching(/^must be at most 256 KiB as JSON \(this one is \d+ KiB\)$/) }] },
      { source: "test:alone:3", errors: [{ field: "", message: expect.stringMatching(/^must be at most 256 KiB as JSON/) }] },
    ]);
    await newsroomStub().settled();
    for (const id of answer.imported.map((i) => i.id)) expect((await get(`${CANONICAL}/api/v1/articles/${id}`)).status).toBe(200);
    // The refused items' old paths lead nowhere.
    for (const n of [2, 3]) expect((await get(`${CANONICAL}/alone/${n}/`)).status).toBe(404);
    expect((await get(`${CANONICAL}/alone/1/`)).status).toBe(301);
  });

  it("a refused item leaves no redirect: neither its old paths nor its category's, which has no article", async () => {
    const bad = item(12, ["Alonegone"], { headline: "" });
    const res = await get(IMPORT, auth, {
      method: "POST",
      body: JSON.stringify({
        items: [item(11, ["Alonekept"]), bad],
        sections: [
          { section: ["Alonekept"], oldPaths: ["/category/alonekept/"] },
          { section: ["Alonegone"], oldPaths: ["/category/alonegone/"] },
        ],
      }),
    });
    const answer = await res.json<ImportReport>();
    expect(answer.refused.map((r) => r.source)).toEqual(["test:alone:12"]);
    expect(answer.unrecorded).toEqual([{ section: ["Alonegone"], oldPaths: ["/category/alonegone/"] }]);
    await newsroomStub().settled();
    expect((await get(`${CANONICAL}/category/alonegone/`)).status).toBe(404);
    expect((await get(`${CANONICAL}/alone/12/`)).status).toBe(404);
    const kept = await get(`${CANONICAL}/category/alonekept/`);
    expect(kept.status).toBe(301);
    expect(kept.headers.get("location")).toBe(`${CANONICAL}/Alonekept`);
  });

  it.each([
    ["a reserved name", ["desk"], "section[0]"],
    ["another reserved name", ["Detail", "X"], "section[0]"],
    ["a line break", ["Alone\nbreak"], "section[0]"],
    ["//evil.example", ["//evil.example"], "section[0]"],
    ["five names", ["A", "B", "C", "D", "E"], "section"],
  ])("a section with %s is refused by name and records no redirect", async (_, section, field) => {
    const res = await get(IMPORT, auth, { method: "POST", body: JSON.stringify({ items: [], sections: [{ section, oldPaths: ["/category/refused-one/"] }] }) });
    expect(res.status).toBe(200);
    const answer = await res.json<ImportReport>();
    expect(answer.refused).toEqual([{ source: `section:${JSON.stringify(section)}`, errors: [expect.objectContaining({ field })] }]);
    expect(answer.redirects).toBe(0);
    await newsroomStub().settled();
    expect((await get(`${CANONICAL}/category/refused-one/`)).status).toBe(404);
  });
});
