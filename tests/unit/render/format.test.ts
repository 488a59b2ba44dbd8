// The page-text helpers of render/format.ts in plain Node: dates as the reader reads them, captions
// with credits, the standfirst, "Updated". Literal expectations, so StrykerJS's mutants are killed.
import { describe, expect, it } from "vitest";
import { captionLine, listTime, longDate, readerDate, shortDate, standfirst, wasUpdated } from "../../../src/reader/render/format.ts";
import type { ArticleView } from "../../../src/reader/views/views.ts";

// From agents-unit.test.ts: The pure parts of the agents' representations, in Node: /llms.txt and the page-text helpers in render/format.ts (captions, standfirst). What they look like through the Worker is in markdown-integration; these pin their own contracts for mutation testing.
describe("pinned for mutation testing: the agents' representations", () => {
  describe("render/format", () => {
    it("writes a date as the publisher does, from the day as written", () => {
      expect(longDate("2020-02-27")).toBe("Thursday 27 February 2020");
      expect(longDate("2021-01-03T23:30:00-05:00")).toBe("Sunday 3 January 2021");
    });

    it("puts the credit after the caption in parentheses", () => {
      expect(captionLine("Turkish soldiers.", "Photo by AFP")).toBe("Turkish soldiers. (Photo by AFP)");
    });

    it("shows the description as a standfirst only when the body's opening does not already say it", () => {
      const view = (description: string, first: string) =>
        ({
          description,
          body: [
            { type: "heading", text: "H" },
            { type: "paragraph", text: first },
          ],
        }) as unknown as ArticleView;
      expect(standfirst(view("Dozens killed.", "Dozens killed. More text."))).toBeUndefined();
      expect(standfirst(view("Dozens killed in…", "Dozens killed in Idlib."))).toBeUndefined();
      expect(standfirst(view("A summary of its own.", "Dozens killed."))).toBe("A summary of its own.");
      // Only a closing ellipsis marks a cut opening; one inside is the description's own text.
      expect(standfirst(view("Dozens… killed", "Dozens killed"))).toBe("Dozens… killed");
      expect(standfirst({ description: "Only a figure.", body: [{ type: "figure", caption: "c", credit: "d" }] } as unknown as ArticleView)).toBe(
        "Only a figure.",
      );
    });
  });
});

// From http-unit.test.ts: Unit tests (plain Node) for the small src/http modules that only integration tests reached before: body limits, CORS, pagination, problem bodies, security and cache headers. Written so StrykerJS's mutants of these modules are killed by a literal expectation (README wording where there is one).
describe("pinned for mutation testing: the small http modules", () => {
  describe("render/format", () => {
    it.each([
      ["2020-02-27", "Thursday 27 February 2020"],
      ["2020-02-23T23:30:00-05:00", "Sunday 23 February 2020"], // the day as written, not UTC
      ["2021-01-01", "Friday 1 January 2021"],
      ["2021-12-31", "Friday 31 December 2021"],
      ["2024-06-15", "Saturday 15 June 2024"],
      ["2024-03-04", "Monday 4 March 2024"],
      ["2024-04-09", "Tuesday 9 April 2024"],
      ["2024-05-08", "Wednesday 8 May 2024"],
      ["2024-07-18", "Thursday 18 July 2024"],
      ["2024-08-01", "Thursday 1 August 2024"],
      ["2024-09-01", "Sunday 1 September 2024"],
      ["2024-10-01", "Tuesday 1 October 2024"],
      ["2024-11-01", "Friday 1 November 2024"],
    ])("longDate(%j) → %j", (value, expected) => {
      expect(longDate(value)).toBe(expected);
    });

    // README "The reader's site": a date-time is shown with its time in GMT, a bare date without one.
    it.each([
      ["2020-02-27", "Thursday 27 February 2020"],
      ["2026-11-01T08:30:00Z", "Sunday 1 November 2026, 08:30 GMT"],
      ["2026-11-01T23:30:00-02:00", "Monday 2 November 2026, 01:30 GMT"],
      ["2026-11-02T03:15:00+03:30", "Sunday 1 November 2026, 23:45 GMT"],
      ["2026-11-01T08:30:00.250Z", "Sunday 1 November 2026, 08:30 GMT"],
      ["2026-11-01T25:00:00Z", "Sunday 1 November 2026"], // a time that does not parse is left out
    ])("readerDate(%j) → %j", (value, expected) => {
      expect(readerDate(value)).toBe(expected);
    });

    it.each([
      ["2020-02-27", "27 Feb 2020"],
      ["2026-11-01T08:30:00Z", "1 Nov 2026, 08:30 GMT"],
      ["2026-12-31T23:30:00-02:00", "1 Jan 2027, 01:30 GMT"],
      ["2026-05-02T03:15:00+03:30", "1 May 2026, 23:45 GMT"],
      ["2026-11-01T25:00:00Z", "1 Nov 2026"],
    ])("shortDate(%j) → %j", (value, expected) => {
      expect(shortDate(value)).toBe(expected);
    });

    it("says Updated only when modified is later than published", () => {
      expect(wasUpdated("2026-11-01", "2026-11-01")).toBe(false);
      expect(wasUpdated("2026-11-01", "2026-11-02")).toBe(true);
      expect(wasUpdated("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z")).toBe(false);
      expect(wasUpdated("2026-11-01T10:00:00Z", "2026-11-01T12:00:00+02:00")).toBe(false);
      expect(wasUpdated("2026-11-01T10:00:00Z", "2026-11-01T10:01:00Z")).toBe(true);
    });

    it("prints a caption with its credit in parentheses", () => {
      expect(captionLine("Soldiers at a position.", "Photo by AFP")).toBe("Soldiers at a position. (Photo by AFP)");
    });
  });
});

// Issue 36: a list's time is the story's age on its first day, as news sites print it, in the page's language.
describe("a list's time (issue 36)", () => {
  const NOW = Date.parse("2026-12-01T12:00:00Z");
  it.each([
    ["2026-12-01T11:48:00Z", "en", "12 minutes ago"],
    ["2026-12-01T11:59:40Z", "en", "1 minute ago"],
    ["2026-12-01T09:00:00Z", "en", "3 hours ago"],
    ["2026-11-30T12:00:01Z", "en", "23 hours ago"],
    ["2026-12-01T11:48:00Z", "fa", "۱۲ دقیقه پیش"],
    ["2026-12-01T09:00:00Z", "es", "hace 3 horas"],
    ["2026-12-01T09:00:00Z", "fr", "il y a 3 heures"],
  ])("%s on a %s page → %s", (published, lang, expected) => {
    expect(listTime(published, lang, NOW)).toBe(expected);
  });

  it("gives the short date from a day old, for a bare date, and for a time ahead of the clock", () => {
    expect(listTime("2026-11-30T12:00:00Z", "en", NOW)).toBe("30 Nov 2026, 12:00 GMT");
    expect(listTime("2026-12-01", "en", NOW)).toBe("1 Dec 2026");
    expect(listTime("2026-12-01T12:05:00Z", "en", NOW)).toBe("1 Dec 2026, 12:05 GMT");
    // The lead's, which has room: the long date.
    expect(listTime("2026-11-30T12:00:00Z", "en", NOW, true)).toBe("Monday 30 November 2026, 12:00 GMT");
    expect(listTime("2026-12-01T11:48:00Z", "en", NOW, true)).toBe("12 minutes ago");
  });
});
