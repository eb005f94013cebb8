// Exact tests of an observed proportion or rate against a published baseline, with the
// two-sided p-values of R's binom.test / poisson.test and an above/consistent/below verdict.
import {
  assertCount,
  assertLevel,
  assertNonNegative,
  assertProbability,
  binomialLowerTail,
  binomialPmf,
  binomialUpperTail,
  poissonLowerTail,
  poissonPmf,
  poissonUpperTail,
} from "./distributions";

/** R's tolerance: outcomes within 1e-7 (relative) of the observed probability count as "as extreme". */
const RELATIVE_ERROR = 1 + 1e-7;

/**
 * How many k in [from, to] have pmf(k) ≤ limit. The range always lies on one side of the mode,
 * so the pmf is monotone there ("rising" up to the mean, "falling" past it) and a binary search
 * finds the boundary: O(log n) where R's loop is O(n) — at a million reports that decides
 * whether a dashboard answers in milliseconds or seconds.
 */
function countAtMost(from: number, to: number, pmf: (k: number) => number, limit: number, shape: "rising" | "falling"): number {
  if (to < from) return 0;
  const passes = (k: number) => (shape === "falling" ? pmf(k) <= limit : pmf(k) > limit);
  let lo = from;
  let hi = to + 1; // first k in [from, to] where `passes` holds, or to + 1
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid;
    else lo = mid + 1;
  }
  return shape === "falling" ? to - lo + 1 : lo - from;
}

/**
 * Two-sided exact binomial p-value of x successes in n trials against p0, as R's
 * binom.test: the probability of every outcome no more likely than the observed one.
 *
 * Edge cases: p0 = 0 → 1 if x = 0 else 0; p0 = 1 → 1 if x = n else 0; x = n·p0 → 1.
 * n = 0 → 1 (the only possible outcome was observed; R refuses n = 0 — callers that want
 * "no data" should check n first, as compareWithBaseline does). Tiny p-values keep their
 * precision (tails are summed directly, not as 1 − cdf). Throws RangeError naming x, n or
 * p0 for non-integer/negative counts, x > n, or p0 outside [0, 1].
 */
export function binomialTest(x: number, n: number, p0: number): number {
  assertCount("n", n);
  assertCount("x", x);
  if (x > n) throw new RangeError(`x must not exceed n (got x = ${x}, n = ${n})`);
  assertProbability("p0", p0);
  if (p0 === 0) return x === 0 ? 1 : 0;
  if (p0 === 1) return x === n ? 1 : 0;
  const pmf = (k: number) => binomialPmf(k, n, p0);
  const limit = pmf(x) * RELATIVE_ERROR;
  const mean = n * p0;
  if (x === mean) return 1;
  if (x < mean) {
    const y = countAtMost(Math.ceil(mean), n, pmf, limit, "falling");
    return Math.min(1, binomialLowerTail(x, n, p0) + binomialUpperTail(n - y, n, p0));
  }
  const y = countAtMost(0, Math.floor(mean), pmf, limit, "rising");
  return Math.min(1, binomialLowerTail(y - 1, n, p0) + binomialUpperTail(x - 1, n, p0));
}

/**
 * Two-sided exact Poisson p-value of x events in exposure T against rate r0 (events per
 * unit of T), as R's one-sample poisson.test.
 *
 * Edge cases: r0·T = 0 (no exposure or a zero baseline) → 1 if x = 0 else 0; x = r0·T → 1.
 * x = 0 → P(X = 0) plus the upper tail no more likely, e.g. 1.65e-65 for 0 events where 150
 * are expected. Throws RangeError naming x, T or r0 for a bad count or negative values.
 */
export function poissonTest(x: number, T: number, r0: number): number {
  assertCount("x", x);
  assertNonNegative("T", T);
  assertNonNegative("r0", r0);
  const mean = r0 * T;
  if (mean === 0) return x === 0 ? 1 : 0;
  const pmf = (k: number) => poissonPmf(k, mean);
  const limit = pmf(x) * RELATIVE_ERROR;
  if (x === mean) return 1;
  if (x < mean) {
    // The upper tail is unbounded: widen the search until outcomes are rarer than x (as R does).
    let last = Math.ceil(2 * mean - x);
    while (pmf(last) > pmf(x)) last *= 2;
    const y = countAtMost(Math.ceil(mean), last, pmf, limit, "falling");
    return Math.min(1, poissonLowerTail(x, mean) + poissonUpperTail(last - y, mean));
  }
  const y = countAtMost(0, Math.floor(mean), pmf, limit, "rising");
  return Math.min(1, poissonLowerTail(y - 1, mean) + poissonUpperTail(x - 1, mean));
}

export type BaselineVerdict = "above" | "consistent" | "below";

interface BaselineRange {
  /** The published point value; also the bound a missing low or high falls back to. */
  baselineValue: number;
  baselineLow?: number;
  baselineHigh?: number;
  /** Two-sided significance level for "above"/"below"; default 0.05. */
  alpha?: number;
}

/** A proportion (e.g. case fatality): observed of trials, baseline a probability. */
export interface ProportionComparisonInput extends BaselineRange {
  observed: number;
  trials: number;
}

/** A rate: observed events in exposure person-years, baseline in events per `per` (default 100,000). */
export interface RateComparisonInput extends BaselineRange {
  observed: number;
  exposure: number;
  per?: number;
}

export interface BaselineComparison {
  /** observed / trials, or observed / exposure × per — on the baseline's scale. */
  estimate: number;
  /** The bound actually tested (point value or nearer end of the range); null inside the range. */
  testedAgainst: number | null;
  pValue: number;
  verdict: BaselineVerdict;
}

/**
 * Compares an observation with a published baseline that is a point or a range (low–high).
 *
 * A range is a set of plausible true values, so: an estimate inside [low, high] is
 * "consistent" with p = 1 (no bound is contradicted); outside it, the exact test runs
 * against the nearer bound — the least favourable null — and "above"/"below" needs
 * p < alpha there. A missing low or high falls back to baselineValue.
 *
 * Edge cases: trials = 0 or exposure = 0 → null (no data, so no verdict rather than a
 * vacuous "consistent"). observed = 0 is an ordinary observation (often "below"). Throws
 * RangeError naming the argument for bad counts, low > high, a proportion baseline outside
 * [0, 1], a negative rate baseline, or alpha outside (0, 1).
 */
export function compareWithBaseline(input: ProportionComparisonInput | RateComparisonInput): BaselineComparison | null {
  const { observed, baselineValue, alpha = 0.05 } = input;
  const low = input.baselineLow ?? baselineValue;
  const high = input.baselineHigh ?? baselineValue;
  const isProportion = "trials" in input;
  const denominator = isProportion ? input.trials : input.exposure;
  const per = isProportion ? 1 : (input.per ?? 100_000);
  const checkBaseline = isProportion ? assertProbability : assertNonNegative;
  for (const [name, value] of [
    ["baselineValue", baselineValue],
    ["baselineLow", low],
    ["baselineHigh", high],
  ] as const) {
    checkBaseline(name, value);
  }
  if (low > high) throw new RangeError(`baselineLow must not exceed baselineHigh (got ${low}–${high})`);
  assertLevel("alpha", alpha);
  assertCount("observed", observed);
  if (isProportion) {
    assertCount("trials", denominator);
    if (observed > denominator) throw new RangeError(`observed must not exceed trials (got ${observed} > ${denominator})`);
  } else {
    assertNonNegative("exposure", denominator);
    if (!(per > 0) || !Number.isFinite(per)) throw new RangeError(`per must be a positive number (got ${per})`);
  }
  if (denominator === 0) return null;

  const estimate = (observed / denominator) * per;
  if (low < high && estimate >= low && estimate <= high) {
    return { estimate, testedAgainst: null, pValue: 1, verdict: "consistent" };
  }
  const testedAgainst = estimate < low ? low : high;
  const pValue = isProportion
    ? binomialTest(observed, denominator, testedAgainst)
    : poissonTest(observed, denominator, testedAgainst / per);
  const verdict: BaselineVerdict = pValue >= alpha ? "consistent" : estimate > testedAgainst ? "above" : "below";
  return { estimate, testedAgainst, pValue, verdict };
}

export interface ComparisonSentenceInput {
  /** What was measured, capitalised: "Case fatality", "Incidence". */
  label: string;
  /** "percent" for proportions; "per100k" for rates per 100,000 person-years. */
  unit: "percent" | "per100k";
  comparison: BaselineComparison;
  baselineValue: number;
  baselineLow?: number;
  baselineHigh?: number;
}

/**
 * Plain-language verdict, e.g. "Case fatality 14.2% is consistent with the published 10–20%"
 * or "Incidence 60.0 per 100,000 person-years is above the published 15 per 100,000
 * person-years (p < 0.001)". The p-value is added only when the verdict departs from the
 * baseline; the estimate keeps one decimal, published values up to two.
 */
export function describeComparison(input: ComparisonSentenceInput): string {
  const { label, unit, comparison, baselineValue } = input;
  const scale = unit === "percent" ? 100 : 1;
  const suffix = unit === "percent" ? "%" : " per 100,000 person-years";
  const published = (value: number) => String(Number((value * scale).toFixed(2)));
  const low = input.baselineLow ?? baselineValue;
  const high = input.baselineHigh ?? baselineValue;
  const baseline = low < high ? `${published(low)}–${published(high)}` : published(low);
  const observed = (comparison.estimate * scale).toFixed(1);
  const relation = comparison.verdict === "consistent" ? "is consistent with" : `is ${comparison.verdict}`;
  const pValue = comparison.pValue < 0.001 ? "p < 0.001" : `p = ${comparison.pValue.toFixed(3)}`;
  const evidence = comparison.verdict === "consistent" ? "" : ` (${pValue})`;
  return `${label} ${observed}${suffix} ${relation} the published ${baseline}${suffix}${evidence}`;
}
