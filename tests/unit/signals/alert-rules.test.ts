// The alert rules on hand-made states (docs/signals.md): a first crossing, no repeat, strengthening
// by the margin (ratio scale for PRR/ROR/EB05, log2 scale for IC025), baseline drift, bad margin.
import { describe, expect, it } from "vitest";
import { evaluateAlertRules, type TComparedSubject, type TScoredSubject } from "@/lib/signals/alerts/alert-rules";

const interval = (lower: number | null) => ({
  estimate: lower === null ? null : lower * 2,
  lower,
  upper: lower === null ? null : lower * 4,
});
function subject(
  lowers: { prr?: number; ror?: number; ic?: number; ebgm?: number },
  flags: Partial<Record<"prr" | "ror" | "ic" | "ebgm", boolean>>,
): TScoredSubject {
  return {
    source: "faers",
    subjectKind: "drug",
    subjectKey: "haloperidol",
    label: "Haloperidol",
    a: 5,
    drugReports: 50,
    periods: ["2024Q1"],
    stats: {
      prr: interval(lowers.prr ?? null),
      ror: interval(lowers.ror ?? null),
      ic: interval(lowers.ic ?? null),
      ebgm: interval(lowers.ebgm ?? null),
    },
    flags: { prr: flags.prr ?? false, ror: flags.ror ?? false, ic: flags.ic ?? false, ebgm: flags.ebgm ?? false },
  };
}

describe("alert rules", () => {
  it("raises one crossing alert listing every method that flags for the first time, then none on the same data", () => {
    const now = subject({ ror: 1.5, ic: 0.2 }, { ror: true, ic: true });
    const first = evaluateAlertRules([], [now], []);
    expect(first.alerts).toHaveLength(1);
    expect(first.alerts[0]).toMatchObject({ rule: "threshold_crossing", methods: ["ror", "ic"], before: null });
    expect(evaluateAlertRules(first.states, [now], []).alerts).toEqual([]);
  });

  it("does not raise a crossing again after a signal lapses and returns", () => {
    const on = evaluateAlertRules([], [subject({ ror: 1.5 }, { ror: true })], []);
    const off = evaluateAlertRules(on.states, [subject({ ror: 0.9 }, { ror: false })], []);
    expect(evaluateAlertRules(off.states, [subject({ ror: 1.6 }, { ror: true })], []).alerts).toEqual([]);
  });

  it("raises strengthening when the lower bound rises by the margin since the last alert", () => {
    const start = evaluateAlertRules([], [subject({ ror: 2, ic: 0.5 }, { ror: true, ic: true })], []).states;
    // ROR 2 → 2.4 is +20%, below the default 25%; IC +0.3 is below log2(1.25) ≈ 0.32.
    const small = evaluateAlertRules(start, [subject({ ror: 2.4, ic: 0.8 }, { ror: true, ic: true })], []);
    expect(small.alerts).toEqual([]);
    // Measured from the last alert's bound (2), not the last check's (2.4): 2.5 is +25%.
    const big = evaluateAlertRules(small.states, [subject({ ror: 2.5, ic: 0.83 }, { ror: true, ic: true })], []);
    expect(big.alerts).toEqual([
      expect.objectContaining({ rule: "strengthening", methods: ["ror", "ic"], before: { ror: { lower: 2 }, ic: { lower: 0.5 } } }),
    ]);
    // A larger margin asks for more.
    expect(evaluateAlertRules(start, [subject({ ror: 2.5, ic: 0.83 }, { ror: true, ic: true })], [], { margin: 0.5 }).alerts).toEqual([]);
  });

  it("raises a baseline drift when a class's comparable verdict turns above or below, not when it stays", () => {
    const compared = (verdict: TComparedSubject["verdict"]): TComparedSubject => ({
      source: "cases",
      subjectKind: "class",
      subjectKey: "first_generation",
      label: "First generation",
      baseline: "cf-10",
      metric: "case fatality",
      verdict,
      estimate: 0.2,
      value: 0.1,
      pValue: 0.01,
      cases: 40,
    });
    const calm = evaluateAlertRules([], [], [compared("consistent")]);
    expect(calm.alerts).toEqual([]);
    const drift = evaluateAlertRules(calm.states, [], [compared("above")]);
    expect(drift.alerts).toEqual([
      expect.objectContaining({ rule: "baseline_drift", methods: ["cf-10"], before: { verdict: "consistent" } }),
    ]);
    expect(evaluateAlertRules(drift.states, [], [compared("above")]).alerts).toEqual([]);
  });

  it("refuses a margin that is not a positive number", () => {
    expect(() => evaluateAlertRules([], [], [], { margin: 0 })).toThrow(/margin/);
  });
});
