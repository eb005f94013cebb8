// Filtered aggregates and cross-tabs over the hand-built fixture (fixture.ts): counts derived by
// hand in the comments, intervals recomputed with lib/stats, with both interval methods.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import type { ProportionMethod } from "@/lib/stats";
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

const CATALOGUE = DRUG_CATALOGUE.map((d) => d.name);

describe.each<ProportionMethod>(["wilson", "exact"])("filters, ci=%s", (ci) => {
  it("onset range and one class: first_generation cases of 2020–2021 by sex", async () => {
    // FG cases with onset in 2020–2021: C1 (male, fatal), C2 (female, recovered), C4 (unknown sex and outcome).
    const answer = await aggregates(`by=sex&from=2020-01-01&to=2021-12-31&drugClass=first_generation&ci=${ci}`);
    expectTotal(answer, 3, 1, 2);
    expectGroups(
      answer.groups,
      [
        ["male", 1, 1, 1],
        ["female", 1, 0, 1],
        ["unknown", 1, 0, 0],
      ],
      3,
      ci,
    );
  });

  it("a drug filter counts attributing roles only; repeated sex values are an IN list", async () => {
    // olanzapine as suspect: C3 (male, fatal), C8 (male, with sequelae), C11 (unknown sex, fatal) — not C2 (concomitant).
    // All three are second_generation only (C11's levodopa is concomitant).
    const answer = await aggregates(`by=drugClass&drug=olanzapine&sex=male&sex=unknown&ci=${ci}`);
    expectTotal(answer, 3, 2, 3);
    expectGroups(
      answer.groups,
      [
        ["first_generation", 0, 0, 0],
        ["second_generation", 3, 2, 3],
        ["antiemetic", 0, 0, 0],
        ["dopaminergic_withdrawal", 0, 0, 0],
        ["other_antidopaminergic", 0, 0, 0],
      ],
      3,
      ci,
    );
  });

  it("a class filter ignores concomitant drugs; a case keeps its other classes", async () => {
    // dopaminergic_withdrawal: C5, C10 (withdrawn levodopa) — not C11 (concomitant levodopa). C10 is also antiemetic.
    const answer = await aggregates(`by=drugClass&drugClass=dopaminergic_withdrawal&ci=${ci}`);
    expectTotal(answer, 2, 0, 2);
    expect(answer.groups.map((g) => [g.key, g.cases])).toEqual([
      ["first_generation", 0],
      ["second_generation", 0],
      ["antiemetic", 1],
      ["dopaminergic_withdrawal", 2],
      ["other_antidopaminergic", 0],
    ]);
  });

  it("repeated outcomes by age band", async () => {
    // fatal: C1 (30), C3 (70), C6 (18), C11 (64.5); unknown outcome: C4 (no age), C12 (45).
    const answer = await aggregates(`by=ageBand&outcome=fatal&outcome=unknown&ci=${ci}`);
    expectTotal(answer, 6, 4, 4);
    expectGroups(
      answer.groups,
      [
        ["0-17", 0, 0, 0],
        ["18-39", 2, 2, 2],
        ["40-64", 2, 1, 1],
        ["65+", 1, 1, 1],
        ["unknown", 1, 0, 0],
      ],
      6,
      ci,
    );
  });

  it("meetsConsensus keeps only cases scored that way (unknown scores in neither)", async () => {
    // true: C1, C3 (textbook, both fatal). false: C2 (every criterion but exposure absent, recovered).
    const met = await aggregates(`by=outcome&meetsConsensus=true&ci=${ci}`);
    expectTotal(met, 2, 2, 2);
    expect(met.groups.find((g) => g.key === "fatal")!.cases).toBe(2);
    const notMet = await aggregates(`by=outcome&meetsConsensus=false&ci=${ci}`);
    expectTotal(notMet, 1, 0, 1);
    expect(notMet.groups.find((g) => g.key === "recovered")!.cases).toBe(1);
  });

  it("country filter: named countries listed even at zero, unknown as a value", async () => {
    // GB: C10 (recovered). unknown: C4 (outcome unknown), C11 (fatal). JP: none.
    const answer = await aggregates(`by=country&country=unknown&country=gb&country=JP&ci=${ci}`);
    expectTotal(answer, 3, 1, 2);
    expectGroups(
      answer.groups,
      [
        ["GB", 1, 0, 1],
        ["JP", 0, 0, 0],
        ["unknown", 2, 1, 1],
      ],
      3,
      ci,
    );
  });

  it("only from: years from the from-year to the last onset present", async () => {
    // Onset ≥ 2021-06-01: C7 (2021, not recovered); C5, C6 (2022; C6 fatal); C10, C11 (2023; C11 fatal).
    const answer = await aggregates(`by=year&from=2021-06-01&ci=${ci}`);
    expectTotal(answer, 5, 2, 5);
    expectGroups(
      answer.groups,
      [
        ["2021", 1, 0, 1],
        ["2022", 2, 1, 2],
        ["2023", 2, 1, 2],
        ["unknown", 0, 0, 0],
      ],
      5,
      ci,
    );
  });
});

describe.each<ProportionMethod>(["wilson", "exact"])("cross-tabs, ci=%s", (ci) => {
  it("drugClass then sex: each group lists every sex, shares of the group", async () => {
    const answer = await aggregates(`by=drugClass&then=sex&ci=${ci}`);
    expectTotal(answer, 11, 4, 9);
    const inner: Record<string, TExpectedRow[]> = {
      // FG: C1 male fatal; C2 female recovered; C4 unknown sex, unknown outcome.
      first_generation: [
        ["male", 1, 1, 1],
        ["female", 1, 0, 1],
        ["unknown", 1, 0, 0],
      ],
      // SGA: C3 male fatal, C8 male with sequelae; C4 unknown/unknown, C11 unknown sex fatal.
      second_generation: [
        ["male", 2, 1, 2],
        ["female", 0, 0, 0],
        ["unknown", 2, 1, 1],
      ],
      // antiemetic: C10 male recovered; C6 female fatal.
      antiemetic: [
        ["male", 1, 0, 1],
        ["female", 1, 1, 1],
        ["unknown", 0, 0, 0],
      ],
      // dopaminergic_withdrawal: C5 male recovering, C10 male recovered.
      dopaminergic_withdrawal: [
        ["male", 2, 0, 2],
        ["female", 0, 0, 0],
        ["unknown", 0, 0, 0],
      ],
      other_antidopaminergic: [
        ["male", 0, 0, 0],
        ["female", 0, 0, 0],
        ["unknown", 0, 0, 0],
      ],
    };
    for (const group of answer.groups) expectGroups(group.groups!, inner[group.key]!, group.cases ?? 0, ci);
    expect(answer.groups.map((g) => g.cases)).toEqual([3, 4, 2, 2, 0]);
  });

  it("drugClass then drug (both from drugs): a cell is cases with that class and that drug; groups count each case once", async () => {
    const answer = await aggregates(`by=drugClass&then=drug&ci=${ci}`);
    const inner: Record<string, Record<string, readonly [number, number, number]>> = {
      // FG cases C1, C2, C4: haloperidol C1, C2, C4; chlorpromazine C1; risperidone C4 (its interacting SGA).
      first_generation: { haloperidol: [3, 1, 2], chlorpromazine: [1, 1, 1], risperidone: [1, 0, 0] },
      // SGA cases C3, C4, C8, C11: olanzapine C3, C8, C11; risperidone and haloperidol C4.
      second_generation: { haloperidol: [1, 0, 0], olanzapine: [3, 2, 3], risperidone: [1, 0, 0] },
      // antiemetic C6, C10: metoclopramide both; levodopa C10.
      antiemetic: { metoclopramide: [2, 1, 2], levodopa: [1, 0, 1] },
      // dopaminergic_withdrawal C5, C10: levodopa both; metoclopramide C10.
      dopaminergic_withdrawal: { metoclopramide: [1, 0, 1], levodopa: [2, 0, 2] },
      other_antidopaminergic: {},
    };
    expect(answer.groups.map((g) => [g.key, g.cases, g.fatal, g.knownOutcome])).toEqual([
      ["first_generation", 3, 1, 2],
      ["second_generation", 4, 2, 3],
      ["antiemetic", 2, 1, 2],
      ["dopaminergic_withdrawal", 2, 0, 2],
      ["other_antidopaminergic", 0, 0, 0],
    ]);
    for (const group of answer.groups) expectGroups(group.groups!, withZeros(CATALOGUE, inner[group.key]!), group.cases ?? 0, ci);
    expectTotal(answer, 11, 4, 9);
  });

  it("sex then year: the same year list in every group", async () => {
    // male: C1, C12 (2020), C3 (2021), C5 (2022), C10 (2023), C8 (no onset).
    const answer = await aggregates(`by=sex&then=year&ci=${ci}`);
    const male = answer.groups[0]!;
    expectGroups(
      male.groups!,
      [
        ["2020", 2, 1, 1],
        ["2021", 1, 1, 1],
        ["2022", 1, 0, 1],
        ["2023", 1, 0, 1],
        ["unknown", 1, 0, 1],
      ],
      6,
      ci,
    );
    for (const group of answer.groups) expect(group.groups!.map((g) => g.key)).toEqual(["2020", "2021", "2022", "2023", "unknown"]);
  });
});
