/**
 * @module
 * Where a benchmark writes its results. A run on a developer's machine must not rewrite the files
 * docs/benchmarks.md quotes, which git tracks: by default results go to `test-results/bench/` (ignored by
 * git); `--save` writes the tracked copy in `bench/results/`, for a run meant to replace docs/benchmarks.md's
 * figures.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const SAVED_DIR = "bench/results";
export const SCRATCH_DIR = "test-results/bench";

/** The path `name` (e.g. `hot.json`) is written to: tracked with `save`, else scratch. */
export function resultsPath(name: string, save: boolean): string {
  return join(save ? SAVED_DIR : SCRATCH_DIR, name);
}

/** Writes `value` as JSON to `resultsPath(name, save)`; returns the path. */
export function writeResults(name: string, value: unknown, save: boolean): string {
  const path = resultsPath(name, save);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + "\n");
  return path;
}
