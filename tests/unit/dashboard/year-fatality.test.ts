// The case-fatality-per-year chart's view model: an axis tall enough for every interval (none
// clipped at 50% any more) and the partial last year marked rather than drawn as a dip.
import { describe, expect, it } from "vitest";
import { fatalityAxis, partialLastYear } from "@/lib/dashboard/year-fatality";
import { wilsonInterval } from "@/lib/stats";

const interval = (fatal: number, known: number) => wilsonInterval(fatal, known)!;

describe("fatalityAxis", () => {
  it("reaches the largest upper bound, rounded up to a 10% step", () => {
    // 2 fatal of 3: an upper bound above 90% — the axis goes to 100%, not 50%.
    const small = interval(2, 3);
    expect(small.upper).toBeGreaterThan(0.9);
    const axis = fatalityAxis([interval(10, 100), small, null], [0.116, 0.056]);
    expect(axis.max).toBe(1);
    expect(axis.max).toBeGreaterThanOrEqual(small.upper);
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("stays low when every interval is narrow, and keeps the baselines inside", () => {
    const wide = interval(30, 200);
    const axis = fatalityAxis([interval(20, 200), wide], [0.116]);
    expect(axis.max).toBe(Math.ceil(wide.upper * 10) / 10);
    expect(axis.ticks[1]).toBe(0.1);
    expect(fatalityAxis([{ estimate: 0.05, lower: 0.01, upper: 0.08 }], [0.116]).max).toBe(0.2);
  });

  it("takes an exact 10% step as the top, and has a floor of 10% with no data", () => {
    expect(fatalityAxis([{ estimate: 0.2, lower: 0.1, upper: 0.3 }]).max).toBe(0.3);
    expect(fatalityAxis([], []).max).toBe(0.1);
    expect(fatalityAxis([null]).ticks).toEqual([0, 0.1]);
  });

  it("rounds a top above 60% up to an even 20% step, so the last tick is the top", () => {
    const axis = fatalityAxis([{ estimate: 0.4, lower: 0.2, upper: 0.61 }]);
    expect(axis).toEqual({ max: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] });
  });
});

describe("partialLastYear", () => {
  const years = ["2023", "2024", "2025", "2026"];

  it("marks the current year as partial, through today", () => {
    expect(partialLastYear(years, "2026-12-07")).toEqual({ year: "2026", through: "2026-12-07" });
  });

  it("leaves a complete last year alone", () => {
    expect(partialLastYear(years.slice(0, 3), "2026-12-07")).toBeNull();
    expect(partialLastYear(years, "2027-01-01")).toBeNull();
    expect(partialLastYear([], "2026-12-07")).toBeNull();
  });

  it("marks a year the onset range cuts, through the range's end", () => {
    expect(partialLastYear(years.slice(0, 3), "2026-12-07", "2025-06-30")).toEqual({ year: "2025", through: "2025-06-30" });
    expect(partialLastYear(years.slice(0, 3), "2026-12-07", "2025-12-31")).toBeNull();
  });
});
