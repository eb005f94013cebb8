// Relative-error assertion for the reference-value tables of the disproportionality tests.
import { expect } from "vitest";

/** |actual − expected| ≤ tol·|expected| (absolute tol when expected is 0); null must match null. */
export function expectRelative(actual: number | null | undefined, expected: number | null, tol = 1e-9, label = ""): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe("number");
  const error = Math.abs((actual as number) - expected) / (expected === 0 ? 1 : Math.abs(expected));
  expect(error, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}
