// Typed wrappers over @stdlib distributions, named as the statistics modules use them, plus
// the argument checks they share. Not re-exported from the stats index.
//
// Why the gamma family is our own: @stdlib/math-base-special-gammainc 0.3.1 takes a large-x
// asymptotic branch for x > 1000 even when the shape is close to x, where it is ~2% wrong
// (pgamma(1001, 1001) = 0.5042, stdlib 0.4916). That breaks the gamma quantile and the Poisson
// cdf from ~1000 events up, so both go through disproportionality/incomplete-gamma.ts (tested against R).
import betaQuantileStdlib from "@stdlib/stats-base-dists-beta-quantile";
import binomialCdfStdlib from "@stdlib/stats-base-dists-binomial-cdf";
import binomialPmfStdlib from "@stdlib/stats-base-dists-binomial-pmf";
import normalQuantileStdlib from "@stdlib/stats-base-dists-normal-quantile";
import gammaln from "@stdlib/math-base-special-gammaln";
import { gammaQuantileByRate, regularizedGamma as incompleteGamma } from "./disproportionality/incomplete-gamma";

/** Quantile of Beta(a, b) — R's `qbeta(p, a, b)`. */
export function betaQuantile(p: number, a: number, b: number): number {
  return betaQuantileStdlib(p, a, b);
}

/**
 * Regularised incomplete gamma P(a, x) and Q(a, x) = 1 − P — the one implementation in
 * disproportionality/incomplete-gamma.ts (series, continued fraction, Temme for huge shapes),
 * guarded here so a caller's NaN never reaches its loops.
 */
export function regularizedGamma(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0) || Number.isNaN(x)) return { lower: NaN, upper: NaN }; // callers validate; never loop on NaN
  return incompleteGamma(a, x);
}

/** Quantile of Gamma(shape, scale) — R's `qgamma(p, shape, scale = scale)`; 0 and ∞ at the ends. */
export function gammaQuantile(p: number, shape: number, scale = 1): number {
  if (p <= 0) return 0;
  if (p >= 1) return Infinity;
  return gammaQuantileByRate(p, shape, 1 / scale);
}

/** Quantile of the standard normal — R's `qnorm(p)`. */
export function standardNormalQuantile(p: number): number {
  return normalQuantileStdlib(p, 0, 1);
}

/** P(X = k), X ~ Binomial(n, p) — R's `dbinom(k, n, p)`. */
export function binomialPmf(k: number, n: number, p: number): number {
  return binomialPmfStdlib(k, n, p);
}

/** P(X ≤ k) — R's `pbinom(k, n, p)`; stdlib evaluates the incomplete-beta tail directly, so small values keep precision. */
export function binomialLowerTail(k: number, n: number, p: number): number {
  return binomialCdfStdlib(k, n, p);
}

/**
 * P(X > k) — R's `pbinom(k, n, p, lower.tail = FALSE)`. Computed as P(n − X < n − k) with
 * n − X ~ Binomial(n, 1 − p) rather than 1 − cdf, which would round tiny p-values to 0.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k < 0) return 1;
  if (k >= n) return 0;
  return binomialCdfStdlib(n - k - 1, n, 1 - p);
}

/**
 * P(X = k), X ~ Poisson(mean) — R's `dpois(k, mean)`, in log space so large k does not
 * overflow (relative error ≈ 1e-16 · k·ln k, ample for six significant digits).
 */
export function poissonPmf(k: number, mean: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  if (mean === 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(mean) - mean - gammaln(k + 1));
}

/** P(X ≤ k) — R's `ppois(k, mean)`, as Q(k + 1, mean): precise in the tail. */
export function poissonLowerTail(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean === 0) return 1;
  return regularizedGamma(Math.floor(k) + 1, mean).upper;
}

/** P(X > k) — R's `ppois(k, mean, lower.tail = FALSE)`, as P(k + 1, mean): precise in the tail. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k < 0) return 1;
  if (mean === 0) return 0;
  return regularizedGamma(Math.floor(k) + 1, mean).lower;
}

// --- Argument checks shared by the stats modules: RangeError naming the argument. ---

export function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer (got ${value})`);
  }
}

export function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0 (got ${value})`);
  }
}

export function assertProbability(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${name} must be a probability in [0, 1] (got ${value})`);
  }
}

/** Confidence levels and significance levels are open-interval probabilities. */
export function assertLevel(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new RangeError(`${name} must lie strictly between 0 and 1 (got ${value})`);
  }
}
