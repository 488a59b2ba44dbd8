// Issue 24: what Intl data workerd has. The dates of the five catalogs' languages, the Solar Hijri
// calendar, Arabic-Indic and Persian digits and the list patterns, asserted inside workerd (the
// unit tests assert the same strings in Node, whose ICU may differ from the runtime's).
import { describe, expect, it } from "vitest";
import { readerDate, readerDateRuns, shortDate } from "../../../src/reader/i18n/dates.ts";
import { listOf, number } from "../../../src/reader/i18n/messages.ts";

describe("Intl in workerd", () => {
  it.each([
    ["en", "Tuesday 1 December 2026, 07:30 GMT", "1 Dec 2026, 07:30 GMT"],
    ["fa", "سه‌شنبه ۱۰ آذر ۱۴۰۵ (۱ دسامبر ۲۰۲۶)، ساعت ۰۷:۳۰ (UTC)", "۱۰ آذر ۱۴۰۵، ساعت ۰۷:۳۰ (UTC)"],
    ["ar", "الثلاثاء، ١ ديسمبر ٢٠٢٦ في ٠٧:٣٠ UTC", "١ ديسمبر ٢٠٢٦، ٠٧:٣٠ UTC"],
    ["es", "martes, 1 de diciembre de 2026, 07:30 UTC", "1 dic 2026, 07:30 UTC"],
    ["fr", "mardi 1 décembre 2026 à 07:30 UTC", "1 déc. 2026, 07:30 UTC"],
  ])("formats 2026-12-01T07:30:00Z in %s as %j and, in lists, %j", (lang, long, short) => {
    expect(readerDate("2026-12-01T07:30:00Z", lang)).toBe(long);
    expect(shortDate("2026-12-01T07:30:00Z", lang)).toBe(short);
  });

  it("cuts the Persian dateline between its Solar Hijri and Gregorian dates only, the others not at all", () => {
    expect(readerDateRuns("2026-12-01T07:30:00Z", "fa")).toEqual(["سه‌شنبه ۱۰ آذر ۱۴۰۵", "(۱ دسامبر ۲۰۲۶)، ساعت ۰۷:۳۰ (UTC)"]);
    expect(readerDateRuns("2026-03-21", "fa")).toEqual(["شنبه ۱ فروردین ۱۴۰۵", "(۲۱ مارس ۲۰۲۶)"]);
    expect(readerDateRuns("2026-12-01T07:30:00Z", "en")).toEqual(["Tuesday 1 December 2026, 07:30 GMT"]);
    expect(readerDateRuns("2026-12-01T07:30:00Z", "fr")).toEqual(["mardi 1 décembre 2026 à 07:30 UTC"]);
  });

  it("has the Persian calendar's months and Nowruz, and each language's digits and list patterns", () => {
    expect(readerDate("2026-03-21", "fa")).toBe("شنبه ۱ فروردین ۱۴۰۵ (۲۱ مارس ۲۰۲۶)");
    expect(number("fa", 2026)).toBe("۲۰۲۶");
    expect(number("ar", 2026)).toBe("٢٠٢٦");
    expect(number("ar-MA", 2026)).toBe("2026");
    expect(listOf("fa", ["الف", "ب"])).toBe("الف و ب");
    expect(listOf("es", ["A", "B", "C"])).toBe("A, B y C");
  });
});
