import { describe, expect, it } from "vitest";
import {
  BASELINES, BASELINE_METRICS, OVERVIEW_CITATION, baselineByKey, baselinesForMetric, type TBaseline,
} from "@/lib/domain/baselines";

const PROPORTION_METRICS = new Set(["case_fatality", "incidence_proportion", "male_share", "eeg_slowing_share"]);

// Every figure SPEC §2 asks to seed from the overview: key → expected value, low, high.
const SPEC_FIGURES: [key: string, value: number | null, low: number | null, high: number | null][] = [
  ["overview-case-fatality-about-10pct", 0.1, null, null],
  ["overview-case-fatality-up-to-10pct-early-recognition", null, null, 0.1],
  ["overview-case-fatality-10-20pct", null, 0.1, 0.2],
  ["overview-case-fatality-20-38pct-earlier-studies", null, 0.2, 0.38],
  ["overview-case-fatality-below-10pct-by-2009", null, null, 0.1],
  ["overview-incidence-15-per-100k-2011", 15, null, null],
  ["overview-incidence-2pct-late-20th-century", 0.02, null, null],
  ["overview-incidence-pooled-0.2-3.23pct", null, 0.002, 0.0323],
  ["overview-male-female-up-to-2-to-1", null, null, 2 / 3],
  ["overview-males-under-40-greatest-risk", null, null, null],
  ["overview-onset-within-few-weeks", null, null, null],
  ["overview-peak-about-3-days", 3, null, null],
  ["overview-duration-8h-to-40-days", null, 1 / 3, 40],
  ["overview-eeg-slowing-about-50pct", 0.5, null, null],
];

const numbers = (baseline: TBaseline) => [baseline.value, baseline.low, baseline.high].filter((n): n is number => n !== null);

describe("baselines", () => {
  it.each(SPEC_FIGURES)("seeds %s from the overview", (key, value, low, high) => {
    const baseline = baselineByKey(key);
    expect(baseline).toBeDefined();
    expect(baseline?.citation).toBe(OVERVIEW_CITATION);
    expect(baseline?.quote).toBeTruthy();
    for (const [actual, expected] of [[baseline?.value, value], [baseline?.low, low], [baseline?.high, high]] as const) {
      if (expected === null) expect(actual).toBeNull();
      else expect(actual).toBeCloseTo(expected, 12);
    }
  });

  it("has unique keys and a citation, unit, population and period on every row", () => {
    const keys = BASELINES.map((baseline) => baseline.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const baseline of BASELINES) {
      for (const field of [baseline.citation, baseline.unit, baseline.population, baseline.period]) expect(field.trim()).not.toBe("");
    }
  });

  it("keeps proportions as fractions in [0, 1] and every number finite and non-negative", () => {
    for (const baseline of BASELINES) {
      for (const n of numbers(baseline)) {
        expect(Number.isFinite(n) && n >= 0, baseline.key).toBe(true);
        if (PROPORTION_METRICS.has(baseline.metric)) expect(n, baseline.key).toBeLessThanOrEqual(1);
      }
    }
  });

  it("orders low ≤ value ≤ high wherever both ends are given", () => {
    for (const { key, value, low, high } of BASELINES) {
      if (low !== null && high !== null) expect(low, key).toBeLessThanOrEqual(high);
      if (low !== null && value !== null) expect(low, key).toBeLessThanOrEqual(value);
      if (value !== null && high !== null) expect(value, key).toBeLessThanOrEqual(high);
    }
  });

  it("computes the derived figures rather than rounding them", () => {
    expect(baselineByKey("overview-male-female-up-to-2-to-1")?.high).toBe(2 / 3);
    expect(baselineByKey("overview-duration-8h-to-40-days")?.low).toBe(8 / 24);
  });

  it("filters by metric, covering every row exactly once", () => {
    const perMetric = BASELINE_METRICS.flatMap((metric) => baselinesForMetric(metric));
    expect(perMetric).toHaveLength(BASELINES.length);
    for (const baseline of baselinesForMetric("case_fatality")) expect(baseline.metric).toBe("case_fatality");
    expect(baselinesForMetric("case_fatality").length).toBeGreaterThanOrEqual(5);
  });

  it("cites literature baselines by authors, journal and year", () => {
    for (const baseline of BASELINES.filter((b) => b.citation !== OVERVIEW_CITATION)) {
      expect(baseline.citation, baseline.key).toMatch(/\b(19|20)\d{2}\b/);
      expect(baseline.quote, baseline.key).toBeTruthy();
    }
  });
});
