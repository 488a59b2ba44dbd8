import { describe, expect, it } from "vitest";
import { contentSignal } from "../../../src/reader/http/content-signal.ts";

describe("contentSignal", () => {
  it("writes the table as the header value, in the order configured", () => {
    expect(contentSignal({ "ai-train": "no", search: "yes" })).toBe("ai-train=no, search=yes");
    expect(contentSignal({})).toBe("");
  });

  it.each([[{ "ai-training": "no" }], [{ search: "maybe" }], [{ search: true }], [["search=yes"]], ["search=yes"]])("refuses %j", (config) => {
    expect(() => contentSignal(config)).toThrow(TypeError);
  });
});

describe("contentSignal, in detail", () => {
  it("takes each of the three signals, and refuses null and arrays as tables", () => {
    expect(contentSignal({ search: "yes", "ai-input": "no", "ai-train": "no" })).toBe("search=yes, ai-input=no, ai-train=no");
    expect(() => contentSignal(null)).toThrow("CONTENT_SIGNAL must be a table");
    expect(() => contentSignal([])).toThrow("CONTENT_SIGNAL must be a table");
  });

  it("names what is wrong", () => {
    expect(() => contentSignal({ "ai-training": "no" })).toThrow('CONTENT_SIGNAL: unknown signal "ai-training"');
    expect(() => contentSignal({ search: "maybe" })).toThrow('CONTENT_SIGNAL.search must be "yes" or "no"');
  });

  it("parses a table once: the same object gives the same value, another object is parsed again", () => {
    const table: Record<string, string> = { search: "yes" };
    expect(contentSignal(table)).toBe("search=yes");
    table.search = "no";
    expect(contentSignal(table)).toBe("search=yes");
    expect(contentSignal({ search: "no" })).toBe("search=no");
  });
});
