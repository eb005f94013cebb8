// The feeds' pure rules: openFDA's Link header and query, Retry-After, FAERS quarter names and
// ranges, and the schedule (cron parsing, one run at a time).
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeedError, redactUrl, retryAfterMs } from "@/lib/feeds/http-client";
import { firstPageUrl, nextPageUrl, openFdaDate, storableUrl, withApiKey } from "@/lib/feeds/openfda/openfda-query";
import { parseQuarter, quarterFileName, quartersFrom } from "@/lib/feeds/faers/quarters";
import { parseFeedSchedule, startFeedSchedule } from "@/lib/feeds/schedule";

const BASE = "https://api.fda.gov";

describe("openFDA paging", () => {
  it("follows rel=next (any case, among other links) and refuses another host", () => {
    const next = `${BASE}/drug/event.json?search=x&limit=1000&skip=0&search_after=0%3D20200101%3B1%3D5`;
    expect(nextPageUrl(`<${next}>; rel="Next"`, BASE)).toBe(next);
    expect(nextPageUrl(`<${BASE}/a>; rel="prev", <${next}>; rel=next`, BASE)).toBe(next);
    expect(nextPageUrl(null, BASE)).toBeNull();
    expect(nextPageUrl(`<${BASE}/a>; rel="prev"`, BASE)).toBeNull();
    expect(() => nextPageUrl(`<https://evil.example/drug/event.json>; rel="next"`, BASE)).toThrow(FeedError);
  });

  it("asks for the NMS PT, sorted, at most 1000 a page, never with skip", () => {
    const url = new URL(firstPageUrl(BASE, { since: "20240301" }));
    expect(url.pathname).toBe("/drug/event.json");
    expect(url.searchParams.get("search")).toBe(
      'patient.reaction.reactionmeddrapt:"neuroleptic malignant syndrome" AND receiptdate:[20240301 TO 99991231]',
    );
    expect(url.searchParams.get("limit")).toBe("1000");
    expect(url.searchParams.has("skip")).toBe(false);
    expect(() => firstPageUrl(BASE, { since: null, limit: 1001 })).toThrow(/page size must be 1–1000/);
  });

  it("keeps the API key out of stored and printed URLs", () => {
    const keyed = withApiKey(`${BASE}/drug/event.json?limit=1`, "SECRET");
    expect(keyed).toContain("api_key=SECRET");
    expect(storableUrl(keyed)).not.toContain("SECRET");
    expect(redactUrl(keyed)).not.toContain("SECRET");
  });

  it("reads --since as a real date", () => {
    expect(openFdaDate("2024-03-01")).toBe("20240301");
    expect(() => openFdaDate("2024-13-01")).toThrow(/--since must be a date/);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});

describe("FAERS quarters", () => {
  it("names FAERS and legacy AERS files and lists the quarters that have ended", () => {
    expect(quarterFileName("2012Q4")).toBe("faers_ascii_2012q4.zip");
    expect(quarterFileName("2012Q3")).toBe("aers_ascii_2012q3.zip");
    expect(quartersFrom("2023Q3", new Date("2024-05-10T00:00:00Z"))).toEqual(["2023Q3", "2023Q4", "2024Q1"]);
    expect(parseQuarter("2017q2")).toBe("2017Q2");
    expect(() => parseQuarter("2017Q5")).toThrow(/--from must be a quarter like 2012Q4/);
    expect(() => parseQuarter("2003Q4")).toThrow(/2004Q1 or later/);
  });
});

describe("feed schedule", () => {
  afterEach(() => vi.useRealTimers());

  it("refuses a malformed cron expression naming the variable", () => {
    expect(() => parseFeedSchedule("61 * * * *")).toThrow(/NMS_FEED_SCHEDULE is not a cron expression/);
    expect(parseFeedSchedule("0 3 * * 1").next().toDate().getUTCDay()).toBe(1);
  });

  it("runs on each tick, one run at a time: a tick during a run is skipped", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:30Z") });
    const lines: string[] = [];
    let finish: () => void = () => undefined;
    let runs = 0;
    const run = () => {
      runs++;
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const schedule = startFeedSchedule("* * * * *", { log: (l) => lines.push(l), run });
    expect(schedule.nextRunAt()?.toISOString()).toBe("2026-01-01T00:01:00.000Z");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000); // the first run is still going
    expect(runs).toBe(1);
    expect(lines).toContain("feeds: the previous run is still going; this tick is skipped");
    finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    finish();
    await schedule.stop();
  });
});
