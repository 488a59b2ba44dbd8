/**
 * @module
 * The photos of a story's body, read from and written back to its text: each `::: figure` block with
 * the lines it spans and its fields. The text stays the one source (what is saved, previewed and
 * autosaved); the photo cards and the writing surface both go through these.
 */

import { FIGURE_KEYS } from "./article-text.ts";

export interface FigureBlock {
  /** The lines of the `::: figure` and of its closing `:::` (1-based). */
  first: number;
  last: number;
  fields: Record<string, string>;
}

/** Every figure block of a body, in order. */
export function figureBlocks(text: string): FigureBlock[] {
  const lines = text.split("\n");
  const out: FigureBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "::: figure") continue;
    const fields: Record<string, string> = {};
    let j = i + 1;
    for (; j < lines.length && lines[j].trim() !== ":::"; j++) {
      const m = /^([a-z]+):[ \t]*(.*)$/.exec(lines[j]);
      if (m) fields[m[1]] = m[2].trim();
    }
    if (j >= lines.length) break;
    out.push({ first: i + 1, last: j + 1, fields });
    i = j;
  }
  return out;
}

/** A figure block's text. */
export function figureText(fields: Record<string, string>): string {
  return [
    "::: figure",
    ...FIGURE_KEYS.filter((k) => fields[k] !== undefined && (fields[k] !== "" || ["caption", "credit", "alt"].includes(k))).map((k) => `${k}: ${fields[k]}`),
    ":::",
  ].join("\n");
}

/** Blocks of a body split at blank lines, with each figure kept whole. */
function blocksOf(text: string): string[] {
  const figures = figureBlocks(text);
  const lines = text.split("\n");
  const out: string[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.join("").trim()) out.push(chunk.join("\n").trim());
    chunk = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const f = figures.find((b) => b.first === i + 1);
    if (f) {
      flush();
      out.push(lines.slice(f.first - 1, f.last).join("\n"));
      i = f.last - 1;
    } else if (lines[i].trim() === "") flush();
    else chunk.push(lines[i]);
  }
  flush();
  return out;
}

/** The body with figure `index` changed (`fields`), removed (`null`), or moved `by` places among the figures (`-Infinity`: to the top). */
export function withFigure(text: string, index: number, change: { fields?: Record<string, string> | null; by?: number }): string {
  const figures = figureBlocks(text);
  const f = figures[index];
  if (!f) return text;
  const lines = text.split("\n");
  if (change.fields !== undefined) {
    const replacement = change.fields === null ? [] : [figureText(change.fields)];
    return [...lines.slice(0, f.first - 1), ...replacement, ...lines.slice(f.last)]
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }
  const blocks = blocksOf(text);
  const self = lines.slice(f.first - 1, f.last).join("\n");
  const at = blocks.indexOf(self);
  const target = change.by === -Infinity ? 0 : figures[index + (change.by ?? 0)];
  if (at < 0 || target === undefined) return text;
  blocks.splice(at, 1);
  const to = target === 0 ? 0 : blocks.indexOf(lines.slice(target.first - 1, target.last).join("\n")) + ((change.by ?? 0) > 0 ? 1 : 0);
  blocks.splice(to, 0, self);
  return blocks.join("\n\n");
}
