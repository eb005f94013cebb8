import { describe, expect, it } from "vitest";
import { digamma, lnGammaRatio } from "@/lib/stats/disproportionality/special-functions";
import { chiSquare1UpperTail, gammaQuantileByRate, regularizedGamma } from "@/lib/stats/disproportionality/incomplete-gamma";
import { solveIncreasing } from "@/lib/stats/disproportionality/root-finding";
import { expectRelative } from "./expect-relative";

// All references: R 4.2.2 (digamma, pgamma, qgamma, pchisq), printed by reference.R.
const DIGAMMA = [
  { x: 0.001, digamma: -1000.57557193 },
  { x: 0.5, digamma: -1.96351002602 },
  { x: 1, digamma: -0.577215664902 },
  { x: 2.5, digamma: 0.703156640645 },
  { x: 5.99, digamma: 1.70430279741 },
  { x: 6, digamma: 1.70611766843 },
  { x: 17.25, digamma: 2.81854667699 },
  { x: 1000.5, digamma: 6.90775532065 },
];

const PGAMMA = [
  { a: 0.5, x: 0.01, lower: 0.112462916018, upper: 0.887537083982 },
  { a: 0.5, x: 8, lower: 0.999936657516, upper: 6.33424836662e-5 },
  { a: 3, x: 2, lower: 0.323323583817, upper: 0.676676416183 },
  { a: 16.5, x: 5, lower: 3.72893344784e-5, upper: 0.999962710666 },
  { a: 16.5, x: 40, lower: 0.999991128642, upper: 8.87135814831e-6 },
  // The case @stdlib/math-base-special-gammainc 0.3.1 gets ~2% wrong (0.4916):
  { a: 1001, x: 1001, lower: 0.504203143111, upper: 0.495796856889 },
  { a: 1001, x: 900, lower: 0.000490632732858, upper: 0.999509367267 },
  { a: 100000, x: 100100, lower: 0.624445130704, upper: 0.375554869296 },
  { a: 2.5, x: 60, lower: 1, upper: 3.13857977276e-24 },
];

// Huge shapes (Temme's expansion, a > 1e5): R's pgamma at x = a + k√a, k = −8 … 6.
const PGAMMA_HUGE = [
  { a: 200000, x: 196422.29123600034, lower: 4.22648666842e-16, upper: 1 },
  { a: 200000, x: 197763.9320225002, lower: 2.61046855723e-7, upper: 0.999999738953 },
  { a: 200000, x: 199552.78640450005, lower: 0.158655051968, upper: 0.841344948032 },
  { a: 200000, x: 200000, lower: 0.500297354028, upper: 0.499702645972 },
  { a: 200000, x: 200134.16407864998, lower: 0.618170075428, upper: 0.381829924572 },
  { a: 200000, x: 200894.42719099991, lower: 0.977129275786, upper: 0.0228707242143 },
  { a: 200000, x: 202683.28157299975, lower: 0.999999998843, upper: 1.15667901927e-9 },
  { a: 1e12, x: 999992000000, lower: 6.21989968144e-16, upper: 1 },
  { a: 1e12, x: 999995000000, lower: 2.86639678325e-7, upper: 0.99999971336 },
  { a: 1e12, x: 999999000000, lower: 0.158655253931, upper: 0.841344746069 },
  { a: 1e12, x: 1000000000000, lower: 0.500000132981, upper: 0.499999867019 },
  { a: 1e12, x: 1000000300000, lower: 0.617911537877, upper: 0.382088462123 },
  { a: 1e12, x: 1000002000000, lower: 0.977249814061, upper: 0.0227501859391 },
  { a: 1e12, x: 1000006000000, lower: 0.999999999013, upper: 9.86658532564e-10 },
];

const QGAMMA = [
  { p: 0.025, shape: 0.5, quantile: 0.000491034558588 },
  { p: 0.975, shape: 0.5, quantile: 2.51194309366 },
  { p: 0.05, shape: 16.5, quantile: 10.4332669954 },
  { p: 0.5, shape: 1001, quantile: 1000.66668641 },
  { p: 0.025, shape: 2000.5, quantile: 1913.78775331 },
  { p: 1e-10, shape: 3, quantile: 0.000843610562485 },
  { p: 0.999999, shape: 7.25, quantile: 27.7839714806 },
];

const PCHISQ1 = [
  { x: 0, p: 1 },
  { x: 0.5, p: 0.479500122187 },
  { x: 3.84, p: 0.0500435212487 },
  { x: 4, p: 0.0455002638964 },
  { x: 30, p: 4.32046305783e-8 },
];

// lgamma(x + n) − lgamma(x) in R, or sum(log(x + 0:(n − 1))) where R's lgamma would cancel.
const LN_GAMMA_RATIO = [
  { x: 1e12, n: 3, value: 82.8930633478 },
  { x: 15.5, n: 200, value: 914.069006291 },
  { x: 2.5, n: 100, value: 370.381074123 },
  { x: 1e8, n: 1000, value: 18420.6857389 },
  { x: 0.3, n: 7, value: 6.0520945282 },
  { x: 12, n: 60.5, value: 219.336012559 },
];

describe("special functions against R", () => {
  it.each(LN_GAMMA_RATIO)("ln Γ($x + $n) − ln Γ($x)", ({ x, n, value }) => {
    expectRelative(lnGammaRatio(x, n), value, 1e-11);
  });

  it.each(DIGAMMA)("digamma($x)", ({ x, digamma: expected }) => {
    expectRelative(digamma(x), expected, 1e-11);
  });

  it("digamma is NaN outside its domain (callers never go there)", () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-1)).toBeNaN();
  });

  it.each(PGAMMA)("regularized gamma P/Q($a, $x)", ({ a, x, lower, upper }) => {
    const r = regularizedGamma(a, x);
    expectRelative(r.lower, lower, 1e-9, "lower");
    expectRelative(r.upper, upper, 1e-9, "upper");
  });

  it.each(PGAMMA_HUGE)("regularized gamma P/Q($a, $x) by Temme's expansion", ({ a, x, lower, upper }) => {
    const r = regularizedGamma(a, x);
    expectRelative(r.lower, lower, 1e-10, "lower");
    expectRelative(r.upper, upper, 1e-10, "upper");
  });

  it("the series/Temme switch at a = 1e5 is seamless (R: pgamma(9e4 ± …), pgamma(1.1e5 ± …))", () => {
    expectRelative(regularizedGamma(9e4, 9e4 + 100).lower, 0.630931314063365, 1e-11);
    expectRelative(regularizedGamma(1.1e5, 1.1e5 + 100).lower, 0.618835945764039, 1e-11);
    expectRelative(regularizedGamma(9e4, 9e4 - 300).lower, 0.15865480477274, 1e-11);
    expectRelative(regularizedGamma(1.1e5, 1.1e5 - 300).lower, 0.182904289758608, 1e-11);
  });

  it("regularized gamma at the ends of its range", () => {
    expect(regularizedGamma(2, 0)).toEqual({ lower: 0, upper: 1 });
    expect(regularizedGamma(2, Infinity)).toEqual({ lower: 1, upper: 0 });
  });

  it.each(QGAMMA)("gamma quantile($p; $shape)", ({ p, shape, quantile }) => {
    expectRelative(gammaQuantileByRate(p, shape, 1), quantile, 1e-10);
    expectRelative(gammaQuantileByRate(p, shape, 4), quantile / 4, 1e-10, "rate 4");
  });

  it.each(PCHISQ1)("chi-square(1) upper tail at $x", ({ x, p }) => {
    expectRelative(chiSquare1UpperTail(x), p, 1e-9);
  });

  it("the root finder brackets from a poor start and converges", () => {
    const root = solveIncreasing(
      (t) => Math.exp(t) - 1e6,
      (t) => Math.exp(t),
      -30,
    );
    expectRelative(root, Math.log(1e6), 1e-12);
  });
});
