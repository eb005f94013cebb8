// The comparison rules (docs/epidemiology.md): a baseline is tested only where measure, population,
// class and period match; point and "about" figures as an equivalence region, ranges as ranges,
// "as high as 2:1" as a male share in [50%, 2/3]; otherwise not_comparable with the reason.
import { describe, expect, it } from "vitest";
import { BASELINES } from "@/lib/domain/baselines";
import {
  EQUIVALENCE_MARGIN,
  compareProportion,
  compareRate,
  notComparableReason,
  testedRange,
  type TObservation,
} from "@/lib/queries/aggregates/comparisons";
import type { TStoredBaseline } from "@/lib/queries/get-baselines";
import { binomialTest, compareWithBaseline, poissonTest } from "@/lib/stats";

const base: TStoredBaseline = {
  key: "b",
  metric: "case_fatality",
  value: 0.1,
  low: null,
  high: null,
  unit: "proportion",
  population: "reported cases",
  period: "2000–2010",
  citation: "Author A. Title. Journal. 2011. doi:10/x",
  quote: null,
  setting: "case_reports",
  drugClass: null,
  periodStart: 2000,
  periodEnd: 2010,
  design: "case_series",
  statement: "about",
  via: null,
  checked: null,
};
const reports: TObservation = {
  metric: "case_fatality",
  ascertainment: "spontaneous_reports",
  drugClass: null,
  period: { start: 2005, end: 2006 },
};

describe("testedRange", () => {
  it("about x and point estimates → x·(1 ± 20%); ranges as stated; bounds with the side the source supports", () => {
    expect(testedRange(base, 1)).toEqual({ low: 0.1 * (1 - EQUIVALENCE_MARGIN), high: 0.1 * (1 + EQUIVALENCE_MARGIN) });
    expect(testedRange({ ...base, statement: "point", value: 0.9 }, 1)).toEqual({ low: 0.9 * 0.8, high: 1 });
    expect(testedRange({ ...base, statement: "range", value: null, low: 0.1, high: 0.2 }, 1)).toEqual({ low: 0.1, high: 0.2 });
    // "Male:female as high as 2:1": males at least as often as females (50%), at most 2 of 3.
    expect(testedRange({ ...base, metric: "male_share", statement: "at_most", value: null, low: 0.5, high: 2 / 3 }, 1)).toEqual({
      low: 0.5,
      high: 2 / 3,
    });
    expect(testedRange({ ...base, statement: "at_least", value: null, low: 0.3 }, 1)).toEqual({ low: 0.3, high: 1 });
    expect(testedRange({ ...base, statement: "qualitative", value: null }, 1)).toBeNull();
    expect(testedRange({ ...base, value: 1.5 }, 1)).toBeNull();
  });
});

describe("notComparableReason", () => {
  it("matches measure, population, class and period before testing", () => {
    expect(notComparableReason(base, reports)).toBeNull();
    expect(notComparableReason({ ...base, metric: "male_share" }, reports)).toMatch(/Different measures/);
    expect(notComparableReason({ ...base, setting: "inpatient", design: "cohort" }, reports)).toMatch(
      /Different populations: .*cohort of inpatient/,
    );
    expect(notComparableReason({ ...base, drugClass: "second_generation" }, { ...reports, drugClass: "first_generation" })).toMatch(
      /second_generation only/,
    );
    expect(notComparableReason({ ...base, drugClass: "second_generation" }, { ...reports, drugClass: "second_generation" })).toBeNull();
    expect(notComparableReason(base, { ...reports, period: { start: 2015, end: 2020 } })).toMatch(/do not overlap the figure's 2000–2010/);
    expect(notComparableReason(base, { ...reports, period: { start: null, end: null } })).toMatch(/choose an onset period/);
    expect(notComparableReason({ ...base, periodStart: null }, { ...reports, period: { start: null, end: 1999 } })).toBeNull();
    expect(notComparableReason({ ...base, statement: "qualitative" }, reports)).toMatch(/qualitative/);
  });

  it("a reporting rate is never tested against an incidence, nor a rate against a proportion of patients", () => {
    const rate: TObservation = {
      metric: "incidence_per_100k_py",
      ascertainment: "spontaneous_reports",
      settings: ["inpatient"],
      drugClass: null,
      period: { start: 2005, end: 2005 },
    };
    const perPy = { ...base, metric: "incidence_per_100k_py", setting: "inpatient", design: "cohort", value: 15 };
    expect(notComparableReason(perPy, rate)).toMatch(/reporting rate .* not an incidence/);
    expect(notComparableReason(perPy, { ...rate, ascertainment: "complete" })).toBeNull();
    expect(notComparableReason(perPy, { ...rate, ascertainment: "complete", settings: ["population"] })).toMatch(
      /Different populations: the figure is for inpatient/,
    );
    expect(notComparableReason({ ...perPy, metric: "incidence_proportion" }, { ...rate, ascertainment: "complete" })).toMatch(
      /incidence proportion/,
    );
  });

  it("every stored baseline: spontaneous-report case fatality is never tested against a cohort or inpatient figure", () => {
    for (const b of BASELINES.filter((x) => x.metric === "case_fatality" && x.setting !== "case_reports")) {
      expect(notComparableReason(b, { ...reports, period: { start: 1950, end: 2030 } })).toMatch(/Different populations/);
    }
  });
});

describe("compareProportion / compareRate", () => {
  it("about 10%: 1,100 of 10,000 (11%) is inside the equivalence region → consistent, p = 1", () => {
    const [c] = compareProportion([base], reports, 1_100, 10_000);
    expect(c).toMatchObject({ verdict: "consistent", pValue: 1 });
    expect(c!.testedRange!.low).toBeCloseTo(0.08, 15);
    expect(c!.testedRange!.high).toBeCloseTo(0.12, 15);
  });

  it("outside the region the exact test runs against the nearer edge", () => {
    const [above] = compareProportion([base], reports, 1_500, 10_000);
    expect(above).toMatchObject({ verdict: "above", pValue: binomialTest(1_500, 10_000, 0.1 * 1.2) });
    const [below] = compareProportion([base], reports, 700, 10_000);
    expect(below).toMatchObject({ verdict: "below", pValue: binomialTest(700, 10_000, 0.1 * 0.8) });
  });

  it("one test per observation: 1,200 deaths in 10,433 cases get one verdict, not above, consistent and below at once", () => {
    const comparisons = compareProportion(BASELINES, { ...reports, period: { start: 2012, end: 2012 } }, 1_200, 10_433);
    const tested = comparisons.filter((c) => c.verdict !== "not_comparable");
    expect(new Set(tested.map((c) => c.verdict)).size).toBeLessThanOrEqual(1);
    for (const c of comparisons.filter((x) => x.verdict === "not_comparable")) expect(c.reason).toBeTruthy();
  });

  it("as high as 2:1: a 30% male share is below [50%, 2/3], 60% is consistent", () => {
    const ratio = { ...base, metric: "male_share", statement: "at_most", value: null, low: 0.5, high: 2 / 3 };
    const obs = { ...reports, metric: "male_share" };
    const [low] = compareProportion([ratio], obs, 30, 100);
    expect(low).toMatchObject({ verdict: "below", pValue: binomialTest(30, 100, 0.5) });
    const [mid] = compareProportion([ratio], obs, 60, 100);
    expect(mid).toMatchObject({ verdict: "consistent", pValue: 1 });
  });

  it("zero trials: not comparable (nothing observed), never a vacuous verdict", () => {
    const [c] = compareProportion([base], reports, 0, 0);
    expect(c).toMatchObject({ verdict: "not_comparable", pValue: null, reason: expect.stringMatching(/denominator is zero/) as string });
  });

  it("an incidence (complete ascertainment, same setting) is tested with the exact Poisson test against the region", () => {
    const perPy = { ...base, metric: "incidence_per_100k_py", setting: "inpatient", design: "cohort", value: 15 };
    const obs: TObservation = {
      metric: "incidence_per_100k_py",
      ascertainment: "complete",
      settings: ["inpatient"],
      drugClass: null,
      period: { start: 2005, end: 2005 },
    };
    const [c] = compareRate([perPy], obs, 60, 100_000);
    const expected = compareWithBaseline({ observed: 60, exposure: 100_000, baselineValue: 12, baselineLow: 12, baselineHigh: 18 })!;
    expect(c).toMatchObject({ verdict: "above", pValue: expected.pValue });
    expect(c!.pValue).toBe(poissonTest(60, 100_000, 18 / 100_000));
  });
});
