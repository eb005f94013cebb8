// Why the EBGM prior is fitted over the whole database's NMS column (docs/signals.md): DuMouchel's
// prior describes all drugs of the database; fitted over a hand-picked set of suspected causes it
// centres on large ratios, and a drug reported exactly as often as expected (N = 3, E = 3) is
// flagged. The column is simulated (seeded): most drugs at λ = 1, a few true excesses.
import { describe, expect, it } from "vitest";
import { ebgmScores, fitGammaMixturePrior, signalFlags, type ObservedPair } from "@/lib/stats/disproportionality";
import { Prng } from "@/seed/prng";

/** Poisson draw by inversion (means here stay below 300, where exp(−μ) is still a normal double). */
function poisson(prng: Prng, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = prng.next();
  while (u > cdf && k < 10_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** 600 drugs: expected counts log-uniform on [0.05, 50], λ = 1 for 95% and 6 for 5%; pairs with N ≥ 1. */
function wholeColumn(): (ObservedPair & { lambda: number })[] {
  const prng = new Prng(16, 0, 1);
  const pairs: (ObservedPair & { lambda: number })[] = [];
  for (let i = 0; i < 600; i++) {
    const e = Math.exp(prng.uniform(Math.log(0.05), Math.log(50)));
    const lambda = prng.bernoulli(0.05) ? 6 : 1;
    const n = poisson(prng, lambda * e);
    if (n >= 1) pairs.push({ n, e, lambda });
  }
  return pairs;
}

describe("EBGM prior over the whole NMS column", () => {
  const column = wholeColumn();
  const wholePrior = fitGammaMixturePrior(column).prior;
  const eb05At = (pairs: readonly ObservedPair[], n: number, e: number) =>
    ebgmScores(n, e, pairs === column ? wholePrior : fitGammaMixturePrior(pairs).prior);

  it("does not flag a drug reported as often as expected (N = 3, E = 3)", () => {
    const scores = eb05At(column, 3, 3);
    expect(scores.eb05).toBeLessThan(1);
    expect(scores.ebgm).toBeLessThan(2);
    expect(signalFlags({ ebgm: scores }).ebgm).toBe(false);
  });

  it("still flags a true excess the column holds (N = 18, E = 3)", () => {
    expect(signalFlags({ ebgm: eb05At(column, 18, 3) }).ebgm).toBe(true);
  });

  it("flags the same O/E ≈ 1 drug when the prior is fitted over suspected causes only", () => {
    // The 20 drugs with the largest N/E among those with N ≥ 3 — how a catalogue of known causes looks.
    const causes = column
      .filter((p) => p.n >= 3)
      .sort((x, y) => y.n / y.e - x.n / x.e)
      .slice(0, 20);
    const scores = eb05At(causes, 3, 3);
    expect(scores.eb05).toBeGreaterThanOrEqual(2);
    expect(signalFlags({ ebgm: scores }).ebgm).toBe(true);
  });
});
