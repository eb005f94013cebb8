// Pure decoration of count tables: zero denominators give null (never NaN), intervals and
// comparisons come from lib/stats, and no random count table can put NaN or Infinity in the answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASELINES } from "@/lib/domain/baselines";
import { decorate, type TDecorateInput } from "@/lib/queries/aggregates/decorate";
import { DIMENSION_SQL } from "@/lib/queries/aggregates/dimensions";
import type { TIncidencePlan } from "@/lib/queries/aggregates/incidence";
import { DIMENSIONS, parseAggregateQuery, type TAggregateQuery, type TDimension } from "@/lib/queries/aggregates/query-schema";
import { ZERO_COUNTS, type TCountTable, type TCounts } from "@/lib/queries/aggregates/types";
import { compareWithBaseline, incidenceRate, proportion } from "@/lib/stats";

const query = (qs: string) => parseAggregateQuery(new URLSearchParams(qs));
const NO_INCIDENCE: TIncidencePlan = { note: "not planned" };
const counts = (cases: number, fatal: number, knownOutcome: number, inPeriod = 0): TCounts => ({ cases, fatal, knownOutcome, inPeriod });
const table = (total: TCounts, groups: Record<string, TCounts>, cells: Record<string, Record<string, TCounts>> = {}): TCountTable => ({
  total,
  groups: new Map(Object.entries(groups)),
  cells: new Map(Object.entries(cells).map(([key, inner]) => [key, new Map(Object.entries(inner))])),
});
function input(q: TAggregateQuery, t: TCountTable, incidence: TIncidencePlan = NO_INCIDENCE): TDecorateInput {
  const present = new Set(t.groups.keys());
  const inner = new Set([...t.cells.values()].flatMap((m) => [...m.keys()]));
  return {
    query: q,
    categories: {
      by: DIMENSION_SQL[q.by].categories({ query: q, present }),
      then: q.then ? DIMENSION_SQL[q.then].categories({ query: q, present: inner }) : null,
    },
    counts: t,
    baselines: BASELINES,
    incidence,
  };
}

/** Every number in the answer, wherever it sits. */
function nonFiniteNumbers(value: unknown): string[] {
  const bad: string[] = [];
  JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) bad.push(`${key}=${v}`);
    return v;
  });
  return bad;
}

describe("decorate", () => {
  it("an empty table: every category at zero, intervals null, no comparisons, no NaN", () => {
    const answer = decorate(input(query("by=sex&ci=exact"), table(ZERO_COUNTS, {})));
    expect(answer.total).toEqual({ cases: 0, fatal: 0, knownOutcome: 0, caseFatality: null, share: null, comparisons: [] });
    expect(answer.groups.map((g) => g.key)).toEqual(["male", "female", "unknown"]);
    for (const group of answer.groups) {
      expect(group).toMatchObject({ cases: 0, fatal: 0, knownOutcome: 0, caseFatality: null, share: null, incidence: null, comparisons: [] });
      expect(group.incidenceNote).toBe("not planned");
    }
    expect(JSON.stringify(answer)).not.toMatch(/NaN|Infinity/);
  });

  it("cases without a known outcome: share given, case fatality null", () => {
    const answer = decorate(input(query("by=outcome"), table(counts(3, 0, 0), { unknown: counts(3, 0, 0) })));
    const unknown = answer.groups.find((g) => g.key === "unknown")!;
    expect(unknown.caseFatality).toBeNull();
    expect(unknown.share).toEqual(proportion(3, 3, "wilson"));
    expect(unknown.comparisons).toEqual([]);
  });

  it("case fatality over known outcomes, shares of the total, male share among sex-known cases", () => {
    const t = table(counts(10, 3, 8), { male: counts(6, 2, 5), female: counts(3, 1, 3), unknown: counts(1, 0, 0) });
    const answer = decorate(input(query("by=sex&ci=exact"), t));
    const [male, female] = answer.groups;
    expect(male!.caseFatality).toEqual(proportion(2, 5, "exact"));
    expect(male!.share).toEqual(proportion(6, 10, "exact"));
    expect(answer.total.caseFatality).toEqual(proportion(3, 8, "exact"));
    const maleShare = male!.comparisons.find((c) => c.metric === "male_share")!;
    // "up to 2:1" is the range [0, 2/3]; 6 of 9 sex-known cases is inside it.
    expect(maleShare).toMatchObject({ baseline: "overview-male-female-up-to-2-to-1", value: null, low: null, high: 2 / 3, verdict: "consistent" });
    expect(maleShare.pValue).toBe(compareWithBaseline({ observed: 6, trials: 9, baselineValue: 2 / 3, baselineLow: 0, baselineHigh: 2 / 3 })!.pValue);
    expect(female!.comparisons.some((c) => c.metric === "male_share")).toBe(false);
    // Case fatality against every quantitative case_fatality baseline, each cited.
    const fatality = male!.comparisons.filter((c) => c.metric === "case_fatality");
    expect(fatality.map((c) => c.baseline)).toEqual(BASELINES.filter((b) => b.metric === "case_fatality").map((b) => b.key));
    const about10 = fatality.find((c) => c.baseline === "overview-case-fatality-about-10pct")!;
    expect(about10.pValue).toBe(compareWithBaseline({ observed: 2, trials: 5, baselineValue: 0.1 })!.pValue);
    expect(about10.citation).toMatch(/overview/);
  });

  it("cross-tab cells: shares of their group, zeros filled in every group", () => {
    const t = table(counts(4, 1, 4), { antiemetic: counts(3, 1, 3) }, { antiemetic: { male: counts(2, 1, 2), female: counts(1, 0, 1) } });
    const answer = decorate(input(query("by=drugClass&then=sex"), t));
    const antiemetic = answer.groups.find((g) => g.key === "antiemetic")!;
    expect(antiemetic.groups!.map((g) => [g.key, g.cases])).toEqual([["male", 2], ["female", 1], ["unknown", 0]]);
    expect(antiemetic.groups![0]!.share).toEqual(proportion(2, 3, "wilson"));
    const empty = answer.groups.find((g) => g.key === "first_generation")!;
    expect(empty.groups!.every((g) => g.cases === 0 && g.share === null && g.caseFatality === null)).toBe(true);
  });

  it("incidence from planned person-years, with the incidence baseline; zero person-years → null with a note", () => {
    const plan: TIncidencePlan = {
      period: { start: "2020-01-01", end: "2020-12-31" },
      personYears: (cell) => (cell.drugClass === "antiemetic" ? { personYears: 20_000 } : cell.drugClass === "first_generation" ? { personYears: 0 } : { note: "none" }),
    };
    const t = table(counts(5, 0, 5, 4), { antiemetic: counts(5, 0, 5, 4), first_generation: counts(2, 0, 2, 2) });
    const answer = decorate(input(query("by=drugClass"), t, plan));
    const antiemetic = answer.groups.find((g) => g.key === "antiemetic")!;
    const expected = incidenceRate(4, 20_000)!;
    expect(antiemetic.incidence).toEqual(expected);
    expect(antiemetic.incidenceNote).toBeUndefined();
    const rate = antiemetic.comparisons.find((c) => c.metric === "incidence_per_100k_py")!;
    expect(rate.pValue).toBe(compareWithBaseline({ observed: 4, exposure: 20_000, baselineValue: 15 })!.pValue);
    const firstGeneration = answer.groups.find((g) => g.key === "first_generation")!;
    expect(firstGeneration).toMatchObject({ incidence: null, incidenceNote: "No person-years of exposure" });
    expect(answer.groups.find((g) => g.key === "second_generation")).toMatchObject({ incidence: null, incidenceNote: "none" });
  });

  const countsArb = fc
    .tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300))
    .map(([a, b, c, d]) => {
      const [fatal, known, inPeriod, cases] = [Math.min(a, b, d), Math.min(b, d), Math.min(c, d), d];
      return counts(cases, fatal, known, inPeriod);
    });
  const dimensionArb = fc.constantFrom<TDimension>(...DIMENSIONS);

  it("property: no random count table puts NaN or Infinity anywhere in the answer", () => {
    fc.assert(
      fc.property(
        dimensionArb, fc.option(dimensionArb), fc.constantFrom("wilson", "exact"),
        fc.dictionary(fc.constantFrom("male", "female", "unknown", "first_generation", "antiemetic", "2020", "2023", "FR", "unknown"), countsArb),
        countsArb, fc.constantFrom(0, 1e-9, 0.5, 1, 12_345.6, 1e6),
        (by, then, ci, groups, total, personYears) => {
          const q = query(`by=${by}${then && then !== by ? `&then=${then}` : ""}&ci=${ci}`);
          // Counts never exceed their parent's (each case of a group is in the total, of a cell in its group).
          const within = (child: TCounts, parent: TCounts) =>
            counts(Math.min(child.cases, parent.cases), Math.min(child.fatal, parent.cases), Math.min(child.knownOutcome, parent.cases), Math.min(child.inPeriod, parent.cases));
          const clipped = Object.fromEntries(Object.entries(groups).map(([key, c]) => [key, within(c, total)]));
          const cells = Object.fromEntries(
            Object.entries(clipped).map(([key, group]) => [key, Object.fromEntries(Object.entries(groups).map(([k, c]) => [k, within(c, group)]))]),
          );
          const plan: TIncidencePlan = { period: { start: "2020-01-01", end: "2023-12-31" }, personYears: () => ({ personYears }) };
          const answer = decorate(input(q, table(total, clipped, cells), plan));
          expect(nonFiniteNumbers(answer)).toEqual([]);
          expect(JSON.stringify(answer)).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 100 },
    );
  });
});
