// Relative-error assertion for reference-value tests, recording the worst error seen per
// statistic so the accuracy against R can be reported (STATS_REPORT_ERRORS=1 prints it).
import { afterAll, expect } from "vitest";

const largestRelativeError = new Map<string, number>();

/**
 * Asserts |actual − expected| ≤ relTol·|expected|. An expected 0 or null (an unbounded limit)
 * must be matched exactly: those are edge cases the code sets explicitly, not computes.
 */
export function expectClose(actual: number | null | undefined, expected: number | null, relTol = 1e-6, statistic = "unlabelled"): void {
  if (expected === null || expected === 0) {
    expect(actual).toBe(expected);
    return;
  }
  expect(typeof actual).toBe("number");
  const error = Math.abs((actual as number) - expected) / Math.abs(expected);
  largestRelativeError.set(statistic, Math.max(largestRelativeError.get(statistic) ?? 0, error));
  expect(error, `${statistic}: ${actual} vs ${expected} (relative error ${error.toExponential(2)})`).toBeLessThanOrEqual(relTol);
}

/** Call once at the top of a test file to print its worst errors after the run, on request. */
export function reportLargestErrorsAfterAll(): void {
  afterAll(() => {
    if (process.env.STATS_REPORT_ERRORS !== "1") return;
    for (const [statistic, error] of largestRelativeError) {
      console.log(`largest relative error — ${statistic}: ${error.toExponential(2)}`);
    }
  });
}
