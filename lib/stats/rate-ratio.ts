// Ratio of two Poisson rates with the exact conditional interval of R's two-sample
// poisson.test: condition on the total count, so events1 ~ Binomial(events1 + events2, π).
import { assertCount, assertLevel, assertNonNegative } from "./distributions";
import { clopperPearsonInterval } from "./proportion";

export interface RateRatio {
  /** (events1 / py1) / (events2 / py2); null when unbounded (events2 = 0, R gives Inf). */
  estimate: number | null;
  lower: number;
  /** null when unbounded (events2 = 0, R gives Inf) — JSON has no Infinity. */
  upper: number | null;
}

/**
 * Rate ratio of group 1 to group 2 with an exact interval. Given n = events1 + events2, the
 * share π = events1 / n has a Clopper–Pearson interval [πL, πU]; the ratio limits are
 * π/(1 − π) × py2/py1, exactly as poisson.test(c(e1, e2), c(py1, py2)) reports them.
 *
 * Edge cases (null means "unbounded above", since JSON cannot carry Infinity):
 * - py1 = 0 or py2 = 0 → null result: a rate without person-time is undefined.
 * - events1 = events2 = 0 → null result: 0/0, nothing to compare (R's binom.test refuses n = 0).
 * - events1 = 0, events2 > 0 → estimate 0, lower 0, finite upper.
 * - events2 = 0, events1 > 0 → estimate null and upper null (R: Inf), finite lower.
 * Throws RangeError naming the argument for non-integer/negative events, negative or
 * non-finite person-years, or a level outside (0, 1).
 */
export function rateRatio(events1: number, py1: number, events2: number, py2: number, level = 0.95): RateRatio | null {
  assertCount("events1", events1);
  assertNonNegative("py1", py1);
  assertCount("events2", events2);
  assertNonNegative("py2", py2);
  assertLevel("level", level);
  if (py1 === 0 || py2 === 0) return null;
  const share = clopperPearsonInterval(events1, events1 + events2, level);
  if (share === null) return null;
  // The lower share limit is below 1 even when events2 = 0, so only the upper can be unbounded.
  const shareToRatio = (p: number): number => (p / (1 - p)) * (py2 / py1);
  return {
    estimate: events2 === 0 ? null : events1 / py1 / (events2 / py2),
    lower: shareToRatio(share.lower),
    upper: share.upper === 1 ? null : shareToRatio(share.upper),
  };
}
