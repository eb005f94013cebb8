// Every aggregate dimension over the hand-built fixture (fixture.ts), with both interval methods:
// exact counts derived by hand below, intervals recomputed with lib/stats on those counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { BASELINES } from "@/lib/domain/baselines";
import { compareWithBaseline, type ProportionMethod } from "@/lib/stats";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { aggregates, expectGroups, expectTotal, withZeros, type TExpectedRow } from "./expect-groups";
import { writeFixture } from "./fixture";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixture();
});
afterAll(() => database.close());

// Live cases: C1–C8, C10–C12 = 11 (C9 is soft-deleted). Fatal: C1, C3, C6, C11 = 4.
// Known outcome: all but C4 and C12 (unknown) = 9. Every dimension's total is this one.
const TOTAL = [11, 4, 9] as const;

const EXPECTED: Record<string, TExpectedRow[]> = {
  // first_generation: C1 (two FG suspects, counted once), C2, C4 — fatal C1; known C1, C2.
  // second_generation: C3, C4 (interacting risperidone), C8, C11 — not C2 (olanzapine concomitant); fatal C3, C11; known C3, C8, C11.
  // antiemetic: C6, C10 — fatal C6. dopaminergic_withdrawal: C5, C10 (withdrawn levodopa) — not C11 (concomitant).
  // C7 (concomitant only) and C12 (unmapped name) are in no class; C4 and C10 are in two.
  drugClass: [
    ["first_generation", 3, 1, 2],
    ["second_generation", 4, 2, 3],
    ["antiemetic", 2, 1, 2],
    ["dopaminergic_withdrawal", 2, 0, 2],
    ["other_antidopaminergic", 0, 0, 0],
  ],
  // male: C1, C3, C5, C8, C10, C12 (fatal C1, C3; C12 outcome unknown); female: C2, C6, C7 (fatal C6);
  // unknown: C4, C11 (fatal C11; C4 outcome unknown).
  sex: [
    ["male", 6, 2, 5],
    ["female", 3, 1, 3],
    ["unknown", 2, 1, 1],
  ],
  // 0-17: C5 (17). 18-39: C1 (30), C6 (18), C10 (39.9). 40-64: C2 (50), C7 (40), C11 (64.5), C12 (45).
  // 65+: C3 (70), C8 (65). unknown: C4 (no age).
  ageBand: [
    ["0-17", 1, 0, 1],
    ["18-39", 3, 2, 3],
    ["40-64", 4, 1, 3],
    ["65+", 2, 1, 2],
    ["unknown", 1, 0, 0],
  ],
  // recovered C2, C10; with sequelae C8; recovering C5; not recovered C7; fatal C1, C3, C6, C11; unknown C4, C12.
  outcome: [
    ["recovered", 2, 0, 2],
    ["recovered_with_sequelae", 1, 0, 1],
    ["recovering", 1, 0, 1],
    ["not_recovered", 1, 0, 1],
    ["fatal", 4, 4, 4],
    ["unknown", 2, 0, 0],
  ],
  // 2020: C1, C2, C12. 2021: C3, C4, C7. 2022: C5, C6. 2023: C10, C11. unknown (no onset): C8.
  year: [
    ["2020", 3, 1, 2],
    ["2021", 3, 1, 2],
    ["2022", 2, 1, 2],
    ["2023", 2, 1, 2],
    ["unknown", 1, 0, 1],
  ],
  // DE: C2, C7. FR: C1, C3, C8. GB: C10. US: C5, C6, C12. unknown: C4, C11. Present countries A–Z, then unknown.
  country: [
    ["DE", 2, 0, 2],
    ["FR", 3, 2, 3],
    ["GB", 1, 0, 1],
    ["US", 3, 1, 2],
    ["unknown", 2, 1, 1],
  ],
  // manual: C1, C4, C7, C10, C12. csv: C2, C8. faers: C3, C11. openfda: C5. e2b: C6.
  source: [
    ["manual", 5, 1, 3],
    ["csv", 2, 0, 2],
    ["faers", 2, 2, 2],
    ["openfda", 1, 0, 1],
    ["e2b", 1, 1, 1],
  ],
  // haloperidol: C1, C2, C4 — not C7 (concomitant) or C9 (deleted). chlorpromazine: C1. olanzapine: C3, C8, C11.
  // risperidone: C4 (outcome unknown → case fatality null). metoclopramide: C6, C10. levodopa: C5, C10.
  drug: withZeros(
    DRUG_CATALOGUE.map((d) => d.name),
    {
      haloperidol: [3, 1, 2],
      chlorpromazine: [1, 1, 1],
      olanzapine: [3, 2, 3],
      risperidone: [1, 0, 0],
      metoclopramide: [2, 1, 2],
      levodopa: [2, 0, 2],
    },
  ),
};

describe.each<ProportionMethod>(["wilson", "exact"])("every dimension, ci=%s", (ci) => {
  it.each(Object.keys(EXPECTED))("by=%s", async (by) => {
    const answer = await aggregates(`by=${by}&ci=${ci}`);
    expectTotal(answer, ...TOTAL);
    expectGroups(answer.groups, EXPECTED[by]!, TOTAL[0], ci);
    expect(answer.groups.every((g) => g.caseFatality === null || g.caseFatality.method === ci)).toBe(true);
  });
});

describe("counting rules", () => {
  it("class shares may sum past 100% while the total counts each case once", async () => {
    // FG or SGA: C1, C2, C4 (FG) and C3, C4, C8, C11 (SGA) — 6 cases, C4 in both groups.
    const answer = await aggregates("by=drugClass&drugClass=first_generation&drugClass=second_generation");
    expect(answer.total.cases).toBe(6);
    expect(answer.groups.map((g) => g.cases)).toEqual([3, 4, 0, 0, 0]);
    expect(answer.groups.reduce((sum, g) => sum + (g.share?.estimate ?? 0), 0)).toBeCloseTo(7 / 6, 12);
  });

  it("year categories span a from–to range even where no case falls", async () => {
    const answer = await aggregates("by=year&from=2019-01-01&to=2024-12-31");
    // Dated cases only (C8 has no onset): 2020: C1, C2, C12; 2021: C3, C4, C7; 2022: C5, C6; 2023: C10, C11.
    expectGroups(
      answer.groups,
      [
        ["2019", 0, 0, 0],
        ["2020", 3, 1, 2],
        ["2021", 3, 1, 2],
        ["2022", 2, 1, 2],
        ["2023", 2, 1, 2],
        ["2024", 0, 0, 0],
        ["unknown", 0, 0, 0],
      ],
      10,
      "wilson",
    );
  });

  it("compares case fatality with every stored case_fatality baseline, and the male share on the male group", async () => {
    const answer = await aggregates("by=sex");
    const fatalityKeys = BASELINES.filter((b) => b.metric === "case_fatality").map((b) => b.key);
    expect(answer.total.comparisons.map((c) => c.baseline)).toEqual(fatalityKeys);
    const male = answer.groups[0]!;
    // Spontaneous-report case fatality against an inpatient cohort: context only, with the reason.
    const modi = male.comparisons.find((c) => c.baseline === "modi-2016-nis-in-hospital-case-fatality")!;
    expect(modi).toMatchObject({
      metric: "case_fatality",
      value: 0.056,
      verdict: "not_comparable",
      pValue: null,
      reason: expect.stringMatching(/Different populations/) as string,
    });
    // Without an onset period the reviewed male share (1998–2014) is context too.
    expect(male.comparisons.find((c) => c.metric === "male_share")).toMatchObject({
      baseline: "gurrera-2017-male-share",
      verdict: "not_comparable",
    });
    // Within its period: male 5 of 8 sex-known 2020–2023 cases (C1, C3, C5, C10 male … ) tested against the review's range.
    const dated = await aggregates("by=sex&from=2010-01-01&to=2014-12-31");
    const share = dated.groups[0]!.comparisons.find((c) => c.metric === "male_share")!;
    expect(share).toMatchObject({
      baseline: "gurrera-2017-male-share",
      verdict: "not_comparable",
      reason: expect.stringMatching(/denominator is zero/) as string,
    });
    const inPeriod = await aggregates("by=sex&from=2014-01-01&to=2021-12-31");
    const [m, f] = inPeriod.groups;
    const expected = compareWithBaseline({
      observed: m!.cases!,
      trials: m!.cases! + f!.cases!,
      baselineValue: 1.2 / 2.2,
      baselineLow: 1.2 / 2.2,
      baselineHigh: 1.8 / 2.8,
    })!;
    expect(m!.comparisons.find((c) => c.metric === "male_share")).toMatchObject({ verdict: expected.verdict, pValue: expected.pValue });
    expect(answer.groups[1]!.comparisons.some((c) => c.metric === "male_share")).toBe(false);
  });
});
