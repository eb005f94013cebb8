// Newcombe's hybrid score interval for p1 − p2 against the worked examples of Newcombe (1998),
// Stat Med 17:873–890, Table II, method 10 (limits printed to 4 decimals), plus its edge cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newcombeDifference } from "@/lib/stats/proportion-difference";
import { wilsonInterval } from "@/lib/stats/proportion";

// Newcombe (1998) Table II, method 10 (score interval without continuity correction), examples
// (a)–(h), limits as printed (4 decimals), so agreement is to half a unit in the 4th. Taken from
// the paper's table as quoted by independent implementations' test fixtures; (a), (b) and (g)
// are also SAS's values (WUSS 2016 paper 127, "newcombe-score"), as is the trial example below.
const TABLE_II = [
  { x1: 56, n1: 70, x2: 48, n2: 80, lower: 0.0524, upper: 0.3339 },
  { x1: 9, n1: 10, x2: 3, n2: 10, lower: 0.1705, upper: 0.809 },
  { x1: 6, n1: 7, x2: 2, n2: 7, lower: 0.0582, upper: 0.8062 },
  { x1: 5, n1: 56, x2: 0, n2: 29, lower: -0.0381, upper: 0.1926 },
  { x1: 0, n1: 10, x2: 0, n2: 20, lower: -0.1611, upper: 0.2775 },
  { x1: 0, n1: 10, x2: 0, n2: 10, lower: -0.2775, upper: 0.2775 },
  { x1: 10, n1: 10, x2: 0, n2: 20, lower: 0.6791, upper: 1 },
  { x1: 10, n1: 10, x2: 0, n2: 10, lower: 0.6075, upper: 1 },
  // SAS PROC FREQ RISKDIFF(CL=NEWCOMBE), HIV trial example of the same WUSS paper.
  { x1: 84, n1: 101, x2: 89, n2: 105, lower: -0.1177, upper: 0.0851 },
];

describe("newcombeDifference", () => {
  it.each(TABLE_II)("reproduces the published limits for $x1/$n1 − $x2/$n2", ({ x1, n1, x2, n2, lower, upper }) => {
    const interval = newcombeDifference(x1, n1, x2, n2)!;
    expect(interval.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(Math.abs(interval.lower - lower)).toBeLessThanOrEqual(0.00005);
    expect(Math.abs(interval.upper - upper)).toBeLessThanOrEqual(0.00005);
    expect(interval.method).toBe("newcombe");
  });

  it("is the Wilson interval's distances combined in quadrature", () => {
    const a = wilsonInterval(12, 40)!;
    const b = wilsonInterval(30, 60)!;
    const d = newcombeDifference(12, 40, 30, 60)!;
    expect(d.lower).toBeCloseTo(a.estimate - b.estimate - Math.hypot(a.estimate - a.lower, b.upper - b.estimate), 12);
    expect(d.upper).toBeCloseTo(a.estimate - b.estimate + Math.hypot(a.upper - a.estimate, b.estimate - b.lower), 12);
  });

  it("swapping the groups mirrors the interval, and it always holds the estimate inside [−1, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n1) => fc.tuple(fc.constant(n1), fc.integer({ min: 0, max: n1 }))),
        fc.integer({ min: 1, max: 300 }).chain((n2) => fc.tuple(fc.constant(n2), fc.integer({ min: 0, max: n2 }))),
        ([n1, x1], [n2, x2]) => {
          const d = newcombeDifference(x1, n1, x2, n2)!;
          const mirrored = newcombeDifference(x2, n2, x1, n1)!;
          expect(mirrored.lower).toBeCloseTo(-d.upper, 12);
          expect(mirrored.upper).toBeCloseTo(-d.lower, 12);
          expect(d.lower).toBeGreaterThanOrEqual(-1);
          expect(d.upper).toBeLessThanOrEqual(1);
          expect(d.lower).toBeLessThan(d.upper);
          expect(d.lower).toBeLessThanOrEqual(d.estimate);
          expect(d.upper).toBeGreaterThanOrEqual(d.estimate);
        },
      ),
    );
  });

  it("has no interval without a denominator, and names a bad argument", () => {
    expect(newcombeDifference(0, 0, 3, 10)).toBeNull();
    expect(newcombeDifference(3, 10, 0, 0)).toBeNull();
    expect(() => newcombeDifference(11, 10, 3, 10)).toThrow(/x1 must not exceed n1/);
    expect(() => newcombeDifference(1, 10, -1, 10)).toThrow(/x2 must be a non-negative integer/);
    expect(() => newcombeDifference(1, 10, 1, 2.5)).toThrow(/n2 must be/);
    expect(() => newcombeDifference(1, 10, 1, 10, 1)).toThrow(/level/);
  });
});
