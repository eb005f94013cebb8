import { describe, expect, it } from "vitest";
import {
  computeDisproportionality,
  DEFAULT_SIGNAL_THRESHOLDS,
  informationComponent,
  proportionalReportingRatio,
  reportingOddsRatio,
  signalFlags,
  withThresholds,
  type GammaMixturePrior,
} from "@/lib/stats/disproportionality";

const PRIOR: GammaMixturePrior = { alpha1: 3.25379356, beta1: 0.39988854, alpha2: 2.02612692, beta2: 1.9080797, p: 0.06534557 };

describe("signal rules", () => {
  it("uses the published defaults", () => {
    expect(DEFAULT_SIGNAL_THRESHOLDS).toEqual({
      prr: { estimateAtLeast: 2, chiSquareAtLeast: 4, casesAtLeast: 3 },
      ror: { lowerAbove: 1, casesAtLeast: 3 },
      ic: { lowerAbove: 0, casesAtLeast: 3 },
      ebgm: { eb05AtLeast: 2, casesAtLeast: 3 },
    });
    expect(Object.isFrozen(DEFAULT_SIGNAL_THRESHOLDS.prr)).toBe(true);
  });

  it("Evans: PRR 29.97, χ² 55.9, a = 3 is a signal; a = 2 is not", () => {
    const three = proportionalReportingRatio({ a: 3, b: 97, c: 100, d: 99800 });
    expect(signalFlags({ prr: three }).prr).toBe(true);
    const two = proportionalReportingRatio({ a: 2, b: 98, c: 100, d: 99800 });
    expect(signalFlags({ prr: two }).prr).toBe(false);
  });

  it("boundaries: PRR and χ² are ≥, the ROR and IC lower limits are strict >", () => {
    const prr = { ...proportionalReportingRatio({ a: 10, b: 90, c: 20, d: 880 }), estimate: 2, chiSquare: 4 };
    expect(signalFlags({ prr }).prr).toBe(true);
    const ror = { ...reportingOddsRatio({ a: 10, b: 90, c: 20, d: 880 }), lower: 1 };
    expect(signalFlags({ ror }).ror).toBe(false);
    const ic = { ...informationComponent(10, 2.3), lower: 0 };
    expect(signalFlags({ ic }).ic).toBe(false);
  });

  it("null when a statistic is missing or undefined; `any` only counts true flags", () => {
    const infinite = proportionalReportingRatio({ a: 5, b: 50, c: 0, d: 1000 });
    const flags = signalFlags({ prr: infinite, ror: reportingOddsRatio({ a: 5, b: 50, c: 0, d: 1000 }) });
    expect(flags).toEqual({ prr: null, ror: null, ic: null, ebgm: null, any: false });
  });

  it("thresholds are configurable rule by rule", () => {
    const prr = proportionalReportingRatio({ a: 3, b: 97, c: 100, d: 99800 });
    expect(signalFlags({ prr }, withThresholds({ prr: { casesAtLeast: 5 } })).prr).toBe(false);
    expect(withThresholds({ prr: { casesAtLeast: 5 } }).prr.estimateAtLeast).toBe(2);
  });
});

describe("computeDisproportionality", () => {
  it("computes every statistic and flags a clear signal on all four", () => {
    const s = computeDisproportionality({ a: 25, b: 1200, c: 340, d: 250000 }, { prior: PRIOR });
    expect(s.prr.estimate).toBeCloseTo(15.0264105642, 9);
    expect(s.ebgm?.e).toBeCloseTo((1225 * 365) / 251565, 12);
    expect(s.flags).toEqual({ prr: true, ror: true, ic: true, ebgm: true, any: true });
  });

  it("without a prior, EBGM is null and not flagged", () => {
    const s = computeDisproportionality({ a: 1, b: 5, c: 3, d: 40 });
    expect(s.ebgm).toBeNull();
    expect(s.flags).toMatchObject({ prr: false, ror: false, ic: false, ebgm: null, any: false });
  });
});
