// Fits DuMouchel's two-gamma mixture prior for EBGM by maximum likelihood over the observed
// drug–event pairs (N ≥ 1), reproducing openEBGM's truncated likelihood (Canida & Ihrie 2017).
import { minimiseNelderMead, type NelderMeadOptions } from "./nelder-mead";
import { lnGamma, lnGammaRatio } from "./special-functions";

/** λ ~ P·Gamma(α1, rate β1) + (1 − P)·Gamma(α2, rate β2) (DuMouchel W. Am Stat 1999;53:177–190). */
export interface GammaMixturePrior {
  alpha1: number;
  beta1: number;
  alpha2: number;
  beta2: number;
  p: number;
}

/** One drug–event pair: observed count N (integer ≥ 1) and expected count E (> 0). */
export interface ObservedPair {
  n: number;
  e: number;
}

export interface PriorFit {
  prior: GammaMixturePrior;
  negativeLogLikelihood: number;
  /** Whether the best start met the simplex tolerances within its budget. */
  converged: boolean;
  /** Every start with where it ended, best first — for reporting and diagnosis. */
  starts: { start: GammaMixturePrior; prior: GammaMixturePrior; negativeLogLikelihood: number }[];
}

/** DuMouchel's (1999) customary start, then four spread-out ones. */
export const DEFAULT_PRIOR_STARTS: readonly GammaMixturePrior[] = [
  { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 },
  { alpha1: 0.1, beta1: 0.1, alpha2: 10, beta2: 10, p: 0.2 },
  { alpha1: 1, beta1: 0.1, alpha2: 1, beta2: 1, p: 0.1 },
  { alpha1: 3, beta1: 0.5, alpha2: 2, beta2: 2, p: 0.1 },
  { alpha1: 0.5, beta1: 0.5, alpha2: 5, beta2: 2, p: 0.5 },
];

/** Throws RangeError unless α's and β's are positive and finite and 0 < P < 1. */
export function assertPrior(prior: GammaMixturePrior): void {
  for (const key of ["alpha1", "beta1", "alpha2", "beta2"] as const) {
    if (!(prior[key] > 0 && Number.isFinite(prior[key]))) {
      throw new RangeError(`prior ${key} must be a finite number > 0 (got ${prior[key]})`);
    }
  }
  if (!(prior.p > 0 && prior.p < 1)) throw new RangeError(`prior p must lie in (0, 1) (got ${prior.p})`);
}

/**
 * The likelihood as a function of the prior, prepared once for a set of pairs: identical
 * (N, E) pairs are merged with a weight (exact, unlike squashing) and ln Γ(N + α) is
 * computed once per distinct N. Each negative-binomial component is truncated at N ≥ 1
 * separately, P·f1/(1 − f1(0)) + (1 − P)·f2/(1 − f2(0)), as openEBGM's `negLL` does
 * (the exact truncation of the mixture would divide the sum instead).
 * Throws RangeError for an empty list, N not an integer ≥ 1, or E not finite and > 0.
 */
export function mixtureNegativeLogLikelihood(pairs: readonly ObservedPair[]): (prior: GammaMixturePrior) => number {
  if (pairs.length === 0) throw new RangeError("at least one drug–event pair is needed");
  const merged = new Map<string, { n: number; e: number; weight: number }>();
  for (const { n, e } of pairs) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`N must be an integer ≥ 1 (got ${n})`);
    if (!(e > 0 && Number.isFinite(e))) throw new RangeError(`E must be a finite number > 0 (got ${e})`);
    const key = `${n}|${e}`;
    const entry = merged.get(key);
    if (entry) entry.weight++;
    else merged.set(key, { n, e, weight: 1 });
  }
  const rows = [...merged.values()];
  const distinctN = [...new Set(rows.map((r) => r.n))];
  const nIndex = rows.map((r) => distinctN.indexOf(r.n));
  const lnE = rows.map((r) => Math.log(r.e));
  const lnFactorial = rows.map((r) => lnGamma(r.n + 1));

  const componentLogPmfs = (alpha: number, beta: number): Float64Array => {
    const lnGammaRatios = distinctN.map((n) => lnGammaRatio(alpha, n)); // ln Γ(n + α) − ln Γ(α)
    const out = new Float64Array(rows.length);
    rows.forEach((row, i) => {
      const log1pEOverBeta = Math.log1p(row.e / beta); // −ln(β/(β + E))
      const logPmf =
        lnGammaRatios[nIndex[i]!]! - lnFactorial[i]! - alpha * log1pEOverBeta + row.n * (lnE[i]! - Math.log(beta) - log1pEOverBeta);
      out[i] = logPmf - Math.log(-Math.expm1(-alpha * log1pEOverBeta)); // ÷ (1 − P(N = 0))
    });
    return out;
  };

  return (prior) => {
    const l1 = componentLogPmfs(prior.alpha1, prior.beta1);
    const l2 = componentLogPmfs(prior.alpha2, prior.beta2);
    const logP = Math.log(prior.p);
    const logQ = Math.log1p(-prior.p);
    let total = 0;
    rows.forEach((row, i) => {
      const x = logP + l1[i]!;
      const y = logQ + l2[i]!;
      const top = Math.max(x, y);
      total -= row.weight * (top + Math.log1p(Math.exp(Math.min(x, y) - top)));
    });
    return total;
  };
}

const toVector = (q: GammaMixturePrior): number[] => [
  Math.log(q.alpha1),
  Math.log(q.beta1),
  Math.log(q.alpha2),
  Math.log(q.beta2),
  Math.log(q.p / (1 - q.p)),
];
const fromVector = (v: readonly number[]): GammaMixturePrior => ({
  alpha1: Math.exp(v[0]!),
  beta1: Math.exp(v[1]!),
  alpha2: Math.exp(v[2]!),
  beta2: Math.exp(v[3]!),
  p: 1 / (1 + Math.exp(-v[4]!)),
});

/** Labels the components so component 1 has the larger prior mean α/β (the mixture is symmetric). */
function canonical(q: GammaMixturePrior): GammaMixturePrior {
  if (q.alpha1 / q.beta1 >= q.alpha2 / q.beta2) return q;
  return { alpha1: q.alpha2, beta1: q.beta2, alpha2: q.alpha1, beta2: q.beta1, p: 1 - q.p };
}

/**
 * Maximum-likelihood prior: Nelder–Mead on (ln α1, ln β1, ln α2, ln β2, logit P) — an
 * unconstrained space, so every step is a valid prior — from each start; the best wins.
 * Deterministic. Throws RangeError as `mixtureNegativeLogLikelihood` and `assertPrior` do.
 */
export function fitGammaMixturePrior(
  pairs: readonly ObservedPair[],
  options: { starts?: readonly GammaMixturePrior[]; nelderMead?: NelderMeadOptions } = {},
): PriorFit {
  const likelihood = mixtureNegativeLogLikelihood(pairs);
  const starts = options.starts ?? DEFAULT_PRIOR_STARTS;
  if (starts.length === 0) throw new RangeError("at least one start is needed");
  const runs = starts.map((start) => {
    assertPrior(start);
    const result = minimiseNelderMead((v) => likelihood(fromVector(v)), toVector(start), options.nelderMead);
    return { start, prior: canonical(fromVector(result.x)), negativeLogLikelihood: result.value, converged: result.converged };
  });
  runs.sort((x, y) => x.negativeLogLikelihood - y.negativeLogLikelihood);
  const best = runs[0]!;
  return {
    prior: best.prior,
    negativeLogLikelihood: best.negativeLogLikelihood,
    converged: best.converged,
    starts: runs.map(({ start, prior, negativeLogLikelihood }) => ({ start, prior, negativeLogLikelihood })),
  };
}
