import { describe, it } from "vitest";
import {
  binomialLowerTail,
  binomialUpperTail,
  gammaQuantile,
  poissonLowerTail,
  poissonUpperTail,
  regularizedGamma,
} from "@/lib/stats/distributions";
import { expectClose, reportLargestErrorsAfterAll } from "./expect-close";

reportLargestErrorsAfterAll();

// R 4.2.2: pgamma(x, shape) and pgamma(x, shape, lower.tail = FALSE) (reference-values.R).
// Shapes ≥ 1001 are where @stdlib gammainc 0.3.1 is ~2% wrong; these rows guard the fix.
const GAMMA_CDF = [
  { shape: 0.3, x: 0.02, lower: 0.342997515857, upper: 0.657002484143 },
  { shape: 2.5, x: 15, lower: 0.999985251419, upper: 1.47485810384e-5 },
  { shape: 47, x: 5.9, lower: 2.05034386393e-26, upper: 1 },
  { shape: 150, x: 186.7, lower: 0.997513142417, upper: 0.00248685758338 },
  { shape: 1001, x: 1001, lower: 0.504203143111, upper: 0.495796856889 },
  { shape: 1001, x: 1063.95, lower: 0.974996210889, upper: 0.0250037891111 },
  { shape: 5000, x: 5212.1, lower: 0.998475977294, upper: 0.00152402270605 },
  { shape: 100000, x: 100221.4, lower: 0.75824430537, upper: 0.24175569463 },
  { shape: 20000, x: 25000, lower: 1, upper: 6.02380069787e-236 },
];

// R 4.2.2: qgamma(p, shape) (reference-values.R).
const GAMMA_QUANTILE = [
  { p: 1e-10, shape: 2.5, quantile: 0.000161677857312 },
  { p: 0.025, shape: 10, quantile: 4.79538869613 },
  { p: 0.975, shape: 1001, quantile: 1063.95213602 },
  { p: 0.5, shape: 1001, quantile: 1000.66668641 },
  { p: 0.025, shape: 5000, quantile: 4862.35918869 },
  { p: 0.999999999, shape: 150, quantile: 235.477713296 },
  { p: 0.975, shape: 0.4, quantile: 2.22471614918 },
];

// R 4.2.2: ppois(k, mean) and ppois(k, mean, lower.tail = FALSE) (reference-values.R).
const POISSON_TAILS = [
  { k: 0, mean: 150, lower: 7.17509597316e-66, upper: 1 },
  { k: 3, mean: 0.2, lower: 0.999943159759, upper: 5.68402407582e-5 },
  { k: 1600, mean: 1500, lower: 0.994929141641, upper: 0.00507085835883 },
  { k: 1399, mean: 1500, lower: 0.0043918202548, upper: 0.995608179745 },
  { k: 60, mean: 15, lower: 1, upper: 4.37776771443e-19 },
  { k: 10, mean: 10, lower: 0.583039750193, upper: 0.416960249807 },
];

// R 4.2.2: pbinom(k, n, p) and pbinom(k, n, p, lower.tail = FALSE) (reference-values.R).
const BINOMIAL_TAILS = [
  { k: 20, n: 100000, p: 0.001, lower: 1.84532376359e-22, upper: 1 },
  { k: 300, n: 2000, p: 0.1, lower: 0.999999999999, upper: 9.76049827774e-13 },
  { k: 4900, n: 10000, p: 0.5, lower: 0.0232927638525, upper: 0.976707236148 },
  { k: 0, n: 10, p: 0.3, lower: 0.0282475249, upper: 0.9717524751 },
  { k: 9, n: 10, p: 0.3, lower: 0.9999940951, upper: 5.9049e-6 },
];

describe("gamma family", () => {
  it.each(GAMMA_CDF)("regularizedGamma matches pgamma for shape $shape at $x", ({ shape, x, lower, upper }) => {
    const result = regularizedGamma(shape, x);
    expectClose(result.lower, lower, 1e-9, "pgamma lower");
    expectClose(result.upper, upper, 1e-9, "pgamma upper");
  });

  it.each(GAMMA_QUANTILE)("gammaQuantile matches qgamma($p, $shape)", ({ p, shape, quantile }) => {
    expectClose(gammaQuantile(p, shape), quantile, 1e-9, "qgamma");
    expectClose(gammaQuantile(p, shape, 1e-5), quantile * 1e-5, 1e-9, "qgamma");
  });
});

describe("discrete tails", () => {
  it.each(POISSON_TAILS)("Poisson tails match ppois for k = $k, mean = $mean", ({ k, mean, lower, upper }) => {
    expectClose(poissonLowerTail(k, mean), lower, 1e-9, "ppois lower");
    expectClose(poissonUpperTail(k, mean), upper, 1e-9, "ppois upper");
  });

  it.each(BINOMIAL_TAILS)("binomial tails match pbinom for k = $k, n = $n, p = $p", ({ k, n, p, lower, upper }) => {
    expectClose(binomialLowerTail(k, n, p), lower, 1e-9, "pbinom lower");
    expectClose(binomialUpperTail(k, n, p), upper, 1e-9, "pbinom upper");
  });
});
