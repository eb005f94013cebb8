import { describe, expect, it } from "vitest";
import {
  WHO_STANDARD_BY_AGE_BAND,
  WHO_WORLD_STANDARD_2000_2025,
  collapseStandardToAgeBands,
  directlyStandardisedRate,
} from "@/lib/stats/standardisation";
import { expectClose, reportLargestErrorsAfterAll } from "./expect-close";

reportLargestErrorsAfterAll();

const BANDS = ["0-17", "18-39", "40-64", "65+"] as const;
const strataOf = (events: number[], personYears: number[]) =>
  BANDS.map((band, i) => ({
    events: events[i] ?? 0,
    personYears: personYears[i] ?? 0,
    standardWeight: WHO_STANDARD_BY_AGE_BAND[band],
  }));

// R 4.2.2: epitools::ageadjust.direct(count, pop, stdpop = WHO bands, conf.level) written out
// with qgamma (Fay & Feuer 1997), × 1e5 (reference/reference-values.R). For all-zero counts
// R's lower limit is NaN; the Fay–Feuer limit 0 is expected instead.
const STANDARDISED = [
  {
    id: "typical",
    events: [2, 9, 14, 11],
    personYears: [41000, 120000, 98000, 35000],
    level: 0.95,
    crudePer100k: 12.2448979592,
    per100k: 10.4332105714,
    lower: 7.09018550076,
    upper: 15.4913700541,
  },
  {
    id: "one empty band",
    events: [0, 3, 5, 8],
    personYears: [25000, 60000, 52000, 19000],
    level: 0.95,
    crudePer100k: 10.2564102564,
    per100k: 7.70553302296,
    lower: 4.38716401562,
    upper: 14.0070914701,
  },
  {
    id: "sparse, 90%",
    events: [1, 0, 2, 1],
    personYears: [8000, 15000, 9000, 2500],
    level: 0.9,
    crudePer100k: 11.5942028986,
    per100k: 13.0312168519,
    lower: 4.40414112334,
    upper: 31.1316066369,
  },
  {
    id: "national (gamma shapes > 1000)",
    events: [310, 1900, 2400, 1650],
    personYears: [4.1e6, 6.2e6, 5.9e6, 2.7e6],
    level: 0.95,
    crudePer100k: 33.1216931217,
    per100k: 28.5807197648,
    lower: 27.8547003303,
    upper: 29.3237175794,
  },
  {
    id: "zero events",
    events: [0, 0, 0, 0],
    personYears: [25000, 60000, 52000, 19000],
    level: 0.95,
    crudePer100k: 0,
    per100k: 0,
    lower: 0,
    upper: 4.60683093361,
  },
];

describe("WHO World Standard Population 2000–2025", () => {
  it("keeps the 21 published 5-year weights, which sum to 100,035", () => {
    expect(WHO_WORLD_STANDARD_2000_2025).toHaveLength(21);
    expect(WHO_WORLD_STANDARD_2000_2025.reduce((sum, band) => sum + band.weight, 0)).toBe(100_035);
  });

  it("collapses to the app's age bands as R does (15–19 split 3/5 : 2/5)", () => {
    // R 4.2.2: the `who_bands` vector in reference-values.R.
    const expected = { "0-17": 31232, "18-39": 34298, "40-64": 26270, "65+": 8235 };
    for (const band of BANDS) expectClose(WHO_STANDARD_BY_AGE_BAND[band], expected[band], 1e-12, "WHO collapse");
    expect(collapseStandardToAgeBands([{ fromAge: 15, weight: 5 }])).toEqual({ "0-17": 3, "18-39": 2, "40-64": 0, "65+": 0 });
  });
});

describe("directlyStandardisedRate", () => {
  it.each(STANDARDISED)("matches ageadjust.direct: $id", ({ events, personYears, level, ...expected }) => {
    const result = directlyStandardisedRate(strataOf(events, personYears), level);
    expectClose(result?.per100k, expected.per100k, 1e-6, "standardised rate");
    expectClose(result?.crudePer100k, expected.crudePer100k, 1e-6, "crude rate");
    expectClose(result?.lower, expected.lower, 1e-6, "standardised lower");
    expectClose(result?.upper, expected.upper, 1e-6, "standardised upper");
    expect(result?.events).toBe(events.reduce((a, b) => a + b, 0));
    expect(result?.personYears).toBe(personYears.reduce((a, b) => a + b, 0));
  });

  it("does not depend on the scale of the standard weights", () => {
    const perMillion = strataOf([2, 9, 14, 11], [41000, 120000, 98000, 35000]).map((s) => ({
      ...s,
      standardWeight: s.standardWeight * 10,
    }));
    expectClose(directlyStandardisedRate(perMillion)?.lower, 7.09018550076, 1e-6, "standardised lower");
  });

  it("returns null when there is nothing to standardise or a weighted band has no person-time", () => {
    expect(directlyStandardisedRate([])).toBeNull();
    expect(directlyStandardisedRate([{ events: 1, personYears: 100, standardWeight: 0 }])).toBeNull();
    expect(directlyStandardisedRate(strataOf([0, 3, 5, 8], [0, 60000, 52000, 19000]))).toBeNull();
  });

  it("ignores a band with zero weight and zero person-time", () => {
    const strata = [...strataOf([2, 9, 14, 11], [41000, 120000, 98000, 35000]), { events: 0, personYears: 0, standardWeight: 0 }];
    expectClose(directlyStandardisedRate(strata)?.per100k, 10.4332105714, 1e-6, "standardised rate");
  });

  it.each([
    [() => directlyStandardisedRate([{ events: -1, personYears: 1, standardWeight: 1 }]), /^strata\[0\]\.events must be/],
    [() => directlyStandardisedRate([{ events: 1, personYears: -1, standardWeight: 1 }]), /^strata\[0\]\.personYears must be/],
    [() => directlyStandardisedRate([{ events: 1, personYears: 1, standardWeight: Number.NaN }]), /^strata\[0\]\.standardWeight/],
    [() => directlyStandardisedRate([{ events: 1, personYears: 1, standardWeight: 1 }], 2), /^level must/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
