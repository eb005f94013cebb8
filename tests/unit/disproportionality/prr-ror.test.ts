import { describe, expect, it } from "vitest";
import { proportionalReportingRatio, reportingOddsRatio, twoByTwoFromMargins, yatesChiSquare } from "@/lib/stats/disproportionality";
import { expectRelative } from "./expect-relative";

// R references (not published figures): reference.R — PRR/ROR intervals by formula in R,
// χ² and p from chisq.test(matrix(c(a, b, c, d), 2, byrow = TRUE), correct = TRUE), R 4.2.2.
// The two UGDP rows are the age strata of the tolbutamide trial as tabulated by Rothman,
// Greenland & Lash (Modern Epidemiology, 3rd ed., 2008, ch. 15), whose published stratum
// risk ratios 1.81 and 1.19 they reproduce to the printed digits (quoted from memory).
// No published PRR/ROR worked example (Evans 2001, EMA EudraVigilance guideline) could be
// recalled with certainty, so none is asserted as "published" here.
const TABLES = [
  {
    a: 10,
    b: 90,
    c: 20,
    d: 880,
    level: 0.95,
    prr: 4.5,
    prrLower: 2.16764634722,
    prrUpper: 9.34192979679,
    chi: 16.1321114929,
    p: 5.90738778278e-5,
    ror: 4.88888888889,
    rorLower: 2.21996726935,
    rorUpper: 10.7664806134,
  },
  {
    a: 3,
    b: 97,
    c: 100,
    d: 99800,
    level: 0.95,
    prr: 29.97,
    prrLower: 9.66613111761,
    prrUpper: 92.9224825395,
    chi: 55.8960230043,
    p: 7.64069678194e-14,
    ror: 30.8659793814,
    rorLower: 9.62235924347,
    rorUpper: 99.0098851092,
  },
  {
    a: 25,
    b: 1200,
    c: 340,
    d: 250000,
    level: 0.95,
    prr: 15.0264105642,
    prrLower: 10.049860706,
    prrUpper: 22.4672780102,
    chi: 292.340423817,
    p: 1.53676015574e-65,
    ror: 15.318627451,
    rorLower: 10.1653017906,
    rorUpper: 23.0844446938,
  },
  {
    a: 1,
    b: 5,
    c: 3,
    d: 40,
    level: 0.95,
    prr: 2.38888888889,
    prrLower: 0.293766867164,
    prrUpper: 19.4262551749,
    chi: 0.000263781223084,
    p: 0.987041852846,
    ror: 2.66666666667,
    rorLower: 0.230880056238,
    rorUpper: 30.8000232977,
  },
  {
    a: 150,
    b: 10000,
    c: 2000,
    d: 3000000,
    level: 0.95,
    prr: 22.1822660099,
    prrLower: 18.812441393,
    prrUpper: 26.1557187104,
    chi: 2804.68600648,
    p: 0,
    ror: 22.5,
    rorLower: 19.0379593345,
    rorUpper: 26.5916105348,
  },
  // |ad − bc| < N/2: R's Yates correction caps at |O − E|, so χ² = 0, p = 1.
  {
    a: 5,
    b: 5,
    c: 5,
    d: 6,
    level: 0.95,
    prr: 1.1,
    prrLower: 0.448919382574,
    prrUpper: 2.69536145457,
    chi: 0,
    p: 1,
    ror: 1.2,
    rorLower: 0.215711550446,
    rorUpper: 6.67558133545,
  },
  {
    a: 8,
    b: 98,
    c: 5,
    d: 115,
    level: 0.95,
    prr: 1.81132075472,
    prrLower: 0.611204395234,
    prrUpper: 5.36789804205,
    chi: 0.644787926073,
    p: 0.421982319071,
    ror: 1.87755102041,
    rorLower: 0.594869804386,
    rorUpper: 5.92599894673,
  },
  {
    a: 22,
    b: 76,
    c: 16,
    d: 69,
    level: 0.95,
    prr: 1.19260204082,
    prrLower: 0.671266425297,
    prrUpper: 2.11883027984,
    chi: 0.176668324317,
    p: 0.674252203592,
    ror: 1.24835526316,
    rorLower: 0.606577844945,
    rorUpper: 2.56915229602,
  },
  // b = 0: PRR and its interval stay defined; ROR is infinite (R: Inf) → null.
  {
    a: 4,
    b: 0,
    c: 7,
    d: 300,
    level: 0.95,
    prr: 43.8571428571,
    prrLower: 21.0865439357,
    prrUpper: 91.2168909924,
    chi: 83.7268921503,
    p: 5.68071985872e-20,
    ror: null,
    rorLower: null,
    rorUpper: null,
  },
  {
    a: 10,
    b: 90,
    c: 20,
    d: 880,
    level: 0.9,
    prr: 4.5,
    prrLower: 2.43775282834,
    prrUpper: 8.30683068626,
    chi: 16.1321114929,
    p: 5.90738778278e-5,
    ror: 4.88888888889,
    rorLower: 2.52040287911,
    rorUpper: 9.48310080343,
  },
  {
    a: 3,
    b: 97,
    c: 100,
    d: 99800,
    level: 0.9,
    prr: 29.97,
    prrLower: 11.594773732,
    prrUpper: 77.4660136332,
    chi: 55.8960230043,
    p: 7.64069678194e-14,
    ror: 30.8659793814,
    rorLower: 11.6055277228,
    rorUpper: 82.0909402774,
  },
  {
    a: 1,
    b: 5,
    c: 3,
    d: 40,
    level: 0.9,
    prr: 2.38888888889,
    prrLower: 0.411469632993,
    prrUpper: 13.8692862507,
    chi: 0.000263781223084,
    p: 0.987041852846,
    ror: 2.66666666667,
    rorLower: 0.342153939426,
    rorUpper: 20.7833676357,
  },
];

describe("PRR, ROR and Yates χ² against R", () => {
  it.each(TABLES)("a=$a b=$b c=$c d=$d at $level", (row) => {
    const table = { a: row.a, b: row.b, c: row.c, d: row.d };
    const prr = proportionalReportingRatio(table, { confidence: row.level });
    expectRelative(prr.estimate, row.prr, 1e-10, "PRR");
    expectRelative(prr.lower, row.prrLower, 1e-9, "PRR lower");
    expectRelative(prr.upper, row.prrUpper, 1e-9, "PRR upper");
    expectRelative(prr.chiSquare, row.chi, 1e-9, "χ²");
    // p = 0 in R is an underflow (χ² = 2805 → p ≈ 1e-610): compared absolutely.
    expectRelative(prr.chiSquarePValue, row.p, 1e-8, "p");
    const ror = reportingOddsRatio(table, { confidence: row.level });
    expectRelative(ror.estimate, row.ror, 1e-10, "ROR");
    expectRelative(ror.lower, row.rorLower, 1e-9, "ROR lower");
    expectRelative(ror.upper, row.rorUpper, 1e-9, "ROR upper");
  });

  it("hand arithmetic: (10/100)/(20/900) = 4.5 and (10·880)/(90·20) = 44/9", () => {
    const t = { a: 10, b: 90, c: 20, d: 880 };
    expect(proportionalReportingRatio(t).estimate).toBeCloseTo(4.5, 14);
    expect(reportingOddsRatio(t).estimate).toBeCloseTo(44 / 9, 14);
  });
});

describe("zero cells: null with a reason, never NaN or Infinity", () => {
  it("a = 0 gives PRR 0 and ROR 0 with no interval", () => {
    const t = { a: 0, b: 50, c: 10, d: 1000 };
    const prr = proportionalReportingRatio(t);
    expect([prr.estimate, prr.lower, prr.upper]).toEqual([0, null, null]);
    expect(prr.reason).toMatch(/a = 0/);
    const ror = reportingOddsRatio(t);
    expect([ror.estimate, ror.lower, ror.upper]).toEqual([0, null, null]);
    expect(ror.reason).toMatch(/a = 0/);
  });

  it("c = 0 makes both ratios infinite → null", () => {
    const t = { a: 5, b: 50, c: 0, d: 1000 };
    expect(proportionalReportingRatio(t)).toMatchObject({ estimate: null, lower: null, upper: null });
    expect(proportionalReportingRatio(t).reason).toMatch(/infinite/);
    expect(reportingOddsRatio(t).reason).toMatch(/infinite/);
  });

  it("a drug without reports, and an empty table", () => {
    expect(proportionalReportingRatio({ a: 0, b: 0, c: 3, d: 9 }).reason).toMatch(/a \+ b = 0/);
    expect(proportionalReportingRatio({ a: 0, b: 0, c: 0, d: 0 })).toMatchObject({ estimate: null, chiSquare: null });
    expect(reportingOddsRatio({ a: 0, b: 0, c: 0, d: 0 }).reason).toMatch(/0\/0/);
    expect(yatesChiSquare({ a: 3, b: 0, c: 4, d: 0 })).toBeNull();
  });

  it("the Haldane correction is applied only when asked, and flagged (R reference, +0.5 cells)", () => {
    const t = { a: 0, b: 50, c: 10, d: 1000 };
    expect(proportionalReportingRatio(t).haldaneApplied).toBe(false);
    const prr = proportionalReportingRatio(t, { haldane: true });
    expect(prr.haldaneApplied).toBe(true);
    expect(prr.cases).toBe(0);
    expectRelative(prr.estimate, 0.943977591036, 1e-10);
    expectRelative(prr.lower, 0.0560949529534, 1e-9);
    expectRelative(prr.upper, 15.8854521746, 1e-9);
    const ror = reportingOddsRatio(t, { haldane: true });
    expectRelative(ror.estimate, 0.94342291372, 1e-10);
    expectRelative(ror.lower, 0.0545125444605, 1e-9);
    expectRelative(ror.upper, 16.3273757066, 1e-9);
    expect(reportingOddsRatio({ a: 1, b: 2, c: 3, d: 4 }, { haldane: true }).haldaneApplied).toBe(false);
  });
});

describe("input checks", () => {
  it("rejects negative, fractional and non-finite cells and bad confidence levels", () => {
    expect(() => proportionalReportingRatio({ a: -1, b: 1, c: 1, d: 1 })).toThrow(RangeError);
    expect(() => reportingOddsRatio({ a: 1.5, b: 1, c: 1, d: 1 })).toThrow(/cell a/);
    expect(() => reportingOddsRatio({ a: 1, b: NaN, c: 1, d: 1 })).toThrow(RangeError);
    expect(() => proportionalReportingRatio({ a: 1, b: 1, c: 1, d: 1 }, { confidence: 1 })).toThrow(RangeError);
  });

  it("builds the table from background counts and rejects inconsistent margins", () => {
    expect(twoByTwoFromMargins({ cases: 10, drugReports: 100, eventReports: 30, totalReports: 1000 })).toEqual({
      a: 10,
      b: 90,
      c: 20,
      d: 880,
    });
    expect(() => twoByTwoFromMargins({ cases: 10, drugReports: 5, eventReports: 30, totalReports: 1000 })).toThrow(RangeError);
  });
});
