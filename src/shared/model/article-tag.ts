/**
 * @module
 * A version's content tag: what an article's JSON ETag carries after its dot
 * (`"json-<hash of the bytes>.<tag>"`), so an `If-Match` names the version it was read from
 * without the reader asking the Newsroom. Both Workers compute it the same way, over the article
 * as `validateArticle` returns it: the reader from the KV record it read (or the Newsroom's answer),
 * the Newsroom from its stored version when it checks the precondition inside its commit.
 */

import type { Article } from "./schema.ts";
import { base64url } from "./base64url.ts";

const encoder = new TextEncoder();

/** 16 base64url characters (96 bits) of SHA-256 over the article's JSON. */
export async function articleTag(article: Article): Promise<string> {
  return base64url(await crypto.subtle.digest("SHA-256", encoder.encode(JSON.stringify(article)))).slice(0, 16);
}
