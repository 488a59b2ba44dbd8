import { describe, expect, it } from "vitest";
import { dataPoint, sampleInterval } from "../../../src/reader/metrics.ts";

// README, "Metrics and logs": a cache hit (isolate or edge) is written 1 in 10 and stands for 10
// requests (double3); every other answer is written every time and stands for 1.
describe("metrics sampling", () => {
  it("writes a cache hit when the draw falls in the first tenth, and weights it by 10", () => {
    for (const layer of ["isolate", "edge"] as const) {
      expect(sampleInterval(layer, 0)).toBe(10);
      expect(sampleInterval(layer, 0.0999)).toBe(10);
      expect(sampleInterval(layer, 0.1)).toBe(0);
      expect(sampleInterval(layer, 0.75)).toBe(0);
    }
  });

  it("writes every KV read, stale copy, redirect and error, each standing for itself", () => {
    for (const layer of ["origin", "stale", null] as const) for (const r of [0, 0.1, 0.5, 0.9999]) expect(sampleInterval(layer, r)).toBe(1);
  });

  it("counts hits without bias: over evenly spread draws, a tenth are written and their weights add up to every request", () => {
    const draws = Array.from({ length: 10_000 }, (_, i) => i / 10_000);
    const written = draws.map((r) => sampleInterval("isolate", r)).filter((n) => n > 0);
    expect(written.length).toBe(1_000);
    expect(written.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it("carries the interval as double3", () => {
    expect(dataPoint({ method: "GET", status: 200, representation: "json", layer: "isolate", policy: "mirror", kvReads: 0 }, 10)).toEqual({
      indexes: ["isolate"],
      blobs: ["json", "isolate", "mirror", "GET", ""],
      doubles: [200, 0, 10],
    });
  });
});
