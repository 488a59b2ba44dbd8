import { beforeAll, expect, it } from "vitest";
import { CANONICAL, get, loadSeedContent, SEED_PATH } from "./helpers.ts";

beforeAll(loadSeedContent);

it("serves the seed article as HTML by default", async () => {
  const res = await get(CANONICAL + SEED_PATH);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(await res.text()).toContain("<h1>34 Turkish troops killed");
});
