// The article head's structured data in plain Node: og:locale and twitter:site.
import { describe, expect, it } from "vitest";
import { ogLocale, twitterHandle } from "../../../src/reader/render/article-head.tsx";

describe("og:locale and twitter:site (issue 23, item 4)", () => {
  it.each([
    ["en", "en_US"],
    ["fa", "fa_IR"],
    ["pt-BR", "pt_BR"],
    ["ar", "ar_EG"],
  ])("og:locale for %j is %j", (language, locale) => {
    expect(ogLocale(language)).toBe(locale);
  });

  it.each([
    ["@PressTV", "@PressTV"],
    ["PressTV", undefined],
    ["", undefined],
    [undefined, undefined],
    ["not a handle", undefined],
    ["@a_very_long_handle_x", undefined],
  ])("twitter:site for SITE_TWITTER %j is %j", (value, handle) => {
    expect(twitterHandle(value)).toBe(handle);
  });
});
