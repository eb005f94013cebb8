// Binomial proportions with confidence intervals (case fatality, shares of cases).
// Wilson matches R's prop.test(correct = FALSE); exact matches R's binom.test.
import { assertCount, assertLevel, betaQuantile, standardNormalQuantile } from "./distributions";

export type ProportionMethod = "wilson" | "exact";

export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
  method: ProportionMethod;
}

function checkProportionArgs(x: number, n: number, level: number): void {
  assertCount("n", n);
  assertCount("x", x);
  if (x > n) throw new RangeError(`x must not exceed n (got x = ${x}, n = ${n})`);
  assertLevel("level", level);
}

/**
 * Wilson score interval for x successes in n trials, two-sided at `level`.
 *
 * Edge cases: n = 0 → null (no denominator, never NaN). x = 0 → lower is exactly 0 and
 * x = n → upper is exactly 1, as R's prop.test sets them (the closed form only reaches
 * them up to rounding). n = 1 is allowed; the interval is then wide but well defined.
 * Throws RangeError naming the argument for non-integer or negative x/n, x > n, or a
 * level outside (0, 1).
 */
export function wilsonInterval(x: number, n: number, level = 0.95): ProportionInterval | null {
  checkProportionArgs(x, n, level);
  if (n === 0) return null;
  const estimate = x / n;
  const z = standardNormalQuantile((1 + level) / 2);
  const z22n = (z * z) / (2 * n);
  const spread = z * Math.sqrt((estimate * (1 - estimate)) / n + z22n / (2 * n));
  const centre = estimate + z22n;
  const lower = x === 0 ? 0 : (centre - spread) / (1 + 2 * z22n);
  const upper = x === n ? 1 : (centre + spread) / (1 + 2 * z22n);
  return { estimate, lower, upper, method: "wilson" };
}

/**
 * Clopper–Pearson ("exact") interval from beta quantiles, two-sided at `level`.
 *
 * Edge cases: n = 0 → null. x = 0 → lower is 0 (the beta quantile with shape 0 is
 * undefined; 0 is the limit, as binom.test does). x = n → upper is 1. For x = 0 the upper
 * limit is 1 − (α/2)^(1/n), e.g. 0.975 for n = 1. Throws RangeError as wilsonInterval.
 */
export function clopperPearsonInterval(x: number, n: number, level = 0.95): ProportionInterval | null {
  checkProportionArgs(x, n, level);
  if (n === 0) return null;
  const tail = (1 - level) / 2;
  const lower = x === 0 ? 0 : betaQuantile(tail, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - tail, x + 1, n - x);
  return { estimate: x / n, lower, upper, method: "exact" };
}

/** Dispatches on the API's `ci=wilson|exact` choice; edge cases as the two interval functions. */
export function proportion(x: number, n: number, method: ProportionMethod = "wilson", level = 0.95): ProportionInterval | null {
  return method === "exact" ? clopperPearsonInterval(x, n, level) : wilsonInterval(x, n, level);
}
