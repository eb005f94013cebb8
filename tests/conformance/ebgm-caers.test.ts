// Conformance of the EBGM pipeline with openEBGM 0.9.1 on the CFSAN CAERS data it ships
// (../shared/data/openebgm_caers, never copied into the repo). Fails if the file is missing.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ebgmScores,
  fitGammaMixturePrior,
  mixtureNegativeLogLikelihood,
  tabulateDrugEventPairs,
  type DrugEventTable,
  type ReportRow,
} from "@/lib/stats/disproportionality";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const CAERS = path.resolve(repoRoot, "../shared/data/openebgm_caers/caers.csv");

// PUBLISHED (openEBGM 0.9.1 vignettes; ../shared/data/README.md): the prior the vignette
// estimated, and the scores it printed (to 2 decimals; its quantiles are sometimes 0.01 low).
const PUBLISHED_PRIOR = { alpha1: 3.25379356, beta1: 0.39988854, alpha2: 2.02612692, beta2: 1.9080797, p: 0.06534557 };
const PUBLISHED_PAIR = { drug: "REUMOFAN PLUS", event: "WEIGHT INCREASED", n: 16, e: 0.40643623, ebgm: 23.26, eb05: 15.68, eb95: 33.48 };

let rows: ReportRow[] = [];
let table: DrugEventTable;

beforeAll(() => {
  expect(existsSync(CAERS), `conformance data missing: ${CAERS}`).toBe(true);
  const records = parse<Record<string, string>>(readFileSync(CAERS), { columns: true });
  rows = records.map((r) => ({ id: r.id ?? "", drug: r.var1 ?? "", event: r.var2 ?? "", stratum: r.strat1 }));
  table = tabulateDrugEventPairs(rows);
});

const findPair = (t: DrugEventTable) => t.pairs.find((p) => p.drug === PUBLISHED_PAIR.drug && p.event === PUBLISHED_PAIR.event);

describe("openEBGM CAERS conformance", () => {
  it("tabulates 3,356 reports, 2,874 products, 1,328 events, 17,189 pairs (published)", () => {
    expect(rows).toHaveLength(20156);
    expect([table.reports, table.drugs, table.events, table.pairs.length]).toEqual([3356, 2874, 1328, 17189]);
  });

  it("REUMOFAN PLUS × WEIGHT INCREASED: N = 16, unstratified E = 0.40643623 (published)", () => {
    const pair = findPair(table);
    expect(pair?.n).toBe(16);
    expect(pair?.e).toBeCloseTo(PUBLISHED_PAIR.e, 8);
  });

  it("stratifying by sex gives E = 0.4691612807 instead (R reference), so the vignette's E is unstratified", () => {
    const stratified = findPair(tabulateDrugEventPairs(rows, { stratify: true }));
    expect(stratified?.e).toBeCloseTo(0.4691612807, 9);
  });

  it("scores the pair as published: EBGM 23.26, EB05 15.68, EB95 33.48 (±0.011)", () => {
    const s = ebgmScores(PUBLISHED_PAIR.n, findPair(table)!.e, PUBLISHED_PRIOR);
    expect(Math.abs(s.ebgm - PUBLISHED_PAIR.ebgm)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(s.eb05 - PUBLISHED_PAIR.eb05)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(s.eb95 - PUBLISHED_PAIR.eb95)).toBeLessThanOrEqual(0.011);
  });

  it("finds exactly 131 pairs with EB05 ≥ 2 under the published prior (published)", () => {
    const signals = table.pairs.filter((p) => ebgmScores(p.n, p.e, PUBLISHED_PRIOR).eb05 >= 2);
    expect(signals).toHaveLength(131);
  });

  it("the truncated likelihood at the published prior is 4162.45573 (R reference, reference.R's negLL)", () => {
    expect(mixtureNegativeLogLikelihood(table.pairs)(PUBLISHED_PRIOR)).toBeCloseTo(4162.455728, 5);
  });

  it("its own full-data fit reaches the published negative log-likelihood 4162.456 (±0.01)", () => {
    const fit = fitGammaMixturePrior(table.pairs);
    console.info("CAERS prior fit:", JSON.stringify({ ...fit.prior, negativeLogLikelihood: fit.negativeLogLikelihood }));
    expect(Math.abs(fit.negativeLogLikelihood - 4162.456)).toBeLessThanOrEqual(0.01);
    expect(fit.converged).toBe(true);
    // The optimum is flat: R's nlminb ends at α1 3.2555–3.2561, β1 0.39996–0.39999,
    // α2 2.02375–2.02384, β2 1.90613–1.90623, P 0.065306–0.065314 (NLL 4162.455710).
    expect(fit.prior.alpha1).toBeCloseTo(3.2558, 2);
    expect(fit.prior.p).toBeCloseTo(0.06531, 4);
  });
});
