// The difference of two independent proportions (p1 − p2) with Newcombe's hybrid score interval:
// method 10 of Newcombe (1998), "Interval estimation for the difference between independent
// proportions: comparison of eleven methods", Stat Med 17:873–890. It combines the two Wilson
// score intervals, so it stays inside [−1, 1], is never of zero width and behaves at 0/n and n/n,
// where the simple Wald interval does not.
import { assertCount, assertLevel } from "./distributions";
import { wilsonInterval } from "./proportion";

export interface ProportionDifferenceInterval {
  /** p1 − p2 */
  estimate: number;
  lower: number;
  upper: number;
  method: "newcombe";
}

/**
 * p1 = x1/n1 minus p2 = x2/n2, two-sided at `level`. With (l_i, u_i) the Wilson interval of p_i:
 * lower = d − √((p1 − l1)² + (u2 − p2)²), upper = d + √((u1 − p1)² + (p2 − l2)²).
 * Null when either denominator is 0 (no proportion to compare). Throws RangeError naming the
 * argument (x1, n1, x2, n2 or level) for a non-integer or negative count, x > n, or a level
 * outside (0, 1).
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, level = 0.95): ProportionDifferenceInterval | null {
  for (const [name, value] of [
    ["x1", x1],
    ["n1", n1],
    ["x2", x2],
    ["n2", n2],
  ] as const)
    assertCount(name, value);
  if (x1 > n1) throw new RangeError(`x1 must not exceed n1 (got x1 = ${x1}, n1 = ${n1})`);
  if (x2 > n2) throw new RangeError(`x2 must not exceed n2 (got x2 = ${x2}, n2 = ${n2})`);
  assertLevel("level", level);
  const first = wilsonInterval(x1, n1, level);
  const second = wilsonInterval(x2, n2, level);
  if (!first || !second) return null;
  const estimate = first.estimate - second.estimate;
  const lower = estimate - Math.hypot(first.estimate - first.lower, second.upper - second.estimate);
  const upper = estimate + Math.hypot(first.upper - first.estimate, second.estimate - second.lower);
  return { estimate, lower: Math.max(-1, lower), upper: Math.min(1, upper), method: "newcombe" };
}
