// Pure decoration of count tables: zero denominators give null (never NaN), intervals and
// comparisons come from lib/stats, and no random count table can put NaN or Infinity in the answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASELINES } from "@/lib/domain/baselines";
import { decorate, type TDecorateInput } from "@/lib/queries/aggregates/decorate";
import { categoriesOf } from "@/lib/queries/aggregates/descriptors";
import type { TIncidencePlan } from "@/lib/queries/aggregates/incidence";
import { DIMENSIONS, parseAggregateQuery, type TAggregateQuery, type TDimension } from "@/lib/queries/aggregates/query-schema";
import { ZERO_COUNTS, type TCountTable, type TCounts } from "@/lib/queries/aggregates/types";
import { compareWithBaseline, incidenceRate, proportion } from "@/lib/stats";

const query = (qs: string) => parseAggregateQuery(new URLSearchParams(qs));
const NO_INCIDENCE: TIncidencePlan = { note: "not planned" };
const counts = (cases: number, fatal: number, knownOutcome: number, inPeriod = 0, undated = 0): TCounts => ({
  cases,
  fatal,
  knownOutcome,
  inPeriod,
  undated,
});
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
      by: categoriesOf(q.by, q, present),
      then: q.then ? categoriesOf(q.then, q, inner) : null,
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
    // No denominators: every comparison is context (not_comparable), never a vacuous verdict.
    expect(answer.total).toMatchObject({ cases: 0, fatal: 0, knownOutcome: 0, caseFatality: null, share: null, rate: null });
    expect(answer.total.comparisons.every((c) => c.verdict === "not_comparable" && c.pValue === null)).toBe(true);
    expect(answer.groups.map((g) => g.key)).toEqual(["male", "female", "unknown"]);
    for (const group of answer.groups) {
      expect(group).toMatchObject({ cases: 0, fatal: 0, knownOutcome: 0, caseFatality: null, share: null, rate: null });
      expect(group.comparisons.every((c) => c.verdict === "not_comparable")).toBe(true);
      expect(group.rateReason).toBe("not planned");
    }
    expect(JSON.stringify(answer)).not.toMatch(/NaN|Infinity/);
  });

  it("cases without a known outcome: share given, case fatality null", () => {
    const answer = decorate(input(query("by=outcome"), table(counts(3, 0, 0), { unknown: counts(3, 0, 0) })));
    const unknown = answer.groups.find((g) => g.key === "unknown")!;
    expect(unknown.caseFatality).toBeNull();
    expect(unknown.share).toEqual(proportion(3, 3, "wilson"));
    expect(unknown.comparisons.every((c) => c.verdict === "not_comparable")).toBe(true);
  });

  it("case fatality over known outcomes, shares of the total, male share among sex-known cases", () => {
    const t = table(counts(10, 3, 8), { male: counts(6, 2, 5), female: counts(3, 1, 3), unknown: counts(1, 0, 0) });
    const answer = decorate(input(query("by=sex&ci=exact"), t));
    const [male, female] = answer.groups;
    expect(male!.caseFatality).toEqual(proportion(2, 5, "exact"));
    expect(male!.share).toEqual(proportion(6, 10, "exact"));
    expect(answer.total.caseFatality).toEqual(proportion(3, 8, "exact"));
    // Without an onset period the reviewed male share (1998–2014) is context, with the reason.
    const maleShare = male!.comparisons.find((c) => c.metric === "male_share")!;
    expect(maleShare).toMatchObject({
      baseline: "gurrera-2017-male-share",
      verdict: "not_comparable",
      pValue: null,
      reason: expect.stringMatching(/onset period/) as string,
    });
    expect(female!.comparisons.some((c) => c.metric === "male_share")).toBe(false);
    // Inside the review's period it is tested as its range: 6 of 9 sex-known cases against [1.2/2.2, 1.8/2.8].
    const dated = decorate(input(query("by=sex&ci=exact&from=2010-01-01&to=2012-12-31"), t)).groups[0]!.comparisons.find(
      (c) => c.metric === "male_share",
    )!;
    const expected = compareWithBaseline({
      observed: 6,
      trials: 9,
      baselineValue: 1.2 / 2.2,
      baselineLow: 1.2 / 2.2,
      baselineHigh: 1.8 / 2.8,
    })!;
    expect(dated).toMatchObject({ verdict: expected.verdict, pValue: expected.pValue, testedRange: { low: 1.2 / 2.2, high: 1.8 / 2.8 } });
    // Case fatality: every case_fatality baseline is listed, each cited; inpatient cohorts are never tested against reports.
    const fatality = male!.comparisons.filter((c) => c.metric === "case_fatality");
    expect(fatality.map((c) => c.baseline)).toEqual(BASELINES.filter((b) => b.metric === "case_fatality").map((b) => b.key));
    const modi = fatality.find((c) => c.baseline === "modi-2016-nis-in-hospital-case-fatality")!;
    expect(modi).toMatchObject({
      verdict: "not_comparable",
      pValue: null,
      reason: expect.stringMatching(/Different populations/) as string,
    });
    expect(modi.citation).toMatch(/doi:10\.1007\/s12028-015-0162-5/);
  });

  it("cross-tab cells: shares of their group, zeros filled in every group", () => {
    const t = table(counts(4, 1, 4), { antiemetic: counts(3, 1, 3) }, { antiemetic: { male: counts(2, 1, 2), female: counts(1, 0, 1) } });
    const answer = decorate(input(query("by=drugClass&then=sex"), t));
    const antiemetic = answer.groups.find((g) => g.key === "antiemetic")!;
    expect(antiemetic.groups!.map((g) => [g.key, g.cases])).toEqual([
      ["male", 2],
      ["female", 1],
      ["unknown", 0],
    ]);
    expect(antiemetic.groups![0]!.share).toEqual(proportion(2, 3, "wilson"));
    const empty = answer.groups.find((g) => g.key === "first_generation")!;
    expect(empty.groups!.every((g) => g.cases === 0 && g.share === null && g.caseFatality === null)).toBe(true);
  });

  it("incidence from planned person-years, with the incidence baseline; zero person-years → null with a note", () => {
    const plan: TIncidencePlan = {
      period: { start: "2020-01-01", end: "2020-12-31" },
      personYears: (cell) =>
        cell.drugClass === "antiemetic"
          ? { personYears: 20_000, source: "Registry" }
          : cell.drugClass === "first_generation"
            ? { personYears: 0, source: "Registry" }
            : { note: "none" },
    };
    const t = table(counts(6, 0, 5, 4, 1), { antiemetic: counts(6, 0, 5, 4, 1), first_generation: counts(2, 0, 2, 2) });
    const datasets = [{ source: "Registry", synthetic: true, completeAscertainment: false, settings: ["population"] }];
    const answer = decorate({ ...input(query("by=drugClass"), t, plan), datasets });
    const antiemetic = answer.groups.find((g) => g.key === "antiemetic")!;
    const expected = incidenceRate(4, 20_000)!;
    expect(antiemetic.rate).toEqual({
      kind: "reporting_rate",
      per100kPersonYears: expected.per100k,
      lower: expected.lower,
      upper: expected.upper,
      method: "exact_poisson",
      cases: 4,
      undated: 1,
      personYears: 20_000,
      exposureSources: [{ source: "Registry", synthetic: true, completeAscertainment: false, settings: ["population"], country: null }],
    });
    expect(antiemetic.rateReason).toBeUndefined();
    // Incidence-proportion figures are a different measure, and a reporting rate is never an incidence: context only.
    const rates = antiemetic.comparisons.filter((c) => c.metric === "incidence_proportion");
    expect(rates.length).toBe(BASELINES.filter((b) => b.metric === "incidence_proportion").length);
    expect(rates.every((c) => c.verdict === "not_comparable" && c.pValue === null)).toBe(true);
    const firstGeneration = answer.groups.find((g) => g.key === "first_generation")!;
    expect(firstGeneration).toMatchObject({ rate: null, rateReason: "No person-years of exposure" });
    expect(answer.groups.find((g) => g.key === "second_generation")).toMatchObject({ rate: null, rateReason: "none" });
    // The total spans classes: no rate, with the reason.
    expect(answer.total).toMatchObject({ rate: null, rateReason: expect.stringMatching(/spans drug classes/) as string });
  });

  const countsArb = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map(([a, b, c, d]) => {
    const [fatal, known, inPeriod, cases] = [Math.min(a, b, d), Math.min(b, d), Math.min(c, d), d];
    return counts(cases, fatal, known, inPeriod);
  });
  const dimensionArb = fc.constantFrom<TDimension>(...DIMENSIONS);

  it("property: no random count table puts NaN or Infinity anywhere in the answer", () => {
    fc.assert(
      fc.property(
        dimensionArb,
        fc.option(dimensionArb),
        fc.constantFrom("wilson", "exact"),
        fc.dictionary(
          fc.constantFrom("male", "female", "unknown", "first_generation", "antiemetic", "2020", "2023", "FR", "unknown"),
          countsArb,
        ),
        countsArb,
        fc.constantFrom(0, 1e-9, 0.5, 1, 12_345.6, 1e6),
        (by, then, ci, groups, total, personYears) => {
          const q = query(`by=${by}${then && then !== by ? `&then=${then}` : ""}&ci=${ci}`);
          // Counts never exceed their parent's (each case of a group is in the total, of a cell in its group).
          const within = (child: TCounts, parent: TCounts) =>
            counts(
              Math.min(child.cases, parent.cases),
              Math.min(child.fatal, parent.cases),
              Math.min(child.knownOutcome, parent.cases),
              Math.min(child.inPeriod, parent.cases),
              0,
            );
          const clipped = Object.fromEntries(Object.entries(groups).map(([key, c]) => [key, within(c, total)]));
          const cells = Object.fromEntries(
            Object.entries(clipped).map(([key, group]) => [
              key,
              Object.fromEntries(Object.entries(groups).map(([k, c]) => [k, within(c, group)])),
            ]),
          );
          const plan: TIncidencePlan = {
            period: { start: "2020-01-01", end: "2023-12-31" },
            personYears: () => ({ personYears, source: "S" }),
          };
          const answer = decorate(input(q, table(total, clipped, cells), plan));
          expect(nonFiniteNumbers(answer)).toEqual([]);
          expect(JSON.stringify(answer)).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 100 },
    );
  });
});
