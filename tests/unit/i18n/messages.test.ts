// Issue 24: the chrome's texts per language and dates as each language's readers read them.
import { describe, expect, it } from "vitest";
import messagesJson from "../../../public/messages.json?raw";
import { longDate, readerDate, shortDate } from "../../../src/reader/i18n/dates.ts";
import { en } from "../../../src/reader/i18n/en.ts";
import { addCatalogs, CATALOGS, errorText, intlLocale, listOf, plural, t } from "../../../src/reader/i18n/messages.ts";

// The catalogs beside English are a static asset the Worker reads with the stylesheet; here, the file itself.
const FILE = JSON.parse(messagesJson) as Record<string, Record<string, string>>;
addCatalogs(FILE);

const placeholders = (s: string) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort();

describe("message catalogs", () => {
  it("are en, fa, ar, es and fr", () => {
    expect(Object.keys(CATALOGS).sort()).toEqual(["ar", "en", "es", "fa", "fr"]);
  });

  it.each(["fa", "ar", "es", "fr"])("%s has every key of English, no other, each text non-empty with English's placeholders and forms", (lang) => {
    const catalog = FILE[lang];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const other = catalog[key];
      expect(other.trim(), `${lang}.${key}`).not.toBe("");
      expect(placeholders(other), `${lang}.${key}`).toEqual(placeholders(text));
      expect(other.split("|").length, `${lang}.${key}`).toBe(text.split("|").length);
    }
  });

  it("translates rather than copies: no catalog repeats English but for brand-like labels", () => {
    for (const lang of ["fa", "ar", "es", "fr"]) {
      const same = Object.entries(en)
        .filter(([key, text]) => (CATALOGS[lang] as Record<string, string>)[key] === text)
        .map(([key]) => key);
      expect(same, lang).toEqual(lang === "fr" ? ["site", "menu", "pages", "results"] : []);
    }
  });

  it.each([
    ["en", "by", "By"],
    ["fa", "by", "به قلم"],
    ["ar", "latest", "الأحدث"],
    ["es", "moreNews", "Más noticias"],
    ["fr", "tags", "Mots-clés :"],
    ["de", "latest", "Latest"], // no catalog: English
    ["fa-IR", "home", "صفحهٔ اصلی"],
  ])("t(%j, %j) → %j", (lang, key, expected) => {
    expect(t(lang, key as keyof typeof en, "x")).toBe(expected);
  });

  it("fills placeholders", () => {
    expect(t("en", "moreIn", "Syria")).toBe("More in Syria");
    expect(t("fa", "pageOf", "۲", "۳")).toBe(" (صفحهٔ ۲ از ۳)");
    expect(t("fr", "searchTitle", "Idlib")).toBe("Recherche : Idlib");
  });

  it.each([
    ["en", 1, "1 article"],
    ["en", 3, "3 articles"],
    ["fr", 0, "0 article"],
    ["es", 2, "2 artículos"],
    ["fa", 3, "۳ مطلب"],
    ["ar", 11, "عدد المقالات: ١١"],
  ])("plural(%j, results, %d) → %j", (lang, n, expected) => {
    expect(plural(lang, "results", n)).toBe(expected);
  });

  it.each([
    ["en", "Tom, Anna and Ali"],
    ["fa", "Tom،‏ Anna، و Ali"],
    ["ar", "Tom وAnna وAli"],
    ["es", "Tom, Anna y Ali"],
    ["fr", "Tom, Anna et Ali"],
  ])("lists names in %s: %j", (lang, expected) => {
    expect(listOf(lang, ["Tom", "Anna", "Ali"])).toBe(expected);
  });

  it("gives translated error pages for 404 and English's for a status it has no entry for", () => {
    expect(errorText("fa", 404)).toEqual(["صفحه پیدا نشد", "در این نشانی صفحه‌ای نیست. شاید جابه‌جا شده یا هرگز وجود نداشته است."]);
    expect(errorText("es", 503)?.[0]).toBe("No disponible temporalmente");
    expect(errorText("fr", 421)).toBeUndefined();
  });

  it("formats a bare ar with Arabic-Indic digits and en as British English; a bad tag falls back", () => {
    expect(intlLocale("ar")).toBe("ar-u-nu-arab");
    expect(intlLocale("en")).toBe("en-GB");
    expect(intlLocale("ar-MA")).toBe("ar-MA");
    expect(intlLocale("x")).toBe("en-GB");
  });

  it("takes in only strings for English's keys; a missing or broken text stays English", () => {
    addCatalogs({ xx: { latest: "Neueste", by: 7, nonsense: "x" }, en: { latest: "Changed" } });
    expect(t("xx", "latest")).toBe("Neueste");
    expect(t("xx", "by")).toBe("By");
    expect("nonsense" in CATALOGS.xx).toBe(false);
    expect(t("en", "latest")).toBe("Latest");
  });
});

describe("dates in five locales", () => {
  it.each([
    ["en", "Tuesday 1 December 2026, 07:30 GMT"],
    ["fa", "سه‌شنبه ۱۰ آذر ۱۴۰۵ (۱ دسامبر ۲۰۲۶)، ساعت ۰۷:۳۰ (UTC)"],
    ["ar", "الثلاثاء، ١ ديسمبر ٢٠٢٦ في ٠٧:٣٠ UTC"],
    ["es", "martes, 1 de diciembre de 2026, 07:30 UTC"],
    ["fr", "mardi 1 décembre 2026 à 07:30 UTC"],
  ])("the dateline of a date-time in %s: %j", (lang, expected) => {
    expect(readerDate("2026-12-01T07:30:00Z", lang)).toBe(expected);
  });

  it.each([
    ["en", "Thursday 27 February 2020"],
    ["fa", "پنجشنبه ۸ اسفند ۱۳۹۸ (۲۷ فوریهٔ ۲۰۲۰)"],
    ["ar", "الخميس، ٢٧ فبراير ٢٠٢٠"],
    ["es", "jueves, 27 de febrero de 2020"],
    ["fr", "jeudi 27 février 2020"],
  ])("a bare date in %s names no time: %j", (lang, expected) => {
    expect(readerDate("2020-02-27", lang)).toBe(expected);
  });

  it.each([
    ["en", "1 Dec 2026, 07:30 GMT"],
    ["fa", "۱۰ آذر ۱۴۰۵، ساعت ۰۷:۳۰ (UTC)"],
    ["ar", "١ ديسمبر ٢٠٢٦، ٠٧:٣٠ UTC"],
    ["es", "1 dic 2026, 07:30 UTC"],
    ["fr", "1 déc. 2026, 07:30 UTC"],
  ])("a list's date in %s: %j", (lang, expected) => {
    expect(shortDate("2026-12-01T07:30:00Z", lang)).toBe(expected);
  });

  it("starts the Solar Hijri year at Nowruz and follows the UTC day of a date-time with an offset", () => {
    expect(longDate("2026-03-21", "fa")).toBe("شنبه ۱ فروردین ۱۴۰۵ (۲۱ مارس ۲۰۲۶)");
    expect(longDate("2026-03-20", "fa")).toBe("جمعه ۲۹ اسفند ۱۴۰۴ (۲۰ مارس ۲۰۲۶)");
    expect(readerDate("2026-11-02T03:15:00+03:30", "fa")).toBe("یکشنبه ۱۰ آبان ۱۴۰۵ (۱ نوامبر ۲۰۲۶)، ساعت ۲۳:۴۵ (UTC)");
  });
});
