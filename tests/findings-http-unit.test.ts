// Issue 23, in plain Node: the preview link's signature (item 13). Named after the defect.
import { describe, expect, it } from "vitest";
import { previewValid, signPreview } from "../src/http/signing.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("item 13: a preview signature with altered last characters", () => {
  it("is refused: only the canonical base64url of the signature is a valid link", async () => {
    const now = Date.UTC(2026, 0, 1);
    const query = new URLSearchParams(await signPreview("923010", "s3cret", now));
    const expires = query.get("expires")!;
    const signature = query.get("signature")!;
    expect(await previewValid("923010", expires, signature, "s3cret", now)).toBe(true);
    // 43 characters hold 258 bits for a 256-bit HMAC: the last character's two low bits are unused.
    const last = ALPHABET.indexOf(signature.at(-1)!);
    expect(last % 4).toBe(0);
    for (const low of [1, 2, 3]) {
      const altered = signature.slice(0, -1) + ALPHABET[last + low];
      expect(await previewValid("923010", expires, altered, "s3cret", now), altered).toBe(false);
    }
  });
});

describe("item 13: what else a preview link must have", () => {
  it("refuses a link without secret, expiry or signature, or with an expiry that is not all digits", async () => {
    const now = Date.UTC(2026, 0, 1);
    const query = new URLSearchParams(await signPreview("923011", "k", now));
    const [expires, signature] = [query.get("expires")!, query.get("signature")!];
    expect(await previewValid("923011", expires, signature, "k", now)).toBe(true);
    for (const [e, s, k] of [
      [undefined, signature, "k"],
      [expires, undefined, "k"],
      [expires, signature, undefined],
      [`${expires}x`, signature, "k"],
      [`x${expires}`, signature, "k"],
      [expires, signature + "A", "k"],
    ] as const) {
      expect(await previewValid("923011", e, s, k, now), JSON.stringify([e, s, k])).toBe(false);
    }
    // No secret configured means no previews, even for a link signed with the text "undefined".
    const forged = new URLSearchParams(await signPreview("923011", "undefined", now));
    expect(await previewValid("923011", forged.get("expires")!, forged.get("signature")!, undefined, now)).toBe(false);
  });
});
