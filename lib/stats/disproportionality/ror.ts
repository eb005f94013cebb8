// Reporting odds ratio with its log-normal (Woolf) interval; the signal rule is a lower
// limit above 1 (van Puijenbroek EP et al. Pharmacoepidemiol Drug Saf 2002;11:3–10).
import { ratioWithInterval, prepareRatio, type RatioEstimate, type RatioOptions, type TwoByTwo } from "./two-by-two";

export interface RorResult extends RatioEstimate {
  /** Raw a (never Haldane-corrected). */
  cases: number;
}

/**
 * ROR = (a/b) / (c/d) = ad/(bc); CI exp(ln ROR ± z·√(1/a + 1/b + 1/c + 1/d)).
 *
 * Edge cases (no NaN/Infinity is ever returned): any zero cell leaves the interval null,
 * because the standard error is undefined; the estimate is
 * - 0 when ad = 0 and bc > 0, null (infinite) when bc = 0 and ad > 0, null (0/0) when both.
 * `haldane: true` adds 0.5 to every cell when some cell is 0 (flagged in the result).
 * Throws RangeError for non-integer or negative cells or a confidence outside (0, 1).
 */
export function reportingOddsRatio(table: TwoByTwo, options: RatioOptions = {}): RorResult {
  const { z, confidence, haldaneApplied, cells } = prepareRatio(table, options);
  const base = { cases: table.a, confidence, haldaneApplied };
  const { a, b, c, d } = cells;
  const numerator = a * d;
  const denominator = b * c;
  if (a === 0 || b === 0 || c === 0 || d === 0) {
    const zeros = (["a", "b", "c", "d"] as const).filter((k) => cells[k] === 0).join(", ");
    const why = `Zero cell (${zeros} = 0): ln ROR has no standard error, so no interval.`;
    if (denominator === 0) {
      const what = numerator === 0 ? "ROR is 0/0, undefined." : "ROR is infinite.";
      return { ...base, estimate: null, lower: null, upper: null, reason: `${why} ${what}` };
    }
    return { ...base, estimate: numerator / denominator, lower: null, upper: null, reason: why };
  }
  const ror = numerator / denominator;
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  return { ...base, ...ratioWithInterval(ror, se, z) };
}
