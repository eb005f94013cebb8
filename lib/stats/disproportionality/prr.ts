// Proportional reporting ratio with its log-normal interval and Yates χ², the inputs of the
// Evans et al. (2001) signal rule (PRR ≥ 2, χ² ≥ 4, a ≥ 3; thresholds.ts applies it).
import { ratioWithInterval, prepareRatio, yatesChiSquare, type RatioEstimate, type RatioOptions, type TwoByTwo } from "./two-by-two";

export interface PrrResult extends RatioEstimate {
  /** Raw a (never Haldane-corrected): the case count of the Evans rule. */
  cases: number;
  /** Yates-corrected χ² (1 df) on the raw table; null when a margin is zero. */
  chiSquare: number | null;
  chiSquarePValue: number | null;
}

/**
 * PRR = (a/(a+b)) / (c/(c+d)); 95% CI exp(ln PRR ± z·√(1/a − 1/(a+b) + 1/c − 1/(c+d)))
 * (Evans SJW, Waller PC, Davis S. Pharmacoepidemiol Drug Saf 2001;10:483–486).
 *
 * Edge cases (no NaN/Infinity is ever returned):
 * - a + b = 0 or c + d = 0: PRR undefined → estimate and interval null;
 * - c = 0 (a > 0): PRR infinite → estimate and interval null; a = c = 0: 0/0, null;
 * - a = 0 (c > 0): PRR = 0 exactly, interval null (ln 0 undefined);
 * - `haldane: true` replaces the zero-cell cases by the corrected table (flagged).
 * Throws RangeError for non-integer or negative cells or a confidence outside (0, 1).
 */
export function proportionalReportingRatio(table: TwoByTwo, options: RatioOptions = {}): PrrResult {
  const { z, confidence, haldaneApplied, cells } = prepareRatio(table, options);
  const chi = yatesChiSquare(table);
  const base = {
    cases: table.a,
    chiSquare: chi?.statistic ?? null,
    chiSquarePValue: chi?.pValue ?? null,
    confidence,
    haldaneApplied,
  };
  const missing = (estimate: number | null, reason: string): PrrResult => ({
    ...base,
    estimate,
    lower: null,
    upper: null,
    reason,
  });
  const { a, b, c, d } = cells;
  if (a + b === 0) return missing(null, "No reports for the drug (a + b = 0): PRR is undefined.");
  if (c + d === 0) return missing(null, "No reports for other drugs (c + d = 0): PRR is undefined.");
  if (c === 0) {
    return a === 0
      ? missing(null, "No NMS reports at all (a = c = 0): PRR is 0/0, undefined.")
      : missing(null, "No NMS reports for other drugs (c = 0): PRR is infinite.");
  }
  const prr = a / (a + b) / (c / (c + d));
  if (a === 0) return missing(0, "No NMS reports for the drug (a = 0): PRR is 0 and ln PRR has no interval.");
  const se = Math.sqrt(Math.max(0, 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)));
  return { ...base, ...ratioWithInterval(prr, se, z) };
}
