import { describe, expect, it } from "vitest";
import { contentSignal } from "../src/http/content-signal.ts";

describe("contentSignal", () => {
  it("writes the table as the header value, in the order configured", () => {
    expect(contentSignal({ "ai-train": "no", search: "yes" })).toBe("ai-train=no, search=yes");
    expect(contentSignal({})).toBe("");
  });

  it.each([[{ "ai-training": "no" }], [{ search: "maybe" }], [{ search: true }], [["search=yes"]], ["search=yes"]])("refuses %j", (config) => {
    expect(() => contentSignal(config)).toThrow(TypeError);
  });
});
