// Posterior EBGM, EB05 and EB95 for one drug–event pair under a fitted two-gamma mixture
// prior (DuMouchel W. Am Stat 1999;53:177–190), computed as openEBGM's ebScores does.
import { assertPrior, type GammaMixturePrior } from "./ebgm-prior";
import { solveIncreasing } from "./root-finding";
import { gammaCdf, gammaLogPdf } from "./incomplete-gamma";
import { digamma, lnGammaRatio } from "./special-functions";
import { assertTwoByTwo, expectedCases, type TwoByTwo } from "./two-by-two";

export interface EbgmScores {
  n: number;
  e: number;
  /** Posterior probability that λ came from the first prior component. */
  qn: number;
  /** 2^E[log2 λ | N]: the empirical Bayes geometric mean. */
  ebgm: number;
  /** 5th and 95th percentiles of the posterior of λ. */
  eb05: number;
  eb95: number;
}

/** The posterior of λ given N = n: Qn·Gamma(α1 + n, β1 + E) + (1 − Qn)·Gamma(α2 + n, β2 + E). */
function posterior(n: number, e: number, prior: GammaMixturePrior) {
  assertPrior(prior);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`N must be a non-negative integer (got ${n})`);
  if (!(e >= 0 && Number.isFinite(e))) throw new RangeError(`E must be a finite number ≥ 0 (got ${e})`);
  // ln of each negative-binomial marginal without the n·ln E and ln n! terms both share, so
  // E = 0 stays finite: ln Γ(n + α) − ln Γ(α) + α ln(β/(β + E)) − n ln(β + E).
  const logMarginal = (alpha: number, beta: number) => lnGammaRatio(alpha, n) - alpha * Math.log1p(e / beta) - n * Math.log(beta + e);
  const logOdds =
    Math.log1p(-prior.p) + logMarginal(prior.alpha2, prior.beta2) - Math.log(prior.p) - logMarginal(prior.alpha1, prior.beta1);
  const qn = 1 / (1 + Math.exp(logOdds));
  const components = [
    { weight: qn, shape: prior.alpha1 + n, rate: prior.beta1 + e },
    { weight: 1 - qn, shape: prior.alpha2 + n, rate: prior.beta2 + e },
  ];
  return { qn, components };
}

/**
 * Quantile q (0 < q < 1) of the posterior of λ: the gamma-mixture CDF solved on ln λ by
 * safeguarded Newton (relative precision ~1e-13). Throws RangeError for invalid inputs.
 */
export function ebgmPosteriorQuantile(q: number, n: number, e: number, prior: GammaMixturePrior): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile must lie strictly between 0 and 1 (got ${q})`);
  const { components } = posterior(n, e, prior);
  const live = components.filter((c) => c.weight > 0);
  const logLambda = solveIncreasing(
    (t) => live.reduce((s, c) => s + c.weight * gammaCdf(Math.exp(t), c.shape, c.rate), 0) - q,
    (t) => live.reduce((s, c) => s + c.weight * Math.exp(gammaLogPdf(Math.exp(t), c.shape, c.rate) + t), 0),
    Math.log(live.reduce((s, c) => s + c.weight * (c.shape / c.rate), 0)),
  );
  return Math.exp(logLambda);
}

/**
 * EBGM, EB05 and EB95 for observed N and expected E under `prior`.
 * Qn = P·f1/(P·f1 + (1 − P)·f2) with f the untruncated negative-binomial marginals;
 * E[ln λ] = Qn(ψ(α1 + N) − ln(β1 + E)) + (1 − Qn)(ψ(α2 + N) − ln(β2 + E)).
 * Defined (finite) for every N ≥ 0 and E ≥ 0 — N = 0 and E = 0 need no special case.
 * Throws RangeError for a non-integer or negative N, a negative E or an invalid prior.
 */
export function ebgmScores(n: number, e: number, prior: GammaMixturePrior): EbgmScores {
  const { qn, components } = posterior(n, e, prior);
  const expectedLog = components.reduce((s, c) => s + (c.weight > 0 ? c.weight * (digamma(c.shape) - Math.log(c.rate)) : 0), 0);
  return {
    n,
    e,
    qn,
    ebgm: Math.exp(expectedLog),
    eb05: ebgmPosteriorQuantile(0.05, n, e, prior),
    eb95: ebgmPosteriorQuantile(0.95, n, e, prior),
  };
}

/** EBGM of a 2×2 table: N = a, E = (a + b)(a + c)/N; null for an empty table (no E). */
export function ebgmFromTable(table: TwoByTwo, prior: GammaMixturePrior): EbgmScores | null {
  assertTwoByTwo(table);
  const e = expectedCases(table);
  return e === null ? null : ebgmScores(table.a, e, prior);
}
