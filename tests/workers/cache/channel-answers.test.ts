// What the change channel answers (issue 37): each KV key once, with its newest value, and for a poll only the keys of
// the last seconds, so an answer's size follows the latest writes, not the 150 s window's (under a burst of writes the
// whole window ran to megabytes a poll, parsed by every isolate every second, and held a write's answer up to a
// second). An isolate that missed entries before a recent answer (new, or idle) reads the whole window once, through
// its location's Cache API like any answer. The real Newsroom; the test's own location (a Cache API of its own) and
// clock margins of 300 ms on each side, so a loaded machine changes nothing. Ids 4372xx.
import { describe, expect, it } from "vitest";
import { answerUrl, Channel } from "../../../src/reader/cache/channel.ts";
import { Learned } from "../../../src/reader/read/learned.ts";
import type { ChannelAnswer } from "../../../src/shared/freshness/channel-format.ts";
import { newsroomStub, sampleArticle } from "../../support/helpers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = (id: number) => `v1:article:${id}`;

async function write(id: number, headline: string): Promise<void> {
  const result = await newsroomStub().publish(String(id), { ...sampleArticle(id, ["Channel"], "2021-03-09"), headline, slug: "story" }, "tests");
  expect([200, 201]).toContain(result.status);
}

describe("the change channel's answers (issue 37)", () => {
  it("names each key once, with its newest value; a recent answer holds only the keys changed since its `from`", async () => {
    const [A, B] = [437_201, 437_202];
    await write(A, "Dam level first reading");
    await write(A, "Dam level second reading");
    await sleep(300);
    const between = Date.now();
    await sleep(300);
    await write(B, "Bridge closed for repairs");
    const whole = await newsroomStub().recentChanges();
    const recent = await newsroomStub().recentChanges(Date.now() - between);
    const ofA = whole.entries.filter((e) => e.key === key(A));
    expect(ofA).toHaveLength(1);
    expect(ofA[0]!.value).toContain("Dam level second reading");
    expect(whole.from).toBeUndefined();
    expect(new Set(whole.entries.map((e) => e.key)).size).toBe(whole.entries.length);
    // The recent answer: B's keys, not A's record; complete after `from`, which is at or after A's entry.
    expect(recent.from).toBeGreaterThanOrEqual(ofA[0]!.n);
    expect(recent.entries.map((e) => e.key)).toContain(key(B));
    expect(recent.entries.map((e) => e.key)).not.toContain(key(A));
    expect(recent.entries.every((e) => e.n > recent.from!)).toBe(true);
    expect(recent.cursor).toBe(whole.cursor);
    expect(recent.entries.length).toBeLessThan(whole.entries.length);
  }, 30_000);

  it("an isolate that missed entries before a recent answer reads the whole window once, through its location's Cache API", async () => {
    const [A, B] = [437_203, 437_204];
    // The real Newsroom, with a poll's recent period shortened to 300 ms so the test need not wait the real one.
    const asked: ("recent" | "whole")[] = [];
    const ask = (recentMs?: number): Promise<ChannelAnswer> => (
      asked.push(recentMs === undefined ? "whole" : "recent"),
      newsroomStub().recentChanges(recentMs === undefined ? undefined : 300)
    );
    await write(A, "Ferry service suspended");
    await sleep(600);
    await write(B, "Ferry service resumes");
    const edge = await caches.open("channel-answers-1");
    const now = Date.now();
    // A new isolate: the recent answer does not reach back to its cursor (0), so it reads the whole window and learns A too.
    const first = new Channel(new Learned());
    await first.poll(ask, edge, now);
    expect(first.state).toBe("live");
    expect(first.learned.value(key(A), now)).toContain("Ferry service suspended");
    expect(first.learned.value(key(B), now)).toContain("Ferry service resumes");
    expect(asked).toEqual(["recent", "whole"]);
    expect(await edge.match(answerUrl(now, true))).toBeDefined();
    // Another new isolate of the location in the same period reads both answers from the Cache API: no Newsroom call.
    const second = new Channel(new Learned());
    await second.poll(ask, edge, now);
    expect(asked).toHaveLength(2);
    expect(second.learned.value(key(A), now)).toContain("Ferry service suspended");
    // An isolate that follows (it applied the whole window) takes a later recent answer alone.
    const later = now + 1_000;
    await first.poll(ask, edge, later);
    expect(asked).toEqual(["recent", "whole", "recent"]);
  }, 30_000);
});
