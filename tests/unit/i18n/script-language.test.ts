// Issue 36, editions: an article that names no language gets the one its letters say, so an English
// story in the Persian edition reads left to right (it was set right to left, "Turkish troops 34").
import { describe, expect, it } from "vitest";
import { articleLanguage } from "../../../src/reader/i18n/script-language.ts";

const article = (headline: string, text = "", language?: string) => ({
  headline,
  description: "",
  body: [{ type: "paragraph" as const, text }],
  ...(language && { language }),
});

describe("articleLanguage", () => {
  it("keeps a declared language, whatever the letters", () => {
    expect(articleLanguage(article("34 Turkish troops killed", "", "fr"), "fa")).toBe("fr");
  });

  it("an undeclared story in the site's script is in the site's language", () => {
    expect(articleLanguage(article("34 Turkish troops killed in Syria's Idlib"), "en")).toBe("en");
    expect(articleLanguage(article("گفت‌وگوهای نفتی از سر گرفته شد"), "fa")).toBe("fa");
    expect(articleLanguage(article("Les négociations reprennent"), "fr")).toBe("fr");
  });

  it("an undeclared English story in the Persian or Arabic edition is English", () => {
    expect(articleLanguage(article("34 Turkish troops killed in Syria's Idlib", "Dozens of Turkish soldiers have reportedly been killed."), "fa")).toBe("en");
    expect(articleLanguage(article("Talks resume", "The ministry said talks were back on track."), "ar-IQ")).toBe("en");
  });

  it("an undeclared story in Arabic script on a Latin-script site: Persian by its own letters, else Arabic", () => {
    expect(articleLanguage(article("گفت‌وگوهای نفتی از سر گرفته شد"), "en")).toBe("fa");
    expect(articleLanguage(article("استئناف المحادثات النفطية في فيينا"), "en")).toBe("ar");
  });

  it("the majority of letters decides: a Persian story quoting an English name stays Persian", () => {
    expect(articleLanguage(article("دیدار با Reuters", "خبرگزاری رویترز گزارش داد که گفت‌وگوها ادامه دارد."), "en")).toBe("fa");
  });

  it("no letters, or a site of another script: the site's language", () => {
    expect(articleLanguage(article("2026", "123"), "fa")).toBe("fa");
    expect(articleLanguage(article("Talks resume"), "ru")).toBe("ru");
  });
});
