import { describe, expect, it } from "vitest";
import { binomialTest, compareWithBaseline, describeComparison, poissonTest } from "@/lib/stats/baseline-test";
import { expectClose, reportLargestErrorsAfterAll } from "./expect-close";

reportLargestErrorsAfterAll();

// R 4.2.2: binom.test(x, n, p0)$p.value, two-sided (reference/reference-values.R).
const BINOMIAL_TESTS = [
  { x: 3, n: 10, p0: 0.1, pValue: 0.0701908264 },
  { x: 14, n: 100, p0: 0.1, pValue: 0.181453679086 },
  { x: 14, n: 100, p0: 0.2, pValue: 0.167919105782 },
  { x: 0, n: 20, p0: 0.1, pValue: 0.254529978025 },
  { x: 20, n: 20, p0: 0.9, pValue: 0.254529978025 },
  { x: 1, n: 10000, p0: 0.001, pValue: 0.00119213265987 },
  { x: 50, n: 10000, p0: 0.001, pValue: 1.71443875812e-19 },
  { x: 682, n: 925, p0: 0.75, pValue: 0.382491559575 },
  { x: 5, n: 10, p0: 0.5, pValue: 1 },
  { x: 0, n: 1, p0: 0.5, pValue: 1 },
  { x: 1, n: 1, p0: 0.3, pValue: 0.3 },
  { x: 2, n: 1000, p0: 0.1, pValue: 2.24524416912e-42 },
  { x: 7, n: 10, p0: 0, pValue: 0 },
  { x: 0, n: 10, p0: 0, pValue: 1 },
  { x: 10, n: 10, p0: 1, pValue: 1 },
  { x: 9, n: 37, p0: 0.15, pValue: 0.110809594463 },
  { x: 160, n: 100000, p0: 0.0015, pValue: 0.41359822226 },
  { x: 52000, n: 100000, p0: 0.5, pValue: 1.15309386667e-36 },
];

// R 4.2.2: poisson.test(x, T, r0)$p.value, one-sample two-sided (reference-values.R).
const POISSON_TESTS = [
  { x: 10, T: 1000, r0: 0.01, pValue: 1 },
  { x: 3, T: 1000, r0: 0.01, pValue: 0.024613664273 },
  { x: 25, T: 1000, r0: 0.01, pValue: 4.69493814268e-5 },
  { x: 0, T: 100, r0: 0.05, pValue: 0.0121910389121 },
  { x: 137, T: 24.19893, r0: 1, pValue: 2.84522726411e-56 },
  { x: 2, T: 100000, r0: 0.00015, pValue: 7.94630841219e-5 },
  { x: 60, T: 100000, r0: 0.00015, pValue: 1.78948658056e-18 },
  { x: 0, T: 1000000, r0: 0.00015, pValue: 1.65458157814e-65 },
  { x: 1, T: 3, r0: 0.2, pValue: 0.451188363906 },
  { x: 4, T: 0, r0: 1, pValue: 0 },
  { x: 0, T: 0, r0: 1, pValue: 1 },
  { x: 1600, T: 10000000, r0: 0.00015, pValue: 0.0105743505383 },
  { x: 1400, T: 10000000, r0: 0.00015, pValue: 0.00945684485111 },
  { x: 5, T: 40000, r0: 0.00015, pValue: 1 }, // dpois(5, 6) = dpois(6, 6): R's 1e-7 tie tolerance
];

describe("binomialTest", () => {
  it.each(BINOMIAL_TESTS)("matches binom.test for x = $x, n = $n, p0 = $p0", ({ x, n, p0, pValue }) => {
    expectClose(binomialTest(x, n, p0), pValue, 1e-6, "binomial test p-value");
  });

  it("gives 1 when there are no trials (the only outcome was observed)", () => {
    expect(binomialTest(0, 0, 0.3)).toBe(1);
  });

  it.each([
    [() => binomialTest(11, 10, 0.5), /x must not exceed n/],
    [() => binomialTest(1, 10, 1.2), /^p0 must be/],
    [() => binomialTest(1, -10, 0.5), /^n must be/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe("poissonTest", () => {
  it.each(POISSON_TESTS)("matches poisson.test for x = $x, T = $T, r0 = $r0", ({ x, T, r0, pValue }) => {
    expectClose(poissonTest(x, T, r0), pValue, 1e-6, "poisson test p-value");
  });

  it.each([
    [() => poissonTest(-1, 10, 0.5), /^x must be/],
    [() => poissonTest(1, -10, 0.5), /^T must be/],
    [() => poissonTest(1, 10, Number.NaN), /^r0 must be/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

// p-values: R 4.2.2 binom.test / poisson.test against the bound named in `testedAgainst`
// (reference-values.R, "compareWithBaseline" block).
describe("compareWithBaseline", () => {
  const caseFatalityRange = { baselineValue: 0.1, baselineLow: 0.1, baselineHigh: 0.2 };

  it.each([
    { observed: 142, trials: 1000, testedAgainst: null, pValue: 1, verdict: "consistent" },
    { observed: 31, trials: 100, testedAgainst: 0.2, pValue: 0.00839289646725, verdict: "above" },
    { observed: 3, trials: 100, testedAgainst: 0.1, pValue: 0.0178437663833, verdict: "below" },
    { observed: 22, trials: 100, testedAgainst: 0.2, pValue: 0.617155746863, verdict: "consistent" },
  ])("case fatality $observed/$trials against 10–20% is $verdict", ({ observed, trials, ...expected }) => {
    const result = compareWithBaseline({ observed, trials, ...caseFatalityRange });
    expect(result?.verdict).toBe(expected.verdict);
    expect(result?.testedAgainst).toBe(expected.testedAgainst);
    expectClose(result?.pValue, expected.pValue, 1e-6, "baseline comparison p-value");
  });

  it("tests zero events against the lower end of a range", () => {
    const result = compareWithBaseline({ observed: 0, trials: 2000, baselineValue: 0.01, baselineLow: 0.002, baselineHigh: 0.0323 });
    expect(result).toMatchObject({ estimate: 0, testedAgainst: 0.002, verdict: "below" });
    expectClose(result?.pValue, 0.0394867990919, 1e-6, "baseline comparison p-value");
  });

  it.each([
    { observed: 60, exposure: 100000, pValue: 1.78948658056e-18, verdict: "above" },
    { observed: 8, exposure: 100000, pValue: 0.0701907384125, verdict: "consistent" },
    { observed: 5, exposure: 40000, pValue: 1, verdict: "consistent" },
  ])("incidence $observed in $exposure person-years against 15 per 100,000 is $verdict", ({ observed, exposure, ...expected }) => {
    const result = compareWithBaseline({ observed, exposure, baselineValue: 15 });
    expect(result?.verdict).toBe(expected.verdict);
    expect(result?.testedAgainst).toBe(15);
    expectClose(result?.pValue, expected.pValue, 1e-6, "baseline comparison p-value");
  });

  it("honours alpha and a custom rate scale", () => {
    expect(compareWithBaseline({ observed: 8, exposure: 100000, baselineValue: 15, alpha: 0.1 })?.verdict).toBe("below");
    const perPerson = compareWithBaseline({ observed: 60, exposure: 100000, baselineValue: 15e-5, per: 1 });
    expectClose(perPerson?.pValue, 1.78948658056e-18, 1e-6, "baseline comparison p-value");
  });

  it("returns null without trials or exposure rather than a vacuous verdict", () => {
    expect(compareWithBaseline({ observed: 0, trials: 0, ...caseFatalityRange })).toBeNull();
    expect(compareWithBaseline({ observed: 0, exposure: 0, baselineValue: 15 })).toBeNull();
  });

  it.each([
    [() => compareWithBaseline({ observed: 5, trials: 4, baselineValue: 0.1 }), /^observed must not exceed trials/],
    [() => compareWithBaseline({ observed: 1, trials: 4, baselineValue: 0.1, baselineLow: 0.3 }), /^baselineLow must not exceed/],
    [() => compareWithBaseline({ observed: 1, trials: 4, baselineValue: 15 }), /^baselineValue must be a probability/],
    [() => compareWithBaseline({ observed: 1, exposure: -4, baselineValue: 15 }), /^exposure must be/],
    [() => compareWithBaseline({ observed: 1, exposure: 4, baselineValue: -15 }), /^baselineValue must be/],
    [() => compareWithBaseline({ observed: 1, trials: 4, baselineValue: 0.1, alpha: 0 }), /^alpha must/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe("describeComparison", () => {
  it("says an estimate inside a published range is consistent with it", () => {
    const baseline = { baselineValue: 0.1, baselineLow: 0.1, baselineHigh: 0.2 };
    const comparison = compareWithBaseline({ observed: 142, trials: 1000, ...baseline });
    expect(comparison && describeComparison({ label: "Case fatality", unit: "percent", comparison, ...baseline })).toBe(
      "Case fatality 14.2% is consistent with the published 10–20%",
    );
  });

  it("adds the p-value when a rate departs from its baseline", () => {
    const comparison = compareWithBaseline({ observed: 60, exposure: 100000, baselineValue: 15 });
    expect(comparison && describeComparison({ label: "Incidence", unit: "per100k", comparison, baselineValue: 15 })).toBe(
      "Incidence 60.0 per 100,000 person-years is above the published 15 per 100,000 person-years (p < 0.001)",
    );
  });

  it("prints three decimals for p ≥ 0.001", () => {
    const comparison = compareWithBaseline({ observed: 31, trials: 100, baselineValue: 0.1, baselineHigh: 0.2 });
    expect(
      comparison && describeComparison({ label: "Case fatality", unit: "percent", comparison, baselineValue: 0.1, baselineHigh: 0.2 }),
    ).toBe("Case fatality 31.0% is above the published 10–20% (p = 0.008)");
  });
});
