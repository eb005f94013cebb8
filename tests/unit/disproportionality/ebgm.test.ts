import { describe, expect, it } from "vitest";
import {
  ebgmFromTable,
  ebgmPosteriorQuantile,
  ebgmScores,
  fitGammaMixturePrior,
  minimiseNelderMead,
  mixtureNegativeLogLikelihood,
  type GammaMixturePrior,
} from "@/lib/stats/disproportionality";
import { expectRelative } from "./expect-relative";

// The prior published in the openEBGM 0.9.1 vignette for the CAERS data (Canida & Ihrie,
// R Journal 2017); used here only as a realistic fixed prior.
const VIGNETTE_PRIOR: GammaMixturePrior = {
  alpha1: 3.25379356,
  beta1: 0.39988854,
  alpha2: 2.02612692,
  beta2: 1.9080797,
  p: 0.06534557,
};

// R references (reference.R): Qn from dnbinom, EBGM from digamma, EB05/EB95 by uniroot
// (tol 1e-14) on the pgamma mixture — DuMouchel 1999 as openEBGM computes it.
const POSTERIOR = [
  { n: 16, e: 0.40643623, qn: 0.999999678359, ebgm: 23.2611080405, eb05: 15.6856619186, eb95: 33.4773366342 },
  { n: 1, e: 0.001, qn: 0.346793554475, ebgm: 2.62172328958, eb05: 0.520793630385, eb95: 15.9720664798 },
  { n: 1, e: 1, qn: 0.00920491499771, ebgm: 0.88329278444, eb05: 0.286876464109, eb95: 2.23572744482 },
  { n: 3, e: 0.2, qn: 0.745093040528, ebgm: 6.55860387061, eb05: 1.46344733678, eb95: 17.2228944567 },
  { n: 0, e: 0.5, qn: 0.007938620974, ebgm: 0.652514313381, eb05: 0.152620339117, eb95: 2.04927025656 },
  { n: 2, e: 7.5, qn: 0.000344999558525, ebgm: 0.376100033371, eb05: 0.146855632825, eb95: 0.82832762821 },
  { n: 40, e: 3.1, qn: 0.999964049075, ebgm: 12.2158668822, eb05: 9.43805433391, eb95: 15.6032059517 },
  { n: 250, e: 180, qn: 0.00462792402096, ebgm: 1.38279537913, eb05: 1.24516829805, eb95: 1.53217260122 },
];

// Synthetic (N, E) pairs for the likelihood; R's openEBGM-style negLL in reference.R.
const N = [1, 1, 2, 1, 5, 3, 1, 12, 1, 2, 7, 1, 1, 4, 30, 1, 2, 1, 9, 1];
const E = [0.2, 0.05, 0.6, 1.3, 0.9, 2.2, 0.01, 1.1, 0.4, 0.4, 6.5, 0.08, 0.7, 0.3, 2.5, 3.3, 1.9, 0.15, 0.5, 0.02];
const PAIRS = N.map((n, i) => ({ n, e: E[i]! }));

describe("EBGM posterior against R", () => {
  it.each(POSTERIOR)("N=$n E=$e", (row) => {
    const s = ebgmScores(row.n, row.e, VIGNETTE_PRIOR);
    expectRelative(s.qn, row.qn, 1e-9, "Qn");
    expectRelative(s.ebgm, row.ebgm, 1e-10, "EBGM");
    expectRelative(s.eb05, row.eb05, 1e-9, "EB05");
    expectRelative(s.eb95, row.eb95, 1e-9, "EB95");
  });

  it("E = 0 and N = 0 stay finite; the quantile function is monotone", () => {
    const s = ebgmScores(3, 0, VIGNETTE_PRIOR);
    for (const v of [s.qn, s.ebgm, s.eb05, s.eb95]) expect(Number.isFinite(v)).toBe(true);
    const qs = [0.01, 0.05, 0.5, 0.95, 0.99].map((q) => ebgmPosteriorQuantile(q, 5, 1.2, VIGNETTE_PRIOR));
    expect([...qs].sort((x, y) => x - y)).toEqual(qs);
  });

  it("from a 2×2 table uses E = (a + b)(a + c)/N; an empty table gives null", () => {
    const s = ebgmFromTable({ a: 10, b: 90, c: 20, d: 880 }, VIGNETTE_PRIOR);
    expect(s?.e).toBeCloseTo(3, 12);
    expect(ebgmFromTable({ a: 0, b: 0, c: 0, d: 0 }, VIGNETTE_PRIOR)).toBeNull();
  });

  it("rejects invalid inputs", () => {
    expect(() => ebgmScores(-1, 1, VIGNETTE_PRIOR)).toThrow(RangeError);
    expect(() => ebgmScores(1, -1, VIGNETTE_PRIOR)).toThrow(RangeError);
    expect(() => ebgmScores(1, 1, { ...VIGNETTE_PRIOR, p: 1 })).toThrow(RangeError);
    expect(() => ebgmPosteriorQuantile(1, 1, 1, VIGNETTE_PRIOR)).toThrow(RangeError);
  });
});

describe("prior fitting", () => {
  it("the truncated negative log-likelihood matches R (openEBGM's per-component truncation)", () => {
    const nll = mixtureNegativeLogLikelihood(PAIRS);
    expectRelative(nll(VIGNETTE_PRIOR), 39.9410941272, 1e-10);
    expectRelative(nll({ alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 }), 38.2381828271, 1e-10);
  });

  it("merging identical pairs does not change the likelihood", () => {
    const doubled = mixtureNegativeLogLikelihood([...PAIRS, ...PAIRS]);
    expectRelative(doubled(VIGNETTE_PRIOR), 2 * 39.9410941272, 1e-10);
  });

  it("reaches the supremum R finds: nlminb stops at 33.4827509552 with α → ∞; the limit is 33.4827461411", () => {
    // These 20 pairs are best fitted by two point masses (λ = 11.04, 0.887, P = 0.3385): the
    // fit must walk α, β → ∞ without the ln Γ cancellation that once gave a bogus −17.8.
    const fit = fitGammaMixturePrior(PAIRS);
    expect(fit.negativeLogLikelihood).toBeLessThanOrEqual(33.4827509552);
    expect(fit.negativeLogLikelihood).toBeGreaterThanOrEqual(33.4827461411 - 1e-8);
    expectRelative(fit.prior.alpha1 / fit.prior.beta1, 11.0424882934, 1e-4, "λ1");
    // Scoring under such a near-degenerate prior (α ~ 1e12 or more) stays finite: the
    // posterior is almost a point mass at λ1. (EBGM may sit just below EB05 here, correctly:
    // the 1e-8 posterior weight at λ2 = 0.887 pulls the geometric mean, not the quantiles.)
    const s = ebgmScores(12, 1.1, fit.prior);
    expect(Number.isFinite(s.eb05) && Number.isFinite(s.eb95)).toBe(true);
    expectRelative(s.eb05, s.eb95, 1e-9, "EB05 ≈ EB95");
    expectRelative(s.ebgm, fit.prior.alpha1 / fit.prior.beta1, 1e-6, "EBGM ≈ λ1");
    expect(fit.starts).toHaveLength(5);
    expect(fit.prior.alpha1 / fit.prior.beta1).toBeGreaterThanOrEqual(fit.prior.alpha2 / fit.prior.beta2);
  });

  it("rejects pairs outside the truncated model", () => {
    expect(() => mixtureNegativeLogLikelihood([])).toThrow(RangeError);
    expect(() => mixtureNegativeLogLikelihood([{ n: 0, e: 1 }])).toThrow(/N must be/);
    expect(() => mixtureNegativeLogLikelihood([{ n: 1, e: 0 }])).toThrow(/E must be/);
    expect(() => fitGammaMixturePrior(PAIRS, { starts: [] })).toThrow(RangeError);
  });
});

describe("Nelder–Mead", () => {
  it("minimises the Rosenbrock function from the classic start (−1.2, 1)", () => {
    const rosenbrock = (x: readonly number[]) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = minimiseNelderMead(rosenbrock, [-1.2, 1], { valueTolerance: 1e-14, pointTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it("treats non-finite values as +Infinity and reports an exhausted budget", () => {
    const r = minimiseNelderMead((x) => (x[0]! < 0 ? NaN : (x[0]! - 2) ** 2), [1], { maxEvaluations: 8 });
    expect(r.converged).toBe(false);
    expect(Number.isFinite(r.value)).toBe(true);
  });
});
