// The bar charts' view model (lib/dashboard/bar-data.ts) and axis names (axis-labels.ts), which
// only the browser tests reached: what a bar draws, its whisker, what it says aloud, and when it
// links to the line listing.
import { describe, expect, it } from "vitest";
import { AGE_AXIS_LABELS, CLASS_AXIS_LABELS, LATENCY_AXIS_LABELS, axisLabelOf } from "@/lib/dashboard/axis-labels";
import { caseFatalityDatum, incidenceDatum, intervalDatum, shareDatum, valueText } from "@/lib/dashboard/bar-data";
import { LATENCY_BUCKETS } from "@/lib/domain/onset-latency";
import { AGE_BANDS, DRUG_CLASSES, DRUG_CLASS_LABELS } from "@/lib/domain/vocabulary";
import { formatEstimate } from "@/lib/format";
import type { TAggregateGroup, TRate } from "@/lib/queries/aggregates/types";

const interval = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper, method: "wilson" as const });
const group = (over: Partial<TAggregateGroup>): TAggregateGroup => ({
  key: "male",
  label: "Male",
  cases: 12,
  fatal: 3,
  knownOutcome: 10,
  caseFatality: interval(0.3, 0.1, 0.6),
  share: interval(0.4, 0.25, 0.57),
  rate: null,
  comparisons: [],
  ...over,
});
const rate = (over: Partial<TRate> = {}): TRate => ({
  kind: "incidence",
  per100kPersonYears: 2.5,
  lower: 1.2,
  upper: 4.6,
  method: "exact_poisson",
  cases: 12,
  undated: 0,
  personYears: 480_000,
  exposureSources: [{ source: "Demo exposure", synthetic: true, completeAscertainment: false, settings: [], country: null }],
  ...over,
});

describe("intervalDatum", () => {
  it("draws the estimate with whiskers as offsets from it, and says value, interval and counts", () => {
    const d = intervalDatum({
      key: "k",
      label: "Key",
      interval: interval(0.4, 0.25, 0.57),
      format: "percent",
      measure: "Share of cases",
      details: ["12 of 30 cases"],
      href: "/cases?sex=male",
    });
    expect(d.value).toBe(0.4);
    expect(d.error![0]).toBeCloseTo(0.4 - 0.25, 12);
    expect(d.error![1]).toBeCloseTo(0.57 - 0.4, 12);
    const said = formatEstimate(interval(0.4, 0.25, 0.57), "percent");
    expect(d.details).toEqual([`Share of cases: ${said}`, "12 of 30 cases"]);
    expect(d.description).toBe(`Key: share of cases ${said}; 12 of 30 cases`);
    expect([d.axisLabel, d.tone, d.href]).toEqual(["Key", "default", "/cases?sex=male"]);
  });

  it("never draws a negative whisker when an estimate lies outside its rounded interval", () => {
    const d = intervalDatum({
      key: "k",
      label: "K",
      interval: interval(0.5, 0.6, 0.4),
      format: "percent",
      measure: "M",
      details: [],
      href: null,
    });
    expect(d.error).toEqual([0, 0]);
  });

  it("without an interval has no value, no whisker, and says it is not available", () => {
    const d = intervalDatum({ key: "k", label: "K", interval: null, format: "rate", measure: "Rate", details: ["why"], href: null });
    expect([d.value, d.lower, d.upper, d.error]).toEqual([null, null, null, null]);
    expect(d.description).toBe("K: rate not available; why");
    expect(valueText(d, "rate")).toBe(valueText({ ...d, value: null }, "percent"));
  });
});

describe("shareDatum, caseFatalityDatum, incidenceDatum", () => {
  it("a share links to the listing only when the bar holds cases", () => {
    expect(shareDatum(group({}), 30, "/cases?sex=male").href).toBe("/cases?sex=male");
    const empty = shareDatum(group({ cases: 0 }), 30, "/cases?sex=male");
    expect([empty.href, empty.value]).toEqual([null, null]);
    expect(shareDatum(group({}), 30, null, "fatal", "M").tone).toBe("fatal");
  });

  it("case fatality counts fatal of known outcome; a suppressed (null) count has no link", () => {
    const d = caseFatalityDatum(group({}), "/cases?sex=male");
    expect(d.details).toContain("3 fatal of 10 with a known outcome");
    expect(d.value).toBe(0.3);
    expect(caseFatalityDatum(group({ cases: null }), "/x").href).toBeNull();
  });

  it("a rate names its kind, its exposure (and that it is synthetic), and its person-years", () => {
    const d = incidenceDatum(group({ rate: rate() }), "/cases?drugClass=antiemetic");
    expect(d.value).toBe(2.5);
    expect(d.details[0]).toMatch(/^Incidence per 100,000 person-years \(synthetic exposure\): /);
    expect(d.details.slice(1)).toEqual(["12 cases in 480,000 person-years", "exposure: Demo exposure"]);
    expect(d.href).toBe("/cases?drugClass=antiemetic");
    const reporting = incidenceDatum(group({ rate: rate({ kind: "reporting_rate", exposureSources: [] }) }), null);
    expect(reporting.details[0]).toMatch(/^Reporting rate per 100,000 person-years: /);
  });

  it("without a rate draws no bar and gives the engine's reason instead", () => {
    const d = incidenceDatum(group({ rateReason: "No exposure: no exposure dataset covers antiemetic" }), "/cases");
    expect([d.value, d.href]).toEqual([null, null]);
    expect(d.details).toEqual([
      "Reporting rate per 100,000 person-years: not available",
      "No exposure: no exposure dataset covers antiemetic",
    ]);
  });
});

describe("axis labels", () => {
  it("give every class, age band and latency bucket a short name, lines no longer than the full label", () => {
    for (const c of DRUG_CLASSES) {
      expect(CLASS_AXIS_LABELS[c].replace("\n", " ")).toBe(DRUG_CLASS_LABELS[c]);
    }
    expect(Object.keys(AGE_AXIS_LABELS).sort()).toEqual([...AGE_BANDS].sort());
    expect(Object.keys(LATENCY_AXIS_LABELS).sort()).toEqual([...LATENCY_BUCKETS].sort());
  });

  it("falls back to the full label for a category without a short name", () => {
    expect(axisLabelOf(CLASS_AXIS_LABELS, "antiemetic", "Antiemetic drugs")).toBe("Antiemetic");
    expect(axisLabelOf(CLASS_AXIS_LABELS, "2019", "2019")).toBe("2019");
  });
});
