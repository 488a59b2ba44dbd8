/**
 * @module
 * How an article presents itself off the site (v1.2): a title and description for search results
 * (`seoTitle`, `seoDescription`) and an image for social cards (`socialImage`, an https URL: for a
 * photo uploaded here, the `url` its upload answered), each optional. The pages use them in
 * `<title>`, the description and the OpenGraph and X cards; the headline, the standfirst and the
 * lead photo stand in for any left out.
 */

import { isHttpsUrl, type TextCheck } from "./blocks.ts";

export interface Promotion {
  seoTitle?: string;
  seoDescription?: string;
  socialImage?: string;
}

/** The promotion members of an untrusted article; only those given are returned. */
export function promotion(a: Record<string, unknown>, errors: { field: string; message: string }[], text: TextCheck): Promotion {
  const out: Promotion = {};
  for (const [key, max] of [
    ["seoTitle", 200],
    ["seoDescription", 500],
    ["socialImage", 2000],
  ] as const)
    if (a[key] !== undefined) out[key] = text(a[key], key, errors, max);
  if (out.socialImage && !isHttpsUrl(out.socialImage)) errors.push({ field: "socialImage", message: "must be an https URL" });
  return out;
}
