// Edge cases that mutation testing (npm run test:mutation) showed no other test pinned: each block
// names the module, each case the behaviour a surviving mutant had changed. Plain Node.
import { describe, expect, it } from "vitest";
import { articleIdFromPath, articlePath } from "../../../src/shared/model/paths.ts";

describe("model/paths", () => {
  it("dates the path by the calendar day of a date-time as written", () => {
    expect(articlePath({ id: "5", slug: "s", published: "2020-02-27T23:30:00-05:00" })).toBe("/Detail/2020/02/27/5/s");
  });

  it("finds an id only at the start of the path", () => {
    expect(articleIdFromPath("/x/detail/2020/02/27/1/s")).toBeUndefined();
    expect(articleIdFromPath("/detail/2020/02/27/1/s")).toBe("1");
  });
});
