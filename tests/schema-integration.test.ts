// The served side of tests/schema-property.test.ts (which runs in plain Node): an article the
// content build accepts is served, here inside workerd, stored through the Newsroom and read from real KV.
import { describe, expect, it } from "vitest";
import { loadContent } from "../tools/content/build.ts";
import { articlePath } from "../src/model/paths.ts";
import { CANONICAL, get, store } from "./helpers.ts";

// Without `description`, it comes from the first paragraph (up to 20 000 characters), while a given
// one may have at most 500. It once was the whole paragraph: the value did not validate again, and
// `readArticle`, which re-validates what it reads from KV, answered 503 for such an article.
describe("an article without description and a first paragraph over 500 characters", () => {
  it("is served after the content build accepted it", async () => {
    const source = [
      "---",
      "id: 900001",
      "section: News",
      "headline: A long first paragraph",
      "published: 2021-05-01",
      "---",
      "",
      "word ".repeat(120).trim(),
      "",
    ].join("\n");
    const built = loadContent([{ name: "long.md", source }]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    await store(...built.value);
    const res = await get(`${CANONICAL}${articlePath({ id: "900001", slug: "A-long-first-paragraph", published: "2021-05-01" })}`, {
      Accept: "application/json",
    });
    expect(res.status).toBe(200);
  });
});
