import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeDisproportionality,
  mantelHaenszelPrr,
  mantelHaenszelRor,
  stratifiedInformationComponent,
} from "@/lib/stats/disproportionality";

const PRIOR = { alpha1: 3.25379356, beta1: 0.39988854, alpha2: 2.02612692, beta2: 1.9080797, p: 0.06534557 };

// Counts from 0 upwards with many zeros, so every zero-cell pattern is visited.
const count = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1_000_000 }));
const table = fc.record({ a: count, b: count, c: count, d: count });

/** Every number anywhere in the value is finite (null and booleans and strings allowed). */
function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

describe("no NaN or Infinity, whatever the table", () => {
  it("a pooled interval too wide for a double loses its upper limit, with a reason (found by fast-check)", () => {
    const r = mantelHaenszelPrr([
      { a: 1, b: 154765, c: 0, d: 1 },
      { a: 0, b: 1, c: 5, d: 2 },
    ]);
    expect(r.estimate).toBeCloseTo(1 / 154767 / 0.625, 15);
    expect(r.upper).toBeNull();
    expect(r.reason).toMatch(/unbounded/);
  });

  it("PRR, ROR, IC, EBGM and flags", () => {
    fc.assert(
      fc.property(table, fc.boolean(), (t, haldane) => {
        const s = computeDisproportionality(t, { prior: PRIOR, haldane });
        expect(allFinite(s)).toBe(true);
        for (const r of [s.prr, s.ror]) {
          if (r.lower !== null && r.upper !== null && r.estimate !== null) {
            expect(r.lower).toBeLessThanOrEqual(r.estimate * (1 + 1e-12));
            expect(r.estimate).toBeLessThanOrEqual(r.upper * (1 + 1e-12));
          }
          // An interval is missing only with a reason.
          if (r.lower === null || r.upper === null) expect(r.reason).not.toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it("Mantel–Haenszel and stratified IC", () => {
    fc.assert(
      fc.property(fc.array(table, { minLength: 1, maxLength: 5 }), (strata) => {
        for (const r of [mantelHaenszelPrr(strata), mantelHaenszelRor(strata)]) {
          expect(allFinite(r)).toBe(true);
          if (r.lower === null || r.upper === null) expect(r.reason).not.toBeNull();
        }
        expect(allFinite(stratifiedInformationComponent(strata))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
