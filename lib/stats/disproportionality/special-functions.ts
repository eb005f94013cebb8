// Special functions the disproportionality statistics need: digamma, the regularised
// incomplete gamma and gamma quantiles (all tested against R).
//
// Why not @stdlib for the gamma family: @stdlib/math-base-special-gammainc 0.3.1 (and the
// gamma quantile built on it) switches to a large-x asymptotic branch above x = 1000 that is
// ~2% wrong when the shape is close to x (pgamma(1001, 1001) = 0.5042, stdlib 0.4916), and
// there is no installed digamma. These are small, classical algorithms, kept here.
import gammaln from "@stdlib/math-base-special-gammaln";
import normalQuantileStdlib from "@stdlib/stats-base-dists-normal-quantile";
import { solveIncreasing } from "./root-finding";

/** ln Γ(x) for x > 0 (stdlib). */
export const lnGamma: (x: number) => number = gammaln;

/** Standard normal quantile — R's `qnorm(p)`. */
export function normalQuantile(p: number): number {
  return normalQuantileStdlib(p, 0, 1);
}

/**
 * Digamma ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x lifts x to ≥ 6, then the
 * asymptotic series (Abramowitz & Stegun 6.3.18) to x⁻¹⁴ gives ~1e-16 absolute error.
 * Returns NaN for x ≤ 0 (never reached: callers pass α + N with α > 0).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  let y = x;
  while (y < 6) {
    shift -= 1 / y;
    y += 1;
  }
  const f = 1 / (y * y);
  const series =
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return shift + Math.log(y) - 0.5 / y - series;
}

/**
 * Regularised incomplete gamma P(a, x) (`lower`) and Q(a, x) = 1 − P (`upper`), each
 * computed directly where it is the smaller, so tiny tails keep relative precision: power
 * series below x = a + 1, modified Lentz continued fraction above (Numerical Recipes §6.2).
 */
export function regularizedGamma(a: number, x: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const logPrefactor = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 1e7 && term > sum * 1e-17; k++) {
      term *= x / (a + k);
      sum += term;
    }
    const lower = Math.min(1, sum * Math.exp(logPrefactor));
    return { lower, upper: 1 - lower };
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < 1e7; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const upper = Math.min(1, Math.exp(logPrefactor) * fraction);
  return { lower: 1 - upper, upper };
}

/** P(X ≤ x), X ~ Gamma(shape, rate) — R's `pgamma(x, shape, rate)`. */
export function gammaCdf(x: number, shape: number, rate: number): number {
  return regularizedGamma(shape, x * rate).lower;
}

/** ln of the Gamma(shape, rate) density at x > 0 — R's `dgamma(x, shape, rate, log = TRUE)`. */
export function gammaLogPdf(x: number, shape: number, rate: number): number {
  return shape * Math.log(rate) + (shape - 1) * Math.log(x) - rate * x - lnGamma(shape);
}

/**
 * Quantile of Gamma(shape, rate) — R's `qgamma(p, shape, rate)` — for 0 < p < 1, solved on
 * ln x by safeguarded Newton from the Wilson–Hilferty approximation (relative error ~1e-14).
 */
export function gammaQuantile(p: number, shape: number, rate: number): number {
  const z = normalQuantile(p);
  const wh = shape * (1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape))) ** 3;
  const start = wh > 0 ? Math.log(wh) : Math.log(shape) + Math.log(p) / shape;
  const logStandard = solveIncreasing(
    (t) => regularizedGamma(shape, Math.exp(t)).lower - p,
    (t) => Math.exp(shape * t - Math.exp(t) - lnGamma(shape)),
    start,
  );
  return Math.exp(logStandard) / rate;
}

/** P(χ²₁ ≥ x) — R's `pchisq(x, 1, lower.tail = FALSE)`; 1 for x ≤ 0. */
export function chiSquare1UpperTail(x: number): number {
  return regularizedGamma(0.5, x / 2).upper;
}
