// Suppression applied to aggregates answers: which figures go, which stay, and that no figure
// left published gives a hidden one back — across the three count tables and their identities.
import { describe, expect, it } from "vitest";
import { suppressAggregates, unsuppressedAggregates } from "@/lib/exports/suppress-aggregates";
import { crossTab, line, type TCounts } from "./aggregate-fixture";

const c = (cases: number, fatal: number, knownOutcome: number): TCounts => ({ cases, fatal, knownOutcome });
const OPTIONS = { threshold: 5 };

describe("suppressAggregates, one dimension", () => {
  const answer = line("by=drugClass", {
    first_generation: c(40, 6, 30),
    second_generation: c(3, 1, 3),
    antiemetic: c(12, 0, 9),
    dopaminergic_withdrawal: c(0, 0, 0),
    other_antidopaminergic: c(7, 2, 7),
  });

  it("hides a small group whole, a complement, and every figure and comparison drawn from them", () => {
    const out = suppressAggregates(answer, null, OPTIONS);
    const sg = out.groups[1]!;
    expect(sg).toMatchObject({
      cases: null,
      fatal: null,
      knownOutcome: null,
      caseFatality: null,
      share: null,
      comparisons: [],
      suppressed: true,
    });
    expect(out.groups[4]).toMatchObject({ cases: null, suppressed: true }); // 7: the smallest other non-zero
    expect(out.groups[3]).toMatchObject({ cases: 0, fatal: 0, suppressed: false, suppressedFields: [] });
    // fatal 6, 0 and 2 (hidden), 1 (hidden): a death count of 2 needs a partner among the deaths too.
    const fatal = out.groups.map((g) => g.fatal);
    expect(fatal.filter((f) => f === null).length).not.toBe(1);
    expect(out.groups[0]!.caseFatality === null).toBe(out.groups[0]!.fatal === null);
  });

  it("changes nothing for staff, whose shape is the same", () => {
    const out = unsuppressedAggregates(answer, null);
    expect(out.groups.map((g) => g.cases)).toEqual([40, 3, 12, 0, 7]);
    expect(out.groups.every((g) => !g.suppressed && g.suppressedFields.length === 0)).toBe(true);
  });

  it("drops male_share when male or female is hidden, and incidence built on few events", () => {
    const sexes = line("by=sex", { male: c(3, 0, 3), female: c(20, 2, 18), unknown: c(9, 1, 8) });
    sexes.groups[0]!.comparisons.push({
      baseline: "mf",
      metric: "male_share",
      value: null,
      low: 0.5,
      high: 0.67,
      statement: "range",
      testedRange: { low: 0.5, high: 0.67 },
      citation: "x",
      pValue: 1,
      verdict: "consistent",
    });
    sexes.groups[1]!.rate = {
      kind: "reporting_rate",
      per100kPersonYears: 1,
      lower: 0.1,
      upper: 3,
      method: "exact_poisson",
      personYears: 300_000,
      cases: 3,
      undated: 0,
      exposureSources: [],
    };
    const out = suppressAggregates(sexes, null, OPTIONS);
    expect(out.groups[0]!.comparisons).toEqual([]);
    expect(out.groups[2]).toMatchObject({ cases: null, suppressed: true }); // 9: the complement of male's 3
    // Female's 20 cases stay, but its rate rests on 3 cases in the period: hidden, with the reason.
    expect(out.groups[1]).toMatchObject({ cases: 20, rate: null, rateReason: expect.stringMatching(/Suppressed/) as string });
    expect(out.groups[1]!.suppressedFields).toContain("rate");
  });
});

describe("suppressAggregates, cross-tab", () => {
  it("hides shares whose denominator (the row) is hidden", () => {
    const { answer, columns } = crossTab("by=sex&then=ageBand", {
      male: { "0-17": c(1, 0, 1), "18-39": c(2, 0, 2), "40-64": c(0, 0, 0), "65+": c(0, 0, 0), unknown: c(1, 0, 0) },
      female: { "0-17": c(10, 1, 9), "18-39": c(30, 3, 25), "40-64": c(22, 2, 20), "65+": c(9, 1, 8), unknown: c(8, 0, 6) },
    });
    const out = suppressAggregates(answer, columns, OPTIONS);
    expect(out.groups[0]!.cases).toBeNull();
    expect(out.groups[0]!.groups!.every((cell) => cell.share === null)).toBe(true);
    expect(out.groups[0]!.groups![2]).toMatchObject({ cases: 0, share: null, suppressed: false });
  });

  it("with outcome as a dimension, a published fatal or knownOutcome total never gives a hidden case count back", () => {
    // Female: 7 recovered, 1 fatal, 2 unknown. Independent tables would publish female
    // knownOutcome = 8 and recovered's knownOutcome (= its 7 cases) — and 8 − 7 = the hidden 1.
    const outcomes = ["recovered", "recovered_with_sequelae", "recovering", "not_recovered", "fatal", "unknown"];
    const row = (rec: number, fatal: number, unknown: number) =>
      Object.fromEntries(
        outcomes.map((o) => [
          o,
          o === "recovered" ? c(rec, 0, rec) : o === "fatal" ? c(fatal, fatal, fatal) : o === "unknown" ? c(unknown, 0, 0) : c(0, 0, 0),
        ]),
      );
    const { answer, columns } = crossTab("by=sex&then=outcome", { male: row(6, 2, 2), female: row(7, 1, 2), unknown: row(6, 0, 3) });
    const out = suppressAggregates(answer, columns, OPTIONS);
    for (const sex of out.groups) {
      const cell = (key: string) => sex.groups!.find((g) => g.key === key)!;
      if (sex.fatal !== null) expect(cell("fatal").cases).not.toBeNull();
      if (sex.knownOutcome !== null) expect(cell("unknown").cases).not.toBeNull();
      for (const g of sex.groups!) expect(g.fatal === null).toBe(g.cases === null);
    }
    const column = (key: string) => out.columns!.find((g) => g.key === key)!;
    if (out.total.fatal !== null) expect(column("fatal").cases).not.toBeNull();
    if (out.total.knownOutcome !== null) expect(column("unknown").cases).not.toBeNull();
  });

  it("by outcome alone: total deaths are shown only with the fatal group", () => {
    const answer = line("by=outcome", {
      recovered: c(20, 0, 20),
      recovered_with_sequelae: c(6, 0, 6),
      recovering: c(0, 0, 0),
      not_recovered: c(5, 0, 5),
      fatal: c(3, 3, 3),
      unknown: c(9, 0, 0),
    });
    const out = suppressAggregates(answer, null, OPTIONS);
    expect(out.groups[4]!.cases).toBeNull();
    expect(out.total.fatal).toBeNull();
    expect(out.total.knownOutcome).toBe(34); // total − unknown, both published
  });
});
