// Mantel–Haenszel over sex strata on fixtures whose answer follows from their construction:
// (1) a drug reported with NMS exactly as often as the other drugs within each sex, but mostly
// by women, in whom NMS is reported more overall — crude PRR > 1 (confounding by sex), MH PRR and
// ROR exactly 1; (2) a drug with PRR 2 in every stratum — MH PRR exactly 2. Then the same tables
// through the signals code (stored strata rows → strataOf → stratify), so the API's arithmetic is
// the one checked here. No number below is typed in without its derivation.
import { describe, expect, it } from "vitest";
import {
  ebgmScores,
  mantelHaenszelPrr,
  mantelHaenszelRor,
  proportionalReportingRatio as crudePrr,
  stratifiedInformationComponent,
  type GammaMixturePrior,
  type TwoByTwo,
} from "@/lib/stats/disproportionality";
import { strataOf, stratify } from "@/lib/queries/signals/stratify";
import type { TStratumRow } from "@/lib/queries/signals/find-background-strata";
import { expectRelative } from "./expect-relative";

/**
 * One stratum from its size, the drug's reports, the NMS rate among the other drugs' reports and the
 * ratio of the drug's NMS rate to it: a = ratio·rate·drug, c = rate·(N − drug).
 */
function stratum(total: number, drugReports: number, rate: number, ratio: number): TwoByTwo {
  const a = Math.round(ratio * rate * drugReports);
  const c = Math.round(rate * (total - drugReports));
  return { a, b: drugReports - a, c, d: total - drugReports - c };
}

// Within-sex NMS rates 2% (male), 10% (female), 5% (unknown); the drug's share of reports 10%,
// 40%, 20%. Ratio 1: within each sex a/(a+b) = c/(c+d), i.e. ad = bc.
const NO_EFFECT = {
  male: stratum(1000, 100, 0.02, 1),
  female: stratum(1000, 400, 0.1, 1),
  unknown: stratum(500, 100, 0.05, 1),
};
const DOUBLED = {
  male: stratum(1000, 100, 0.02, 2),
  female: stratum(1000, 400, 0.1, 2),
  unknown: stratum(500, 100, 0.05, 2),
};

const sum = (tables: readonly TwoByTwo[]): TwoByTwo =>
  tables.reduce((s, t) => ({ a: s.a + t.a, b: s.b + t.b, c: s.c + t.c, d: s.d + t.d }), { a: 0, b: 0, c: 0, d: 0 });

describe("Mantel–Haenszel over sex strata", () => {
  it("the fixtures are what they claim: ad = bc within each sex (ratio 1), a(c+d) = 2c(a+b) (ratio 2)", () => {
    for (const t of Object.values(NO_EFFECT)) expect(t.a * t.d).toBe(t.b * t.c);
    for (const t of Object.values(DOUBLED)) expect(t.a * (t.c + t.d)).toBe(2 * t.c * (t.a + t.b));
  });

  it("confounding by sex: crude PRR above 1, MH PRR and ROR exactly 1", () => {
    const strata = Object.values(NO_EFFECT);
    const crude = sum(strata);
    // Crude PRR by its definition, (a/(a+b)) / (c/(c+d)), over the summed table.
    const byHand = crude.a / (crude.a + crude.b) / (crude.c / (crude.c + crude.d));
    expectRelative(crudePrr(crude).estimate, byHand, 1e-12, "crude PRR");
    expect(byHand).toBeGreaterThan(1.5);
    // Σ a_k(c_k+d_k)/N_k = Σ c_k(a_k+b_k)/N_k term by term when a_k d_k = b_k c_k: the ratio is 1.
    expectRelative(mantelHaenszelPrr(strata).estimate, 1, 1e-12, "MH PRR");
    expectRelative(mantelHaenszelRor(strata).estimate, 1, 1e-12, "MH ROR");
    // The interval of an estimate of exactly 1 straddles 1.
    expect(mantelHaenszelRor(strata).lower!).toBeLessThan(1);
    expect(mantelHaenszelRor(strata).upper!).toBeGreaterThan(1);
  });

  it("a homogeneous PRR of 2 in every sex: MH PRR exactly 2", () => {
    expectRelative(mantelHaenszelPrr(Object.values(DOUBLED)).estimate, 2, 1e-12, "MH PRR");
  });

  it("stratified expected count is Σ (a+b)(a+c)/N per sex", () => {
    const strata = Object.values(NO_EFFECT);
    const e = strata.reduce((s, t) => s + ((t.a + t.b) * (t.a + t.c)) / (t.a + t.b + t.c + t.d), 0);
    const ic = stratifiedInformationComponent(strata);
    expectRelative(ic.expected, e, 1e-12, "E");
    // Within each sex the drug is at its expected count (a = E_k), so O = E.
    expectRelative(ic.expected, ic.observed, 1e-12, "O = E");
  });
});

describe("the signals code's sex strata (strataOf → stratify)", () => {
  const HAL = { name: "haloperidol", displayName: "Haloperidol", drugClass: "first_generation" } as const;
  const subject = { kind: "drug", key: "haloperidol", label: "Haloperidol", drugClass: "first_generation" } as const;
  /** Stored rows of one period: each stratum's total row and the drug's row, split over two age bands. */
  function rows(tables: Record<"male" | "female" | "unknown", TwoByTwo>): TStratumRow[] {
    return Object.entries(tables).flatMap(([sex, t]) =>
      (["18-39", "65+"] as const).flatMap((ageBand, half): TStratumRow[] => {
        // Halves that add up to the stratum (the first half rounds down).
        const part = (n: number) => (half === 0 ? Math.floor(n / 2) : n - Math.floor(n / 2));
        const base = { period: "2024Q1", sex: sex as TStratumRow["sex"], ageBand, drugClass: null };
        return [
          {
            ...base,
            drug: null,
            drugReports: part(t.a + t.b + t.c + t.d),
            nmsReports: part(t.a + t.c),
            totalReports: part(t.a + t.b + t.c + t.d),
            tally: "cases",
          },
          { ...base, drug: HAL, drugReports: part(t.a + t.b), nmsReports: part(t.a), totalReports: null, tally: null },
        ];
      }),
    );
  }

  it("by sex: three strata, MH PRR and ROR 1, the age-band halves added back together", () => {
    const strata = strataOf(rows(NO_EFFECT), ["sex"]);
    expect([...strata.keys()].sort()).toEqual(["female", "male", "unknown"]);
    const result = stratify(strata, subject, ["sex"], null)!;
    expect(result.by).toEqual(["sex"]);
    expect(result.strata).toBe(3);
    expectRelative(result.prr.estimate, 1, 1e-12, "MH PRR");
    expectRelative(result.ror.estimate, 1, 1e-12, "MH ROR");
    expectRelative(result.expected, stratifiedInformationComponent(Object.values(NO_EFFECT)).expected, 1e-12, "E");
    expect(result.ebgm).toBeNull();
  });

  it("by sex and age band: six strata; the EBGM of (Σa, stratified E) under a given prior", () => {
    const strata = strataOf(rows(DOUBLED), ["sex", "ageBand"]);
    expect(strata.size).toBe(6);
    const prior: GammaMixturePrior = { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 };
    const result = stratify(strata, subject, ["sex", "ageBand"], prior)!;
    const observed = Object.values(DOUBLED).reduce((s, t) => s + t.a, 0);
    const expected = result.expected!;
    const eb = ebgmScores(observed, expected, prior);
    expect(result.ebgm).toEqual({ estimate: eb.ebgm, lower: eb.eb05, upper: eb.eb95, reason: null });
  });

  it("a class gets no stratified EBGM (the prior describes single drugs)", () => {
    const strata = strataOf(rows(NO_EFFECT), ["sex"]);
    const prior: GammaMixturePrior = { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 };
    const classSubject = { kind: "class", key: "first_generation", label: "First", drugClass: "first_generation" } as const;
    expect(stratify(strata, classSubject, ["sex"], prior)?.ebgm ?? null).toBeNull();
  });
});
