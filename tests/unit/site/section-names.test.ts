// Issue 36, editions: section names per language from site.toml's `section_names` (wrangler.toml
// `SECTION_NAMES`), matched by path in any case; what is malformed is refused at build time and left
// out at run time.
import { describe, expect, it } from "vitest";
import { namedTree, sectionNamesOf, sectionNamesProblems, shownName } from "../../../src/reader/site/section-names.ts";

const CONFIG = { fa: { News: "اخبار", "News/Iran": "ایران", "bad path/": "x", Sports: "" }, ar: { News: "الأخبار" } };

describe("section names", () => {
  it("takes the edition's table by its primary language subtag, paths in lower case, dropping malformed entries", () => {
    expect([...sectionNamesOf(CONFIG, "fa-IR")]).toEqual([
      ["news", "اخبار"],
      ["news/iran", "ایران"],
    ]);
    expect(sectionNamesOf(CONFIG, "en").size).toBe(0);
    expect(sectionNamesOf(undefined, "fa").size).toBe(0);
  });

  it("shows the edition's name for a path in any case, else the articles' own", () => {
    const names = sectionNamesOf(CONFIG, "fa");
    expect(shownName(names, "NEWS/iran", "Iran")).toBe("ایران");
    expect(shownName(names, "Economy", "Economy")).toBe("Economy");
    expect(shownName(undefined, "News", "News")).toBe("News");
  });

  it("names a whole menu tree", () => {
    const tree = [{ path: "News", name: "News", url: "/News", sections: [{ path: "News/Iran", name: "Iran", url: "/News/Iran", sections: [] }] }];
    expect(namedTree(tree, sectionNamesOf(CONFIG, "fa"))).toEqual([
      { path: "News", name: "اخبار", url: "/News", sections: [{ path: "News/Iran", name: "ایران", url: "/News/Iran", sections: [] }] },
    ]);
    expect(namedTree(tree, sectionNamesOf(CONFIG, "en"))).toBe(tree);
  });

  it("names each problem of a site.toml table", () => {
    expect(sectionNamesProblems(undefined)).toEqual([]);
    expect(sectionNamesProblems({ fa: { News: "اخبار" } })).toEqual([]);
    expect(sectionNamesProblems("x")).toHaveLength(1);
    expect(sectionNamesProblems({ Farsi: { News: "اخبار" }, fa: { "a//b": "x", News: "" }, ar: 3 })).toEqual([
      'section_names.Farsi: must be a primary language subtag such as "fa"',
      'section_names.fa: "a//b" must be a section path (1 to 4 names joined by "/") with a name',
      'section_names.fa: "News" must be a section path (1 to 4 names joined by "/") with a name',
      "section_names.ar: must be a table of section paths and names",
    ]);
  });
});
