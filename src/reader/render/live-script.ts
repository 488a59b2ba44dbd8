/**
 * @module
 * The live page's script (public/assets/live.js, issue 38), the one script a public page may run: read
 * through ASSETS once per isolate for its SHA-256, which an open live page names in its CSP (`script-src`)
 * and in the script element's `integrity`, and in its URL (`?h=`), so a deploy with a new script is a new URL.
 */

import { StorageError } from "../read/kv.ts";
import { sha256Base64 } from "../http/security.ts";

export const LIVE_SCRIPT_PATH = "/assets/live.js";

export interface LiveScript {
  /** Root-relative, with a piece of the hash as its version. */
  src: string;
  /** Base64 SHA-256 of the file, for `script-src 'sha256-…'` and `integrity`. */
  hash: string;
}

let memo: LiveScript | undefined;

/** The script's URL and hash; only a read that succeeded is remembered (as the stylesheet's). */
export async function liveScript(assets: Fetcher): Promise<LiveScript> {
  if (memo) return memo;
  let text: string;
  try {
    const res = await assets.fetch(`https://assets.invalid${LIVE_SCRIPT_PATH}`);
    if (!res.ok) throw new Error(`live.js answered ${res.status}`);
    text = await res.text();
  } catch (cause) {
    throw new StorageError("the live.js asset could not be read", { cause });
  }
  const hash = await sha256Base64(text);
  memo = { src: `${LIVE_SCRIPT_PATH}?h=${hash.replace(/[^A-Za-z0-9]/g, "").slice(0, 12)}`, hash };
  return memo;
}
