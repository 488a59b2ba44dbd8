// Runs with every test file (vitest setupFiles): KV's write limit around the Newsroom's binding
// before each test (tests/support/kv-limit.ts), and after the file's tests the contract check over the API
// responses they received (tests/support/contract.ts).
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { contractViolations } from "./contract.ts";
import { limitNewsroomKV } from "./kv-limit.ts";

beforeAll(limitNewsroomKV);
beforeEach(limitNewsroomKV);

afterAll(async () => {
  expect(await contractViolations()).toEqual([]);
});
