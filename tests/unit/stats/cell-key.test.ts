// The cell-key perturbation (lib/stats/cell-key.ts): zeros stay zero, noise is bounded, mean-free
// and fixed by the key, and a researcher never sees a count from 1 to threshold−1.
import { describe, expect, it } from "vitest";
import { CELL_KEY_MODULUS, MAX_NOISE, perturbCount, protectCount } from "@/lib/stats/cell-key";

const keys = Array.from({ length: 1000 }, (_, i) => Math.floor(((i + 0.5) / 1000) * CELL_KEY_MODULUS));

describe("perturbCount", () => {
  it("keeps a true zero at 0 whatever the key", () => {
    for (const key of keys) expect(perturbCount(0, key)).toBe(0);
  });

  it.each([1, 2, 3, 7, 100, 12345])("moves %i by at most MAX_NOISE, never to 0", (count) => {
    for (const key of keys) {
      const out = perturbCount(count, key);
      expect(Math.abs(out - count)).toBeLessThanOrEqual(MAX_NOISE);
      expect(out).toBeGreaterThanOrEqual(1);
    }
  });

  it("draws −2 … +2 with probabilities .1 .2 .4 .2 .1 over uniform keys (mean 0)", () => {
    const tally = new Map<number, number>();
    for (const key of keys) tally.set(perturbCount(100, key) - 100, (tally.get(perturbCount(100, key) - 100) ?? 0) + 1);
    expect(Object.fromEntries(tally)).toEqual({ "-2": 100, "-1": 200, "0": 400, "1": 200, "2": 100 });
  });

  it("is a function of the key: the same cell always gets the same value", () => {
    expect(perturbCount(42, 123456789)).toBe(perturbCount(42, 123456789));
    expect(perturbCount(42, 123456789 + CELL_KEY_MODULUS)).toBe(perturbCount(42, 123456789));
  });
});

describe("protectCount", () => {
  it("publishes no value from 1 to threshold−1, and never turns a non-zero count into 0", () => {
    for (const count of [0, 1, 2, 3, 4, 5, 6, 7, 50]) {
      for (const key of keys) {
        const out = protectCount(count, key, 5);
        if (count === 0) expect(out).toBe(0);
        else expect(out === null || out >= 5).toBe(true);
      }
    }
  });

  it("suppresses every count of 1 or 2 (at most 4 after noise)", () => {
    for (const key of keys) {
      expect(protectCount(1, key, 5)).toBeNull();
      expect(protectCount(2, key, 5)).toBeNull();
    }
  });
});
