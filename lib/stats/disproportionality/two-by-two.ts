// The 2×2 report table shared by every disproportionality statistic, its validation, the
// Yates χ², and the ratio-with-log-normal-interval shape PRR and ROR both return.
import { chiSquare1UpperTail } from "./incomplete-gamma";
import { normalQuantile } from "./special-functions";

/**
 * Report counts: a = drug & NMS, b = drug & other events, c = other drugs & NMS,
 * d = other drugs & other events. Non-negative integers.
 */
export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** Options shared by PRR and ROR. */
export interface RatioOptions {
  /** Two-sided confidence level of the interval; default 0.95. */
  confidence?: number;
  /**
   * Haldane–Anscombe correction: when true and some cell is 0, add 0.5 to all four cells
   * before the estimate and interval (never applied unless asked; `haldaneApplied` says so).
   * χ² and the case count stay on the raw table.
   */
  haldane?: boolean;
}

/** A ratio estimate with its log-normal (Wald) interval. No NaN or ±Infinity, ever. */
export interface RatioEstimate {
  /** null when the ratio is undefined (0/0) or infinite; `reason` says which. */
  estimate: number | null;
  /** null whenever the log-scale standard error is undefined (a zero cell); see `reason`. */
  lower: number | null;
  upper: number | null;
  confidence: number;
  haldaneApplied: boolean;
  /** Plain-language explanation when estimate or interval is null, else null. */
  reason: string | null;
}

/** Throws RangeError unless every cell is a non-negative integer. */
export function assertTwoByTwo(table: TwoByTwo): void {
  for (const cell of ["a", "b", "c", "d"] as const) {
    const value = table[cell];
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`2×2 cell ${cell} must be a non-negative integer (got ${value})`);
    }
  }
}

/**
 * Builds the table from background counts: `cases` = reports of NMS with the drug (a),
 * `drugReports` = all reports with the drug, `eventReports` = all NMS reports,
 * `totalReports` = the database total. Throws RangeError if the margins are inconsistent.
 */
export function twoByTwoFromMargins(margins: { cases: number; drugReports: number; eventReports: number; totalReports: number }): TwoByTwo {
  const { cases, drugReports, eventReports, totalReports } = margins;
  const table = {
    a: cases,
    b: drugReports - cases,
    c: eventReports - cases,
    d: totalReports - drugReports - eventReports + cases,
  };
  assertTwoByTwo(table);
  return table;
}

export function tableTotal(t: TwoByTwo): number {
  return t.a + t.b + t.c + t.d;
}

/** Expected count of cell a under independence, (a + b)(a + c)/N; null when N = 0. */
export function expectedCases(t: TwoByTwo): number | null {
  const n = tableTotal(t);
  return n === 0 ? null : ((t.a + t.b) * (t.a + t.c)) / n;
}

/**
 * Pearson χ² (1 df) with Yates' continuity correction, exactly as R's
 * `chisq.test(matrix, correct = TRUE)`: the correction is min(0.5, |O − E|), so a table
 * with |ad − bc| < N/2 gives 0. Null (with no p-value) when a margin is zero — χ² undefined.
 */
export function yatesChiSquare(t: TwoByTwo): { statistic: number; pValue: number } | null {
  const n = tableTotal(t);
  const margins = (t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d);
  if (margins === 0) return null;
  const deviation = Math.max(0, Math.abs(t.a * t.d - t.b * t.c) - n / 2);
  const statistic = (n * deviation * deviation) / margins;
  return { statistic, pValue: chiSquare1UpperTail(statistic) };
}

/** Validates the options and returns the z multiplier and the (possibly corrected) table. */
export function prepareRatio(table: TwoByTwo, options: RatioOptions) {
  assertTwoByTwo(table);
  const { z, confidence } = zMultiplier(options.confidence);
  const hasZero = table.a === 0 || table.b === 0 || table.c === 0 || table.d === 0;
  const haldaneApplied = options.haldane === true && hasZero;
  const cells = haldaneApplied ? { a: table.a + 0.5, b: table.b + 0.5, c: table.c + 0.5, d: table.d + 0.5 } : table;
  return { z, confidence, haldaneApplied, cells };
}

/** The two-sided normal multiplier for a confidence level (default 0.95); RangeError outside (0, 1). */
export function zMultiplier(confidence = 0.95): { z: number; confidence: number } {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must lie strictly between 0 and 1 (got ${confidence})`);
  }
  return { z: normalQuantile(1 - (1 - confidence) / 2), confidence };
}

/**
 * The ratio with exp(ln ratio ± z·se). The upper limit can overflow only for pooled (MH)
 * estimates with a tiny numerator; it is then null with the reason, never Infinity.
 */
export function ratioWithInterval(ratio: number, se: number, z: number) {
  const logRatio = Math.log(ratio);
  const lower = Math.exp(logRatio - z * se);
  const upper = Math.exp(logRatio + z * se);
  if (Number.isFinite(upper)) return { estimate: ratio, lower, upper, reason: null };
  return {
    estimate: ratio,
    lower,
    upper: null,
    reason: `The upper limit exceeds the largest representable number (SE of the log ratio ${se.toPrecision(3)}): unbounded.`,
  };
}
