// The seeded PRNG: reproducible per (seed, index, stream), and each helper has the shape it claims.
import { describe, expect, it } from "vitest";
import { Prng, weighted } from "@/seed/prng";

const draws = (prng: Prng, n: number) => Array.from({ length: n }, () => prng.next());
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe("Prng", () => {
  it("repeats for the same (seed, index, stream) and differs otherwise", () => {
    expect(draws(new Prng(7, 3), 20)).toEqual(draws(new Prng(7, 3), 20));
    expect(draws(new Prng(7, 3), 20)).not.toEqual(draws(new Prng(7, 4), 20));
    expect(draws(new Prng(7, 3), 20)).not.toEqual(draws(new Prng(8, 3), 20));
    expect(draws(new Prng(7, 3, 0), 20)).not.toEqual(draws(new Prng(7, 3, 1), 20));
    expect(draws(new Prng(7, 2 ** 32 + 3), 5)).not.toEqual(draws(new Prng(7, 3), 5));
  });

  it("draws uniforms on [0, 1) with the right mean and no correlation between neighbouring indexes", () => {
    const xs = draws(new Prng(1), 50_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    // First draw of consecutive case indexes: what the case factory relies on.
    const firsts = Array.from({ length: 20_000 }, (_, i) => new Prng(20261124, i).next());
    expect(mean(firsts)).toBeCloseTo(0.5, 1);
    const lagProducts = firsts.slice(1).map((x, i) => (x - 0.5) * ((firsts[i] as number) - 0.5));
    expect(Math.abs(mean(lagProducts) / (1 / 12))).toBeLessThan(0.03);
  });

  it("int is inclusive at both ends and covers the range", () => {
    const prng = new Prng(2);
    const seen = new Set(Array.from({ length: 2_000 }, () => prng.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("weightedPick follows the weights; zero weight is never picked", () => {
    const table = weighted([
      ["a", 1],
      ["b", 3],
      ["z", 0],
      ["c", 6],
    ] as const);
    const prng = new Prng(3);
    const counts = { a: 0, b: 0, c: 0, z: 0 };
    for (let i = 0; i < 60_000; i++) counts[prng.weightedPick(table)] += 1;
    expect(counts.z).toBe(0);
    expect(counts.a / 60_000).toBeCloseTo(0.1, 1);
    expect(counts.b / 60_000).toBeCloseTo(0.3, 1);
    expect(counts.c / 60_000).toBeCloseTo(0.6, 1);
    expect(() => weighted([["x", 0]])).toThrow();
    expect(() => weighted([["x", -1]])).toThrow();
  });

  it("normal, lognormal and truncatedNormal have the requested shape", () => {
    const prng = new Prng(4);
    const normals = Array.from({ length: 40_000 }, () => prng.normal(10, 2));
    expect(mean(normals)).toBeCloseTo(10, 1);
    expect(sd(normals)).toBeCloseTo(2, 1);
    const logs = Array.from({ length: 40_000 }, () => prng.lognormal(7, 1)).sort((a, b) => a - b);
    expect(logs[20_000]).toBeGreaterThan(6.6);
    expect(logs[20_000]).toBeLessThan(7.4);
    const truncated = Array.from({ length: 10_000 }, () => prng.truncatedNormal(35, 14, 12, 95));
    expect(Math.min(...truncated)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...truncated)).toBeLessThanOrEqual(95);
  });

  it("bernoulli and shuffle", () => {
    const prng = new Prng(5);
    const hits = Array.from({ length: 20_000 }, () => prng.bernoulli(0.25)).filter(Boolean).length;
    expect(hits / 20_000).toBeCloseTo(0.25, 1);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = prng.shuffle([...items]);
    expect([...shuffled].sort()).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});
