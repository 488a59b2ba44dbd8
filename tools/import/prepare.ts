/**
 * @module
 * A parsed item made ready for the Newsroom: its HTML body converted to blocks (what was dropped
 * counted), each figure's image resolved (a local file uploaded, a remote one kept as an https URL
 * and listed), and the article checked against the schema the Newsroom will check it with, so a
 * refusal names its reason before anything is sent.
 */

import { validateArticle } from "../../src/shared/model/schema.ts";
import { htmlBlocks } from "./html-blocks.ts";
import type { SourceItem } from "./items.ts";
import { ARTICLE_ID } from "../../src/shared/model/ids.ts";

/** What became of an image: an uploaded photo (src, width, height), a remote https URL, or nothing usable. */
export type ImageResult = { src: string; width?: number; height?: number; remote?: true } | { dropped: string };

export interface Prepared {
  ready: { source: string; article: Record<string, unknown>; id?: string; oldPaths: string[] }[];
  refused: { source: string; label: string; reason: string }[];
  dropped: Record<string, number>;
  remote: string[];
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

export async function prepare(items: SourceItem[], credit: string, image: (src: string) => Promise<ImageResult>): Promise<Prepared> {
  const out: Prepared = { ready: [], refused: [], dropped: {}, remote: [] };
  for (const item of items) {
    if (item.refused) {
      out.refused.push({ source: item.source, label: item.label, reason: item.refused });
      continue;
    }
    const article = { ...item.article };
    if (item.html !== undefined) {
      const { blocks, dropped } = htmlBlocks(item.html, { base: item.base, credit: credit || "Archive" });
      addCounts(out.dropped, dropped);
      for (const block of blocks) {
        if (block.type !== "figure" || typeof block.src !== "string") continue;
        const found = await image(block.src);
        if ("dropped" in found) {
          delete block.src;
          addCounts(out.dropped, { [found.dropped]: 1 });
          continue;
        }
        block.src = found.src;
        if (found.remote && !out.remote.includes(found.src)) out.remote.push(found.src);
        if (found.width && found.height) Object.assign(block, { width: found.width, height: found.height });
      }
      article.body = blocks.slice(0, 1000);
    }
    const checked = validateArticle({ ...article, id: item.id && ARTICLE_ID.test(item.id) ? item.id : "1" });
    if (!checked.ok) {
      const reason = checked.errors
        .slice(0, 3)
        .map((e) => `${e.field || "article"} ${e.message}`)
        .join("; ");
      out.refused.push({ source: item.source, label: item.label, reason: checked.errors.length > 3 ? `${reason}; …` : reason });
      continue;
    }
    out.ready.push({ source: item.source, article, ...(item.id && { id: item.id }), oldPaths: item.oldPaths });
  }
  return out;
}
