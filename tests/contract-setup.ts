// Runs with every test file (vitest setupFiles): after its tests, the contract check over the API
// responses they received (tests/contract.ts).
import { afterAll, expect } from "vitest";
import { contractViolations } from "./contract.ts";

afterAll(async () => {
  expect(await contractViolations()).toEqual([]);
});
