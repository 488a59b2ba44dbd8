// Signed preview links (src/reader/auth/signing.ts) in plain Node: 24 hours, one id, one secret, the
// canonical base64url of the signature only.
import { describe, expect, it } from "vitest";
import { previewValid, signPreview } from "../../../src/reader/auth/signing.ts";

// From findings-http-unit.test.ts: Issue 23, in plain Node: the preview link's signature (item 13). Named after the defect.
describe("issue 23's findings: the preview link's signature", () => {
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  describe("a preview signature with altered last characters (issue 23, item 13)", () => {
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

  describe("what else a preview link must have (issue 23, item 13)", () => {
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
});

// From write-side-http-unit.test.ts: The pure helpers the write side and the app API added to src/http, in Node: signed preview links, the RateLimit fields, and APP_LINKS parsing. (What they do through the Worker is in the integration tests; these pin their own contracts for mutation testing.)
describe("pinned for mutation testing: the write side's helpers", () => {
  describe("preview links", () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0);

    it("signs for 24 hours: valid until then, for that id and that secret only", async () => {
      const query = new URLSearchParams(await signPreview("100001", "s3cret", now));
      const expires = query.get("expires")!;
      expect(Number(expires)).toBe(now / 1000 + 86_400);
      const signature = query.get("signature")!;
      expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await previewValid("100001", expires, signature, "s3cret", now)).toBe(true);
      expect(await previewValid("100001", expires, signature, "s3cret", now + 86_399_000)).toBe(true);
      expect(await previewValid("100001", expires, signature, "s3cret", now + 86_400_000)).toBe(false);
      expect(await previewValid("100002", expires, signature, "s3cret", now)).toBe(false);
      expect(await previewValid("100001", expires, signature, "other", now)).toBe(false);
      expect(await previewValid("100001", String(Number(expires) + 1), signature, "s3cret", now)).toBe(false);
    });

    it("refuses what is missing or malformed before any crypto", async () => {
      const query = new URLSearchParams(await signPreview("7", "k", now));
      const [expires, signature] = [query.get("expires")!, query.get("signature")!];
      for (const [e, s, secret] of [
        [undefined, signature, "k"],
        [expires, undefined, "k"],
        [expires, signature, undefined],
        [expires, signature, ""],
        ["12x", signature, "k"],
        ["1234567890123", signature, "k"],
        ["x12", signature, "k"],
        [expires, signature.slice(1), "k"],
        [expires, `${signature}A`, "k"],
        [expires, `A${signature}`, "k"],
        [expires, `${signature.slice(0, 42)}+`, "k"],
        [expires, "!".repeat(43), "k"],
      ] as const)
        // Malformed input is refused before decoding: no exception, just false.
        await expect(previewValid("7", e, s, secret, now)).resolves.toBe(false);
    });
  });
});
