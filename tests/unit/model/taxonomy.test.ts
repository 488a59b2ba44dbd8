// Issue 36: the slug of an author's name or a tag (one function everywhere), the scopes an index entry is listed
// in, and what a change to a byline, tag or correction makes stale (src/shared/freshness/resources.ts).
import { describe, expect, it } from "vitest";
import { affectedBy, type StoreView, writesOf } from "../../../src/shared/freshness/resources.ts";
import { isScope, rootKey } from "../../../src/shared/model/index-tree.ts";
import { entryScopes, scopeKind, taxonomyScopes, taxonomySlug } from "../../../src/shared/model/taxonomy.ts";
import { indexEntry, latestCorrection } from "../../../src/shared/model/documents.ts";

describe("taxonomySlug", () => {
  it.each([
    ["Leila Karimi", "leila-karimi"],
    ["Zoë Ångström", "zoe-angstrom"],
    ["O’Brien, Seán", "obrien-sean"],
    ["خاورمیانه", "خاورمیانه"],
    ["  Oil & Gas  ", "oil-gas"],
    ["ΑΘΗΝΑ", "αθηνα"],
    ["!!!", ""],
  ])("%j → %j", (name, slug) => {
    expect(taxonomySlug(name)).toBe(slug);
    // Deterministic and settled: a slug is its own slug.
    expect(taxonomySlug(slug)).toBe(slug);
  });

  it("is at most 80 characters and never ends with a dash", () => {
    const slug = taxonomySlug("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("scopes", () => {
  it("an entry is listed in its section's scopes, then each author's and tag's once, and @corrections when corrected", () => {
    const entry = indexEntry({
      id: "1",
      slug: "x",
      section: ["News", "Iran"],
      headline: "H",
      description: "",
      published: "2026-01-01",
      modified: "2026-01-02",
      body: [],
      authors: [{ name: "Jane Doe" }, { name: "jane  doe" }],
      tags: ["Oil", "!!", "oil"],
      corrections: [
        { date: "2026-01-03", text: "second" },
        { date: "2026-01-02", text: "first" },
      ],
    });
    expect(entry.correction).toEqual({ date: "2026-01-03", text: "second" });
    expect(entryScopes(entry)).toEqual(["all", "News", "News/Iran", "@author/jane-doe", "@tag/oil", "@corrections"]);
    for (const scope of entryScopes(entry)) expect(isScope(scope), scope).toBe(true);
    expect(taxonomyScopes({})).toEqual([]);
    expect(scopeKind("@tag/oil")).toEqual({ kind: "tag", slug: "oil" });
    expect(scopeKind("News")).toEqual({ kind: "section" });
    expect(latestCorrection(undefined)).toBeUndefined();
  });

  it("no section path is an author, tag or corrections scope", () => {
    expect(isScope("author/jane-doe")).toBe(true); // a section path (reserved: no section may be called "author")
    expect(isScope("@author/jane-doe")).toBe(true);
    expect(isScope("@author/")).toBe(false);
    expect(isScope("@author/a/b")).toBe(false);
    expect(isScope("@other/x")).toBe(false);
  });
});

describe("what a change makes stale", () => {
  const store: StoreView = {
    sectionOf: (id) => (id === "1" ? ["News"] : undefined),
    listed: (scope) => (["all", "News", "@author/jane-doe"].includes(scope) ? ["1"] : []),
    scopes: () => ["News"],
    tagScopesOf: (id) => (id === "1" ? ["@tag/oil"] : []),
  };

  it("a byline changed writes the old and the new author's listings; their pages and feeds go with them", () => {
    const change = { id: "1", before: ["News"], after: ["News"], navChanged: false, countsChanged: false, taxonomy: ["@author/jane-doe", "@author/john-roe"] };
    expect(writesOf(change)).toEqual(expect.arrayContaining([rootKey("@author/jane-doe"), rootKey("@author/john-roe")]));
    expect(affectedBy(change, { type: "listing", scope: "@author/jane-doe", page: 1 }, "html", store)).toBe(true);
    expect(affectedBy(change, { type: "feed", scope: "@author/john-roe" }, "rss", store)).toBe(true);
    expect(affectedBy(change, { type: "listing", scope: "@tag/gas", page: 1 }, "json", store)).toBe(false);
  });

  it("an article page reads its tags' listings (its related stories): a story newly tagged the same makes it stale", () => {
    const tagged = { id: "2", before: null, after: ["News"], navChanged: false, countsChanged: true, taxonomy: ["@tag/oil"] };
    expect(affectedBy(tagged, { type: "article", id: "1" }, "html", store)).toBe(true);
    expect(affectedBy(tagged, { type: "article", id: "1" }, "json", store)).toBe(false);
  });
});
