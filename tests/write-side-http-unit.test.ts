// The pure helpers the write side and the app API added to src/http, in Node: signed preview links,
// the RateLimit fields, and APP_LINKS parsing. (What they do through the Worker is in the
// integration tests; these pin their own contracts for mutation testing.)
import { describe, expect, it } from "vitest";
import { appLinks } from "../src/http/applinks.ts";
import { allowed, limitedHeaders, policyHeader } from "../src/http/ratelimit.ts";
import { previewValid, signPreview } from "../src/http/signing.ts";

describe("http/signing: preview links", () => {
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

describe("http/ratelimit: the RateLimit fields", () => {
  it("names the policy, and on a refusal says none is left until the window ends", () => {
    const policy = { name: "publish", limit: 300, period: 10 } as const;
    expect(policyHeader(policy)).toEqual({ "RateLimit-Policy": '"publish";q=300;w=10' });
    expect(limitedHeaders(policy)).toEqual({ "RateLimit-Policy": '"publish";q=300;w=10', RateLimit: '"publish";r=0;t=10', "Retry-After": "10" });
  });

  it("lets everything through when no binding is configured", async () => {
    expect(await allowed(undefined, "editor:x")).toBe(true);
  });
});

describe("http/applinks: APP_LINKS", () => {
  const fingerprint = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";
  const env = (APP_LINKS: unknown) => ({ APP_LINKS }) as unknown as Env;

  it("keeps well-formed apps only", () => {
    const links = appLinks(
      env({
        android: [
          { package: "ir.presstv.app", sha256: [fingerprint] },
          { package: "noDots", sha256: [fingerprint] },
          { package: "ir.presstv.other", sha256: [] },
          { package: "ir.presstv.bad", sha256: ["14:6D"] },
          { package: "ir.presstv.lower", sha256: [fingerprint.toLowerCase()] },
          { package: "ir.presstv.mixed", sha256: [fingerprint, "nope"] },
          { sha256: [fingerprint] },
          null,
          "ir.presstv.string",
        ],
        ios: ["ABCDE12345.ir.presstv.app", "abcde12345.ir.presstv.app", "ABCDE1234.ir.presstv.app", 7],
        ios_store_id: "123456789",
      }),
    );
    expect(links).toEqual({ android: [{ package: "ir.presstv.app", sha256: [fingerprint] }], ios: ["ABCDE12345.ir.presstv.app"], iosStoreId: "123456789" });
  });

  it("has no app when nothing or nonsense is configured", () => {
    for (const value of [
      undefined,
      {},
      { android: "x", ios: "y", ios_store_id: 5 },
      { ios_store_id: "12a" },
      { ios_store_id: "a12" },
      { ios_store_id: "1234567890123" },
    ])
      expect(appLinks(env(value))).toEqual({ android: [], ios: [] });
  });
});
