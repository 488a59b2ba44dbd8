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
