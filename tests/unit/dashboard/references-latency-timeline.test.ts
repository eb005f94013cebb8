// Baselines as the charts label and cite them, onset-latency buckets at their edges, and the case
// timeline's order and day counts — the pure pieces behind the overview and the case page.
import { describe, expect, it } from "vitest";
import { caseTimeline, formatDayFromOnset } from "@/lib/cases/case-timeline";
import { numberSources, referenceOf } from "@/lib/dashboard/references";
import { BASELINES } from "@/lib/domain/baselines";
import { latencyBucketOf } from "@/lib/domain/onset-latency";
import type { TCaseView } from "@/lib/queries/get-case";

const sources = numberSources(BASELINES);

describe("references", () => {
  it("numbers the sources in stored order and states each figure as published", () => {
    expect(sources.map((s) => s.number)).toEqual(BASELINES.map((_, i) => i + 1));
    const figure = (key: string) => sources.find((s) => s.key === key)?.figure;
    expect(figure("overview-case-fatality-about-10pct")).toBe("about 10%");
    expect(figure("overview-case-fatality-20-38pct-earlier-studies")).toBe("20–38%");
    expect(figure("overview-incidence-pooled-0.2-3.23pct")).toBe("0.2–3.23%");
    expect(figure("overview-male-female-up-to-2-to-1")).toBe("up to 66.67%");
    expect(figure("overview-incidence-15-per-100k-2011")).toBe("about 15");
    expect(figure("overview-onset-within-few-weeks")).toBe("qualitative");
  });

  it("draws a point as a line and a range as a band, labelled with the source number and cited on hover", () => {
    const n = sources.find((s) => s.key === "overview-case-fatality-10-20pct")!.number;
    expect(referenceOf(sources, "overview-case-fatality-10-20pct", { kind: "band" })).toMatchObject({
      kind: "band", from: 0.1, to: 0.2, label: `10–20% [${n}]`, title: expect.stringContaining("NMS overview") as unknown,
    });
    expect(referenceOf(sources, "overview-case-fatality-20-38pct-earlier-studies", { kind: "band", label: "20–38%\nearlier" })?.label).toMatch(/^20–38% \[\d+\]\nearlier$/);
    expect(referenceOf(sources, "overview-case-fatality-about-10pct", { kind: "line" })).toMatchObject({ kind: "line", value: 0.1 });
  });

  it("draws nothing for a baseline the table lacks, or a band without both ends", () => {
    expect(referenceOf(sources, "no-such-baseline", { kind: "line" })).toBeNull();
    expect(referenceOf(sources, "overview-case-fatality-about-10pct", { kind: "band" })).toBeNull();
  });
});

describe("latencyBucketOf", () => {
  it.each([
    [0, "0-3"], [3, "0-3"], [4, "4-7"], [7, "4-7"], [8, "8-14"], [14, "8-14"], [15, "15-30"], [30, "15-30"],
    [31, "31-90"], [90, "31-90"], [91, "over-90"], [null, "unknown"], [-1, "unknown"],
  ])("%s days → %s", (days, bucket) => expect(latencyBucketOf(days)).toBe(bucket));
});

describe("caseTimeline", () => {
  const view = {
    onsetDate: "2024-05-02",
    receivedDate: "2024-05-09",
    outcome: "recovered",
    durationDays: 9,
    drugs: [
      { name: "Haldol", role: "suspect", startDate: "2024-04-20", doseChange: "increased", doseChangeDate: "2024-04-30", stopDate: "2024-05-02", catalogue: { displayName: "Haloperidol" } },
      { name: "sinemet", role: "withdrawn", doseChange: "stopped", doseChangeDate: "2024-05-02", catalogue: null },
      { name: "mystery pill", role: "concomitant" },
    ],
  } as unknown as TCaseView;

  it("orders dated events, causes before onset on the same day, and ends with the outcome", () => {
    expect(caseTimeline(view).map((e) => [e.date, e.kind, e.dayFromOnset])).toEqual([
      ["2024-04-20", "drug-start", -12],
      ["2024-04-30", "dose-change", -2],
      ["2024-05-02", "dose-change", 0],
      ["2024-05-02", "drug-stop", 0],
      ["2024-05-02", "onset", 0],
      ["2024-05-09", "received", 7],
      [null, "outcome", null],
    ]);
    expect(caseTimeline(view).at(-1)?.text).toBe("Outcome: Recovered after 9 days");
  });

  it("says days relative to onset", () => {
    expect([formatDayFromOnset(-12), formatDayFromOnset(0), formatDayFromOnset(7), formatDayFromOnset(null)]).toEqual(["day −12", "day of onset", "day +7", ""]);
  });
});
