// Pure: an observed proportion or rate against every stored baseline of its metric, with the
// exact test's p-value and verdict from lib/stats, cited as the baseline table states it.
import { compareWithBaseline } from "@/lib/stats";
import type { TStoredBaseline } from "@/lib/queries/get-baselines";
import type { TComparison } from "./types";

type TRange = { baselineValue: number; baselineLow?: number; baselineHigh?: number };

/**
 * A stored figure as the range compareWithBaseline tests. A point is tested as a point; a bound
 * alone is a one-sided range — "up to 10%" is [0, 10%], "at least x" is [x, ceiling] — so a value
 * on the permitted side is consistent. Qualitative baselines (no figure) and figures outside the
 * metric's domain (a proportion above 1, low above high) are left out rather than failing the answer.
 */
function rangeOf(baseline: TStoredBaseline, ceiling: number): TRange | null {
  const { value, low, high } = baseline;
  if (value === null && low === null && high === null) return null;
  const bounded = (x: number | null) => x === null || (Number.isFinite(x) && x >= 0 && x <= ceiling);
  if (!bounded(value) || !bounded(low) || !bounded(high)) return null;
  const range: TRange = {
    baselineValue: value ?? low ?? high ?? 0,
    baselineLow: low ?? (value === null ? 0 : undefined),
    baselineHigh: high ?? (value === null ? ceiling : undefined),
  };
  const lowest = range.baselineLow ?? range.baselineValue;
  const highest = range.baselineHigh ?? range.baselineValue;
  return lowest <= highest ? range : null;
}

function compareAll(
  baselines: readonly TStoredBaseline[],
  metric: string,
  ceiling: number,
  observation: { observed: number; trials: number } | { observed: number; exposure: number },
): TComparison[] {
  return baselines.flatMap((baseline) => {
    if (baseline.metric !== metric) return [];
    const range = rangeOf(baseline, ceiling);
    // No range, or no denominator (compareWithBaseline → null): no verdict rather than a vacuous one.
    const result = range ? compareWithBaseline({ ...observation, ...range }) : null;
    if (!result) return [];
    const { key, value, low, high, citation } = baseline;
    return [{ baseline: key, metric, value, low, high, citation, pValue: result.pValue, verdict: result.verdict }];
  });
}

/** A proportion metric (case_fatality, male_share): x of n against each baseline (exact binomial). */
export function compareProportion(baselines: readonly TStoredBaseline[], metric: string, observed: number, trials: number): TComparison[] {
  return compareAll(baselines, metric, 1, { observed, trials });
}

/** Incidence per 100,000 person-years: events in person-years against each baseline (exact Poisson). */
export function compareIncidence(baselines: readonly TStoredBaseline[], events: number, personYears: number): TComparison[] {
  return compareAll(baselines, "incidence_per_100k_py", Number.MAX_VALUE, { observed: events, exposure: personYears });
}
