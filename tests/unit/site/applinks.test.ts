// APP_LINKS parsing in plain Node: well-formed apps only.
import { describe, expect, it } from "vitest";
import { appLinks } from "../../../src/reader/site/applinks.ts";

describe("APP_LINKS", () => {
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
