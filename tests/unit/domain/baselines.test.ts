// The published baselines (lib/domain/baselines.ts): every figure cites a primary source a researcher
// can look up, records what makes it comparable, and keeps its derived numbers computed, not typed.
import { describe, expect, it } from "vitest";
import {
  BASELINES,
  BASELINE_DESIGNS,
  BASELINE_METRICS,
  BASELINE_SETTINGS,
  BASELINE_STATEMENTS,
  baselineByKey,
  baselinesForMetric,
  type TBaseline,
} from "@/lib/domain/baselines";
import { DRUG_CLASSES } from "@/lib/domain/vocabulary";

const PROPORTION_METRICS = new Set(["case_fatality", "incidence_proportion", "male_share", "eeg_slowing_share"]);
const numbers = (baseline: TBaseline) => [baseline.value, baseline.low, baseline.high].filter((n): n is number => n !== null);

describe("baselines", () => {
  it("cites a primary source on every row: authors, year, and a DOI or PMID (or says why there is none)", () => {
    for (const baseline of BASELINES) {
      expect(baseline.citation, baseline.key).toMatch(/\b(19|20)\d{2}\b/);
      expect(baseline.citation, baseline.key).not.toMatch(/seeds\/|\.txt|overview/i);
      if (!/doi:10\.|PMID \d+/.test(baseline.citation)) expect(baseline.checked, baseline.key).toMatch(/No DOI or PMID/);
      expect(baseline.checked.trim(), baseline.key).not.toBe("");
    }
  });

  it("records what makes each figure comparable", () => {
    for (const b of BASELINES) {
      expect(BASELINE_SETTINGS, b.key).toContain(b.setting);
      expect(BASELINE_DESIGNS, b.key).toContain(b.design);
      expect(BASELINE_STATEMENTS, b.key).toContain(b.statement);
      if (b.drugClass !== null) expect(DRUG_CLASSES, b.key).toContain(b.drugClass);
      expect(b.periodStart !== null || b.periodEnd !== null, b.key).toBe(true);
      if (b.statement === "range") expect(b.low !== null && b.high !== null, b.key).toBe(true);
      if (b.statement === "point" || b.statement === "about") expect(b.value, b.key).not.toBeNull();
    }
  });

  it("carries the pooled incidence as corrected (0.02%–3.23%, not 0.2%)", () => {
    expect(baselineByKey("berman-2011-pooled-incidence-0.02-3.23pct")).toMatchObject({
      low: 0.0002,
      high: 0.0323,
      statement: "range",
      metric: "incidence_proportion",
    });
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
    const share = baselineByKey("gurrera-2017-male-share")!;
    // male share r / (1 + r) of the sex ratio 1.47 (95% CI 1.20–1.80)
    for (const [actual, ratio] of [
      [share.value, 1.47],
      [share.low, 1.2],
      [share.high, 1.8],
    ] as const)
      expect(actual).toBeCloseTo(ratio / (1 + ratio), 15);
    expect(baselineByKey("naganuma-1994-oita-inpatients-1.8pct")?.value).toBe(10 / 564);
  });

  it("filters by metric, covering every row exactly once", () => {
    const perMetric = BASELINE_METRICS.flatMap((metric) => baselinesForMetric(metric));
    expect(perMetric).toHaveLength(BASELINES.length);
    for (const baseline of baselinesForMetric("case_fatality")) expect(baseline.metric).toBe("case_fatality");
    expect(baselinesForMetric("case_fatality").length).toBeGreaterThanOrEqual(3);
  });
});
