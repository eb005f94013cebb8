// Stratum-adjusted disproportionality: Mantel–Haenszel PRR (a risk ratio) and ROR (an odds
// ratio) with their log-scale variances, and the IC on a stratified expected count.
import { informationComponent, type IcOptions, type IcResult } from "./information-component";
import { assertTwoByTwo, expectedCases, ratioWithInterval, tableTotal, zMultiplier } from "./two-by-two";
import type { RatioEstimate, TwoByTwo } from "./two-by-two";

export interface MantelHaenszelResult extends RatioEstimate {
  /** Σ a_k over the strata. */
  cases: number;
  /** Strata with at least one report (empty strata are ignored). */
  strata: number;
}

/** Common validation and the empty/degenerate outcomes shared by both estimators. */
function pooled(
  strata: readonly TwoByTwo[],
  confidence: number | undefined,
  sums: (t: TwoByTwo, n: number) => { top: number; bottom: number },
  logVariance: (kept: TwoByTwo[], top: number, bottom: number) => number,
  name: string,
): MantelHaenszelResult {
  if (strata.length === 0) throw new RangeError("at least one stratum is needed");
  strata.forEach(assertTwoByTwo);
  const { z, confidence: level } = zMultiplier(confidence);
  const kept = strata.filter((t) => tableTotal(t) > 0);
  const base = { cases: kept.reduce((s, t) => s + t.a, 0), strata: kept.length, confidence: level, haldaneApplied: false };
  let top = 0;
  let bottom = 0;
  for (const t of kept) {
    const part = sums(t, tableTotal(t));
    top += part.top;
    bottom += part.bottom;
  }
  const none = (estimate: number | null, reason: string) => ({ ...base, estimate, lower: null, upper: null, reason });
  if (bottom === 0) {
    return none(null, top === 0 ? `${name} is 0/0 in every stratum: undefined.` : `${name} is infinite (its denominator sums to 0).`);
  }
  if (top === 0) return none(0, `${name} is 0 (its numerator sums to 0): ln ${name} has no interval.`);
  const estimate = top / bottom;
  const se = Math.sqrt(Math.max(0, logVariance(kept, top, bottom)));
  return { ...base, ...ratioWithInterval(estimate, se, z) };
}

/**
 * MH PRR = Σ a_k(c_k + d_k)/N_k ÷ Σ c_k(a_k + b_k)/N_k, with the Greenland–Robins (1985)
 * variance of its log: Σ (M1_k·n1_k·n0_k − a_k·c_k·N_k)/N_k² ÷ (numerator · denominator),
 * M1 = a + c, n1 = a + b, n0 = c + d (Rothman, Greenland, Lash. Modern Epidemiology, 3rd ed.,
 * ch. 15). Edge cases: empty strata are skipped; a zero numerator gives 0 without interval,
 * a zero denominator gives null; an upper limit beyond the double range (tiny numerator,
 * huge variance) is null with the reason. Throws RangeError for no strata or invalid cells.
 */
export function mantelHaenszelPrr(strata: readonly TwoByTwo[], options: { confidence?: number } = {}): MantelHaenszelResult {
  return pooled(
    strata,
    options.confidence,
    (t, n) => ({ top: (t.a * (t.c + t.d)) / n, bottom: (t.c * (t.a + t.b)) / n }),
    (kept, top, bottom) =>
      kept.reduce((s, t) => {
        const n = tableTotal(t);
        return s + ((t.a + t.c) * (t.a + t.b) * (t.c + t.d) - t.a * t.c * n) / (n * n);
      }, 0) /
      (top * bottom),
    "MH PRR",
  );
}

/**
 * MH ROR = Σ a_k d_k/N_k ÷ Σ b_k c_k/N_k, with the Robins–Breslow–Greenland (1986) variance
 * of its log: Σ P·R/(2R₊²) + Σ (P·S + Q·R)/(2R₊S₊) + Σ Q·S/(2S₊²), P = (a + d)/N,
 * Q = (b + c)/N, R = ad/N, S = bc/N. Edge cases as `mantelHaenszelPrr`.
 */
export function mantelHaenszelRor(strata: readonly TwoByTwo[], options: { confidence?: number } = {}): MantelHaenszelResult {
  return pooled(
    strata,
    options.confidence,
    (t, n) => ({ top: (t.a * t.d) / n, bottom: (t.b * t.c) / n }),
    (kept, rSum, sSum) =>
      kept.reduce((s, t) => {
        const n = tableTotal(t);
        const [p, q, r, sk] = [(t.a + t.d) / n, (t.b + t.c) / n, (t.a * t.d) / n, (t.b * t.c) / n];
        return s + (p * r) / (2 * rSum * rSum) + (p * sk + q * r) / (2 * rSum * sSum) + (q * sk) / (2 * sSum * sSum);
      }, 0),
    "MH ROR",
  );
}

/**
 * IC with a stratified expected count: O = Σ a_k, E = Σ_k (a_k + b_k)(a_k + c_k)/N_k
 * (empty strata add 0). Always finite; throws RangeError for no strata or invalid cells.
 */
export function stratifiedInformationComponent(strata: readonly TwoByTwo[], options: IcOptions = {}): IcResult {
  if (strata.length === 0) throw new RangeError("at least one stratum is needed");
  strata.forEach(assertTwoByTwo);
  const observed = strata.reduce((s, t) => s + t.a, 0);
  const expected = strata.reduce((s, t) => s + (expectedCases(t) ?? 0), 0);
  return informationComponent(observed, expected, options);
}
