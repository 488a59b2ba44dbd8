// The seed article must be served word for word: every line of the seed text appears, in
// order, in the HTML page's text, and every body line in the JSON.
import { beforeAll, expect, it } from "vitest";
import seed from "../../support/fixtures/seed-article.txt?raw";
import { CANONICAL, get, loadSeedContent, SEED_PATH, seedLinesOfThisSite } from "../../support/helpers.ts";

beforeAll(loadSeedContent);

const seedLines = seed.split("\n").filter((l) => l.trim() !== "");
/** As this site shows them (its name, addresses and apps in the seed's closing chrome). */
const lines = seedLinesOfThisSite(seedLines);

/** The text a reader sees: markup, styles and scripts removed, entities decoded. */
function pageText(html: string): string {
  return html
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/g, "")
    .replace(/<head>[\s\S]*?<\/head>/, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);
}

it("shows every line of the seed in the HTML page, in order", async () => {
  const text = pageText(await (await get(CANONICAL + SEED_PATH)).text());
  expect(seedLines).toHaveLength(42); // the non-blank lines of tests/support/fixtures/seed-article.txt
  let from = 0;
  for (const line of lines) {
    const at = text.indexOf(line, from);
    expect(at, `missing or out of order: ${line}`).toBeGreaterThanOrEqual(0);
    from = at + line.length;
  }
});

it("carries every body line of the seed in the JSON, in order", async () => {
  const a = await (
    await get(CANONICAL + SEED_PATH, { Accept: "application/json" })
  ).json<{
    headline: string;
    body: { type: string; text?: string; caption?: string; credit?: string }[];
  }>();
  expect(a.headline).toBe(seedLines[1]);
  const body = a.body.map((b) => (b.type === "figure" ? `${b.caption} (${b.credit})` : b.text));
  expect(body).toEqual(
    seedLines.slice(
      2,
      seedLines.findIndex((l) => l.startsWith("Press TV’s website")),
    ),
  );
});
