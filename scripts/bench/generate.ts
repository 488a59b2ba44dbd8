/**
 * @module
 * Deterministic, plausible articles for benchmarks: a seeded generator over the seed's section tree,
 * with varied lengths and dates spread over three years. The same seed gives the same articles.
 */

import type { Article } from "../../src/shared/model/schema.ts";

export const SECTIONS = [
  ["News", "Syria", "Turkey"],
  ["News", "Syria"],
  ["News", "Middle East"],
  ["News", "Iran"],
  ["News", "World"],
  ["News", "Africa"],
  ["Economy"],
  ["Economy", "Energy"],
  ["Sport", "Football"],
  ["Culture"],
];

const WORDS =
  "the government forces said on thursday that ministry officials reported new talks between delegations in the region after weeks of clashes near the border while analysts warned prices could rise again as parliament debated".split(
    " ",
  );

/** A small seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rnd: () => number, words: number): string {
  const out = Array.from({ length: words }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return out.join(" ") + ".";
}

/** `n` articles with ids from `firstId`; section popularity skewed towards News. */
export function generateArticles(n: number, seed = 1, firstId = 1_000_000): Article[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const id = String(firstId + i);
    const published = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 3 * 365 * 86_400) * 1000).toISOString().replace(".000Z", "Z");
    const headline = `${sentence(rnd, 4 + Math.floor(rnd() * 8)).slice(0, -1)} ${id}`;
    const paragraphs = 2 + Math.floor(rnd() ** 2 * 20);
    const body: Article["body"] = [];
    for (let p = 0; p < paragraphs; p++) {
      if (p > 0 && rnd() < 0.15) body.push({ type: "heading", text: sentence(rnd, 4) });
      body.push({ type: "paragraph", text: Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => sentence(rnd, 8 + Math.floor(rnd() * 14))).join(" ") });
    }
    if (rnd() < 0.3) body.splice(1, 0, { type: "figure", caption: sentence(rnd, 10), credit: "Photo by AFP" });
    const section = SECTIONS[Math.min(SECTIONS.length - 1, Math.floor(rnd() ** 1.6 * SECTIONS.length))];
    const slug = headline
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100)
      .replace(/-+$/, "");
    const first = body.find((b) => b.type === "paragraph");
    const description = first && first.type === "paragraph" ? first.text.slice(0, 300) : headline;
    return { id, slug, section, headline, description, published, modified: published, body };
  });
}
