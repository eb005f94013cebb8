import { describe, expect, it } from "vitest";
import { mantelHaenszelPrr, mantelHaenszelRor, stratifiedInformationComponent } from "@/lib/stats/disproportionality";
import { expectRelative } from "./expect-relative";

// UGDP tolbutamide trial, deaths by age stratum (< 55, ≥ 55) — a = tolbutamide deaths,
// b = tolbutamide survivors, c = placebo deaths, d = placebo survivors.
// PUBLISHED: Rothman, Greenland & Lash, Modern Epidemiology 3rd ed. (2008), ch. 15: crude
// risk ratio 1.44, Mantel–Haenszel risk ratio 1.33 (printed to 2 decimals). The counts and
// these two figures are quoted from memory of the textbook, not re-read from it; everything
// asserted beyond 2 decimals is the R reference below.
// R REFERENCE (reference.R): MH-PRR and its Greenland–Robins interval by formula; MH-ROR
// and its Robins–Breslow–Greenland interval from mantelhaen.test(correct = FALSE)$estimate
// and $conf.int — an independent implementation.
const UGDP = [
  { a: 8, b: 98, c: 5, d: 115 },
  { a: 22, b: 76, c: 16, d: 69 },
];

const THREE = [
  { a: 12, b: 300, c: 40, d: 5000 },
  { a: 3, b: 150, c: 9, d: 4200 },
  { a: 0, b: 80, c: 5, d: 2600 },
  { a: 0, b: 0, c: 0, d: 0 },
];

describe("Mantel–Haenszel PRR and ROR", () => {
  it("UGDP: reproduces the published MH risk ratio 1.33 (and crude 1.44)", () => {
    expect(mantelHaenszelPrr(UGDP).estimate!.toFixed(2)).toBe("1.33");
    expect(mantelHaenszelPrr([{ a: 30, b: 174, c: 21, d: 184 }]).estimate!.toFixed(2)).toBe("1.44");
  });

  it.each([
    {
      strata: UGDP,
      level: 0.95,
      prr: 1.32555532416,
      prrLower: 0.797907040146,
      prrUpper: 2.20213236504,
      ror: 1.40314854343,
      rorLower: 0.762515168116,
      rorUpper: 2.58201530573,
    },
    {
      strata: UGDP,
      level: 0.9,
      prr: 1.32555532416,
      prrLower: 0.865753211722,
      prrUpper: 2.02955864744,
      ror: 1.40314854343,
      rorLower: 0.841066219852,
      rorUpper: 2.34086899278,
    },
    {
      strata: THREE,
      level: 0.95,
      prr: 5.07607568347,
      prrLower: 2.88240620981,
      prrUpper: 8.93924813809,
      ror: 5.22078230799,
      rorLower: 2.91525553636,
      rorUpper: 9.34963249963,
    },
  ])("R reference, $strata.length strata at $level", (row) => {
    const prr = mantelHaenszelPrr(row.strata, { confidence: row.level });
    expectRelative(prr.estimate, row.prr, 1e-10, "MH PRR");
    expectRelative(prr.lower, row.prrLower, 1e-9, "MH PRR lower");
    expectRelative(prr.upper, row.prrUpper, 1e-9, "MH PRR upper");
    const ror = mantelHaenszelRor(row.strata, { confidence: row.level });
    expectRelative(ror.estimate, row.ror, 1e-10, "MH ROR");
    expectRelative(ror.lower, row.rorLower, 1e-9, "MH ROR lower");
    expectRelative(ror.upper, row.rorUpper, 1e-9, "MH ROR upper");
  });

  it("skips empty strata and counts the rest", () => {
    const r = mantelHaenszelRor(THREE);
    expect(r.strata).toBe(3);
    expect(r.cases).toBe(15);
  });

  it("degenerate pooled tables give null/0 with a reason, never NaN or Infinity", () => {
    const noCases = mantelHaenszelPrr([
      { a: 0, b: 10, c: 3, d: 50 },
      { a: 0, b: 4, c: 1, d: 9 },
    ]);
    expect([noCases.estimate, noCases.lower, noCases.upper]).toEqual([0, null, null]);
    const infinite = mantelHaenszelRor([{ a: 2, b: 10, c: 0, d: 50 }]);
    expect(infinite).toMatchObject({ estimate: null, lower: null, upper: null });
    expect(infinite.reason).toMatch(/infinite/);
    expect(mantelHaenszelPrr([{ a: 0, b: 0, c: 0, d: 0 }]).reason).toMatch(/undefined/);
    expect(() => mantelHaenszelPrr([])).toThrow(RangeError);
  });

  it("a single stratum reduces to the crude PRR and ROR", () => {
    const t = { a: 10, b: 90, c: 20, d: 880 };
    expectRelative(mantelHaenszelPrr([t]).estimate, 4.5, 1e-12);
    expectRelative(mantelHaenszelRor([t]).estimate, 44 / 9, 1e-12);
    // One stratum: the GR variance is the crude one, so the interval is the crude one (R ref).
    expectRelative(mantelHaenszelPrr([t]).lower, 2.16764634722, 1e-9);
    expectRelative(mantelHaenszelRor([t]).lower, 2.21996726935, 1e-9);
  });
});

describe("stratified IC", () => {
  it("uses O = Σ a_k and E = Σ E_k (R reference)", () => {
    const r = stratifiedInformationComponent(THREE);
    expect(r.observed).toBe(15);
    expectRelative(r.expected, 3.6012737664, 1e-9, "E");
    expectRelative(r.ic, 1.91812426137, 1e-9, "IC");
    expectRelative(r.lower, 1.09640103609, 1e-9, "IC025");
  });
});
