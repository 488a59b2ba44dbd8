/**
 * @module
 * What a reader must see, read straight from the article source files (`content/articles/*.md`)
 * with a reader of its own, so a bug in the Worker's parser cannot hide in the expectation.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Expected = { kind: "h1" | "h2" | "p"; text: string } | { kind: "figcaption"; caption: string; credit: string };

export interface ExpectedArticle {
  file: string;
  id: string;
  headline: string;
  blocks: Expected[];
}

const CONTENT = new URL("../../../content/articles/", import.meta.url);

/** Collapses runs of whitespace the way rendered text does. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function field(lines: string[], key: string): string {
  const line = lines.find((l) => l.startsWith(`${key}:`));
  if (line === undefined) throw new Error(`no \`${key}:\` line`);
  return line.slice(key.length + 1).trim();
}

/** Front matter, then blank-line separated blocks: `## ` headings, `::: figure` … `:::`, paragraphs. */
export function readArticle(file: string): ExpectedArticle {
  const source = readFileSync(new URL(file, CONTENT), "utf8");
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, "\n")) ?? [];
  if (front === undefined) throw new Error(`${file}: no front matter`);
  const meta = front.split("\n");
  const headline = field(meta, "headline");
  const blocks: Expected[] = [{ kind: "h1", text: headline }];
  for (const chunk of body
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter(Boolean)) {
    const lines = chunk.split("\n");
    if (lines[0] === "::: figure") blocks.push({ kind: "figcaption", caption: field(lines, "caption"), credit: field(lines, "credit") });
    else if (chunk.startsWith("## ")) blocks.push({ kind: "h2", text: squash(chunk.slice(3)) });
    else blocks.push({ kind: "p", text: squash(chunk) });
  }
  return { file: join("content/articles", file), id: field(meta, "id"), headline, blocks };
}

/** The seed article, the one file of content/ the e2e run relies on (the run publishes its other fixtures itself). */
export const SEED_FILE = "2020-02-27-turkish-troops-killed-in-idlib.md";

export function allArticles(): ExpectedArticle[] {
  return readdirSync(CONTENT)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map(readArticle);
}
