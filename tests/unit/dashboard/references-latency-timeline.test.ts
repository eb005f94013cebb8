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
    expect(figure("shalev-1989-case-reports-1984-on")).toBe("11.6%");
    expect(figure("berman-2011-pooled-incidence-0.02-3.23pct")).toBe("0.02–3.23%");
    expect(figure("modi-2016-nis-in-hospital-case-fatality")).toBe("5.6%");
    // "About" is said only where the source says it; bounds read as bounds.
    const about = numberSources([
      { ...BASELINES[0]!, statement: "about", value: 0.1 },
      { ...BASELINES[0]!, statement: "at_most", value: null, high: 2 / 3 },
    ]);
    expect(about.map((s) => s.figure)).toEqual(["about 10%", "up to 66.67%"]);
  });

  it("draws a point as a line and a range as a band, labelled with the source number and cited on hover", () => {
    const key = "gurrera-2017-male-share";
    const n = sources.find((s) => s.key === key)!.number;
    expect(referenceOf(sources, key, { kind: "band" })).toMatchObject({
      kind: "band",
      from: 1.2 / 2.2,
      to: 1.8 / 2.8,
      label: `54.55–64.29% [${n}]`,
      title: expect.stringContaining("Gurrera RJ") as unknown,
    });
    expect(referenceOf(sources, "shalev-1989-case-reports-1984-on", { kind: "line", label: "11.6%\ncase reports" })?.label).toMatch(
      /^11\.6% \[\d+\]\ncase reports$/,
    );
    expect(referenceOf(sources, "modi-2016-nis-in-hospital-case-fatality", { kind: "line" })).toMatchObject({ kind: "line", value: 0.056 });
  });

  it("draws nothing for a baseline the table lacks, or a band without both ends", () => {
    expect(referenceOf(sources, "no-such-baseline", { kind: "line" })).toBeNull();
    expect(referenceOf(sources, "modi-2016-nis-in-hospital-case-fatality", { kind: "band" })).toBeNull();
  });
});

describe("latencyBucketOf", () => {
  it.each([
    [0, "0-3"],
    [3, "0-3"],
    [4, "4-7"],
    [7, "4-7"],
    [8, "8-14"],
    [14, "8-14"],
    [15, "15-30"],
    [30, "15-30"],
    [31, "31-90"],
    [90, "31-90"],
    [91, "over-90"],
    [null, "unknown"],
    [-1, "unknown"],
  ])("%s days → %s", (days, bucket) => expect(latencyBucketOf(days)).toBe(bucket));
});

describe("caseTimeline", () => {
  const view = {
    onsetDate: "2024-05-02",
    receivedDate: "2024-05-09",
    outcome: "recovered",
    durationDays: 9,
    drugs: [
      {
        name: "Haldol",
        role: "suspect",
        startDate: "2024-04-20",
        doseChange: "increased",
        doseChangeDate: "2024-04-30",
        stopDate: "2024-05-02",
        catalogue: { displayName: "Haloperidol" },
      },
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

  it("rounds the episode's duration for display (a duration converted from hours is not 15.083333333333334 days)", () => {
    const text = (durationDays: number) => caseTimeline({ ...view, durationDays }).at(-1)?.text;
    expect([text(15.083333333333334), text(1), text(0.25)]).toEqual([
      "Outcome: Recovered after 15.1 days",
      "Outcome: Recovered after 1 day",
      "Outcome: Recovered after 0.3 days",
    ]);
  });

  it("says days relative to onset", () => {
    expect([formatDayFromOnset(-12), formatDayFromOnset(0), formatDayFromOnset(7), formatDayFromOnset(null)]).toEqual([
      "day −12",
      "day of onset",
      "day +7",
      "",
    ]);
  });
});
