// Every Cache-Control string of src/shared/freshness/policy.ts is the README's, word for word.
import { describe, expect, it } from "vitest";
import { ARTICLE_CACHE, CONTENT_REDIRECT_CACHE, LISTING_CACHE, MISS_CACHE, NO_STORE, REDIRECT_CACHE } from "../../../src/shared/freshness/policy.ts";

describe("Cache-Control strings (README: Caching and freshness)", () => {
  it("are the README's, word for word", () => {
    expect(ARTICLE_CACHE).toBe("public, no-cache, stale-if-error=86400");
    expect(LISTING_CACHE).toBe("public, max-age=5, stale-if-error=86400");
    expect(MISS_CACHE).toBe("public, max-age=30, s-maxage=60");
    expect(REDIRECT_CACHE).toBe("public, max-age=3600");
    expect(CONTENT_REDIRECT_CACHE).toBe("public, max-age=60");
    expect(NO_STORE).toBe("no-store");
  });
});
