import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clopperPearsonInterval, proportion, wilsonInterval } from "@/lib/stats/proportion";
import { expectClose, reportLargestErrorsAfterAll } from "./expect-close";

reportLargestErrorsAfterAll();

interface IntervalRow {
  x: number;
  n: number;
  level: number;
  lower: number;
  upper: number;
}

// R 4.2.2: prop.test(x, n, conf.level = level, correct = FALSE)$conf.int — the Wilson score
// interval (reference/reference-values.R).
const WILSON: IntervalRow[] = [
  { x: 0, n: 1, level: 0.95, lower: 0, upper: 0.793450685623 },
  { x: 1, n: 1, level: 0.95, lower: 0.206549314377, upper: 1 },
  { x: 0, n: 10, level: 0.95, lower: 0, upper: 0.277532799863 },
  { x: 10, n: 10, level: 0.95, lower: 0.722467200137, upper: 1 },
  { x: 1, n: 10, level: 0.95, lower: 0.0178762130951, upper: 0.404150026795 },
  { x: 3, n: 10, level: 0.95, lower: 0.107791267406, upper: 0.603221852539 },
  { x: 5, n: 10, level: 0.95, lower: 0.236593090513, upper: 0.763406909487 },
  { x: 7, n: 25, level: 0.95, lower: 0.14283853851, upper: 0.475766051904 },
  { x: 14, n: 100, level: 0.95, lower: 0.0852634365994, upper: 0.22137188211 },
  { x: 142, n: 1000, level: 0.95, lower: 0.121734042055, upper: 0.165005917021 },
  { x: 0, n: 10000, level: 0.95, lower: 0, upper: 0.000383998370677 },
  { x: 1, n: 10000, level: 0.95, lower: 1.76526736011e-5, upper: 0.000566268897401 },
  { x: 5000, n: 10000, level: 0.95, lower: 0.490202061815, upper: 0.509797938185 },
  { x: 9999, n: 10000, level: 0.95, lower: 0.999433731103, upper: 0.999982347326 },
  { x: 81, n: 263, level: 0.9, lower: 0.263313617188, upper: 0.356566349608 },
  { x: 3, n: 17, level: 0.99, lower: 0.0458297065447, upper: 0.488756791307 },
];

// R 4.2.2: binom.test(x, n, conf.level = level)$conf.int — Clopper–Pearson (reference-values.R).
const CLOPPER_PEARSON: IntervalRow[] = [
  { x: 0, n: 1, level: 0.95, lower: 0, upper: 0.975 },
  { x: 1, n: 1, level: 0.95, lower: 0.025, upper: 1 },
  { x: 0, n: 10, level: 0.95, lower: 0, upper: 0.308497107819 },
  { x: 10, n: 10, level: 0.95, lower: 0.691502892181, upper: 1 },
  { x: 1, n: 10, level: 0.95, lower: 0.00252857854446, upper: 0.445016117028 },
  { x: 3, n: 10, level: 0.95, lower: 0.0667395111777, upper: 0.65245285006 },
  { x: 5, n: 10, level: 0.95, lower: 0.187086028447, upper: 0.812913971553 },
  { x: 7, n: 25, level: 0.95, lower: 0.120716688504, upper: 0.493876821806 },
  { x: 14, n: 100, level: 0.95, lower: 0.078705404927, upper: 0.223727981371 },
  { x: 142, n: 1000, level: 0.95, lower: 0.12094489571, upper: 0.165187038354 },
  { x: 0, n: 10000, level: 0.95, lower: 0, upper: 0.000368819914619 },
  { x: 1, n: 10000, level: 0.95, lower: 2.53177759347e-6, upper: 0.000557036997947 },
  { x: 5000, n: 10000, level: 0.95, lower: 0.49015138059, upper: 0.50984861941 },
  { x: 9999, n: 10000, level: 0.95, lower: 0.999442963002, upper: 0.999997468222 },
  { x: 81, n: 263, level: 0.9, lower: 0.261055746009, upper: 0.358178495576 },
  { x: 3, n: 17, level: 0.99, lower: 0.0209243443004, upper: 0.510403750495 },
];

describe("wilsonInterval", () => {
  it.each(WILSON)("matches prop.test for x = $x, n = $n, level = $level", ({ x, n, level, lower, upper }) => {
    const result = wilsonInterval(x, n, level);
    expect(result?.method).toBe("wilson");
    expectClose(result?.estimate, x / n, 1e-12, "wilson estimate");
    expectClose(result?.lower, lower, 1e-6, "wilson lower");
    expectClose(result?.upper, upper, 1e-6, "wilson upper");
  });
});

describe("clopperPearsonInterval", () => {
  it.each(CLOPPER_PEARSON)("matches binom.test for x = $x, n = $n, level = $level", ({ x, n, level, lower, upper }) => {
    const result = clopperPearsonInterval(x, n, level);
    expect(result?.method).toBe("exact");
    expectClose(result?.lower, lower, 1e-6, "clopper-pearson lower");
    expectClose(result?.upper, upper, 1e-6, "clopper-pearson upper");
  });
});

describe("proportion edge cases", () => {
  it("returns null, never NaN, when n = 0", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(clopperPearsonInterval(0, 0)).toBeNull();
    expect(proportion(0, 0, "exact")).toBeNull();
  });

  it("dispatches on method, defaulting to Wilson", () => {
    expect(proportion(3, 10)).toEqual(wilsonInterval(3, 10));
    expect(proportion(3, 10, "exact")).toEqual(clopperPearsonInterval(3, 10));
    expect(proportion(3, 10, "wilson", 0.9)).toEqual(wilsonInterval(3, 10, 0.9));
  });

  it.each([
    [() => wilsonInterval(11, 10), /x must not exceed n/],
    [() => wilsonInterval(-1, 10), /^x must be/],
    [() => clopperPearsonInterval(1.5, 10), /^x must be/],
    [() => clopperPearsonInterval(1, 10.5), /^n must be/],
    [() => proportion(1, Number.NaN), /^n must be/],
    [() => wilsonInterval(1, 10, 1), /^level must/],
    [() => clopperPearsonInterval(1, 10, 0), /^level must/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe("interval invariants (property)", () => {
  const countAndTrials = fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const level = fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999);

  it.each(["wilson", "exact"] as const)("%s: 0 ≤ lower ≤ estimate ≤ upper ≤ 1, all finite", (method) => {
    fc.assert(
      fc.property(countAndTrials, level, ([x, n], lvl) => {
        const result = proportion(x, n, method, lvl);
        if (result === null) return false;
        const { lower, estimate, upper } = result;
        return [lower, estimate, upper].every(Number.isFinite) && 0 <= lower && lower <= estimate && estimate <= upper && upper <= 1;
      }),
      { numRuns: 500 },
    );
  });
});
