// Information component with the +0.5 shrinkage and its gamma credibility interval
// (Norén GN, Hopstadius J, Bate A. Stat Methods Med Res 2013;22:57–69); signal: IC025 > 0.
import { gammaQuantileByRate } from "./incomplete-gamma";
import { assertTwoByTwo, expectedCases, type TwoByTwo } from "./two-by-two";

export interface IcOptions {
  /** Two-sided credibility level; default 0.95 gives IC025 and IC975. */
  credibility?: number;
}

export interface IcResult {
  observed: number;
  /** Expected count under independence; null when the table is empty (N = 0). */
  expected: number | null;
  /** log2((O + 0.5)/(E + 0.5)); null only when E is undefined. */
  ic: number | null;
  /** IC025 at the default credibility: log2 of the Gamma(O + 0.5, rate E + 0.5) quantile. */
  lower: number | null;
  /** IC975 at the default credibility. */
  upper: number | null;
  credibility: number;
  reason: string | null;
}

/**
 * IC from an observed count O and an expected count E (E = Σ_k E_k when stratified).
 * IC = log2((O + 0.5)/(E + 0.5)); IC_q = log2(Gamma⁻¹(q; shape O + 0.5, rate E + 0.5)).
 * Always finite for O ≥ 0, E ≥ 0 (the shrinkage keeps both gamma parameters positive), so
 * zero cells need no special case. Throws RangeError for a non-integer or negative O, a
 * negative or non-finite E, or a credibility outside (0, 1).
 */
export function informationComponent(observed: number, expected: number, options: IcOptions = {}): IcResult {
  const credibility = options.credibility ?? 0.95;
  if (!(credibility > 0 && credibility < 1)) {
    throw new RangeError(`credibility must lie strictly between 0 and 1 (got ${credibility})`);
  }
  if (!Number.isInteger(observed) || observed < 0) {
    throw new RangeError(`observed must be a non-negative integer (got ${observed})`);
  }
  if (!Number.isFinite(expected) || expected < 0) {
    throw new RangeError(`expected must be a finite number ≥ 0 (got ${expected})`);
  }
  const shape = observed + 0.5;
  const rate = expected + 0.5;
  const tail = (1 - credibility) / 2;
  return {
    observed,
    expected,
    ic: Math.log2(shape / rate),
    lower: Math.log2(gammaQuantileByRate(tail, shape, rate)),
    upper: Math.log2(gammaQuantileByRate(1 - tail, shape, rate)),
    credibility,
    reason: null,
  };
}

/**
 * IC of a 2×2 table: O = a, E = (a + b)(a + c)/N. An empty table (N = 0) has no expected
 * count: every value is null with the reason. Throws RangeError for invalid cells.
 */
export function informationComponentFromTable(table: TwoByTwo, options: IcOptions = {}): IcResult {
  assertTwoByTwo(table);
  const expected = expectedCases(table);
  if (expected === null) {
    return {
      observed: table.a,
      expected: null,
      ic: null,
      lower: null,
      upper: null,
      credibility: options.credibility ?? 0.95,
      reason: "Empty table (N = 0): no expected count, IC undefined.",
    };
  }
  return informationComponent(table.a, expected, options);
}
