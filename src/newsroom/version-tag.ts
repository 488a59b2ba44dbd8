/**
 * @module
 * A stored version's content tag (src/shared/model/article-tag.ts), computed over the article as
 * `validateArticle` returns it, exactly as a reader computes it from the KV record it read, so the
 * two agree whatever order the stored JSON keeps its members in.
 */

import { articleTag } from "../shared/model/article-tag.ts";
import { type Article, validateArticle } from "../shared/model/schema.ts";

export async function tagOf(article: Article): Promise<string> {
  const valid = validateArticle(article);
  return articleTag(valid.ok ? valid.value : article);
}
