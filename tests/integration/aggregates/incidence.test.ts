// Incidence per 100,000 person-years from the fixture's exposure rows (fixture.ts): events and
// person-years derived by hand, rates and Garwood intervals recomputed with lib/stats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidenceRate } from "@/lib/stats";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import type { TRate } from "@/lib/queries/aggregates/types";
import { aggregates } from "./expect-groups";
import { writeFixture } from "./fixture";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixture();
});
afterAll(() => database.close());

/**
 * The API's incidence is lib/stats' rate for these events over these person-years. Person-years
 * are a sum of prorated strata, so they are matched to 12 significant digits, and the rate and
 * its interval are then recomputed on exactly the person-years the answer reports.
 */
function expectRate(actual: TRate | null | undefined, events: number, personYears: number): void {
  expect(actual).not.toBeNull();
  expect(actual!.cases).toBe(events);
  expect(actual!.personYears / personYears).toBeCloseTo(1, 12);
  const { per100k, lower, upper } = incidenceRate(events, actual!.personYears)!;
  expect(actual).toMatchObject({
    kind: "reporting_rate",
    method: "exact_poisson",
    per100kPersonYears: per100k,
    lower,
    upper,
    personYears: actual!.personYears,
    cases: events,
  });
}
// Fixture exposure, first_generation: 1,000 person-years per male age band and 1,500 per female
// band (4 bands each) → 4,000 male + 6,000 female = 10,000 a year, for 2020 and 2021.
// second_generation: 500 per stratum, 2020 only (4,000). antiemetic: two sources. Others: none.
const FG_YEAR = 10_000;
const FG_MALE_YEAR = 4_000;
const FG_FEMALE_YEAR = 6_000;
const SGA_YEAR = 4_000;
const FIRST_HALF_2020 = 182 / 366; // 1 Jan – 30 Jun 2020, a leap year

describe("incidence", () => {
  it("by drugClass over the years the denominators span (2020–2021)", async () => {
    const answer = await aggregates("by=drugClass");
    const [fg, sga, antiemetic, withdrawal, other] = answer.groups;
    // FG events with onset in 2020–2021: C1, C2 (2020), C4 (2021) = 3 over 20,000 person-years = 15 per 100,000.
    expectRate(fg!.rate, 3, 2 * FG_YEAR);
    expect(fg!.rateReason).toBeUndefined();
    // A reporting rate is never tested against an incidence figure: every one is context, with the reason.
    const rateComparisons = fg!.comparisons.filter((c) => c.metric === "incidence_proportion" || c.metric === "incidence_per_100k_py");
    expect(rateComparisons.length).toBeGreaterThan(0);
    for (const c of rateComparisons)
      expect(c).toMatchObject({
        verdict: "not_comparable",
        pValue: null,
        reason: expect.stringMatching(/measures|reporting rate/) as string,
      });
    expect(sga).toMatchObject({ rate: null, rateReason: expect.stringMatching(/does not cover 2021/) as string });
    expect(sga!.comparisons.some((c) => c.metric === "incidence_proportion")).toBe(false);
    expect(antiemetic!.rateReason).toMatch(/several datasets \(Registry A; Registry B\)/);
    expect(withdrawal!.rateReason).toMatch(/person-years on the drug are not the time at risk/);
    expect(other!.rateReason).toMatch(/No exposure: no exposure dataset covers other_antidopaminergic/);
  });

  it("a part-year range prorates person-years and counts only events inside it", async () => {
    const answer = await aggregates("by=drugClass&from=2020-01-01&to=2020-06-30");
    // FG: C1 (2020-03-10) only. SGA: no case in the range (C3, C4 are 2021) → a rate of 0 with a finite upper limit.
    expectRate(answer.groups[0]!.rate, 1, FG_YEAR * FIRST_HALF_2020);
    expectRate(answer.groups[1]!.rate, 0, SGA_YEAR * FIRST_HALF_2020);
    expect(answer.groups[1]!.rate!.lower).toBe(0);
  });

  it("by sex within one class: each sex over its own strata; unknown sex has no denominator", async () => {
    const answer = await aggregates("by=sex&drugClass=first_generation&from=2020-01-01&to=2021-12-31");
    // male: C1 over 2 × 4,000; female: C2 over 2 × 6,000; unknown: C4.
    expectRate(answer.groups[0]!.rate, 1, 2 * FG_MALE_YEAR);
    expectRate(answer.groups[1]!.rate, 1, 2 * FG_FEMALE_YEAR);
    expect(answer.groups[2]).toMatchObject({ rate: null, rateReason: expect.stringMatching(/unknown sex/) as string });
  });

  it("by year within one class: each year's events over that year's person-years", async () => {
    const answer = await aggregates("by=year&drugClass=first_generation");
    // FG: 2020 C1, C2; 2021 C4; no FG case without an onset date.
    expect(answer.groups.map((g) => g.key)).toEqual(["2020", "2021", "unknown"]);
    expectRate(answer.groups[0]!.rate, 2, FG_YEAR);
    expectRate(answer.groups[1]!.rate, 1, FG_YEAR);
    expect(answer.groups[2]!.rateReason).toMatch(/without an onset date/);
  });

  it("cross-tab drugClass then sex: incidence in the cells too", async () => {
    const answer = await aggregates("by=drugClass&then=sex");
    const [male, female, unknown] = answer.groups[0]!.groups!;
    expectRate(male!.rate, 1, 2 * FG_MALE_YEAR);
    expectRate(female!.rate, 1, 2 * FG_FEMALE_YEAR);
    expect(unknown!.rate).toBeNull();
  });

  it("cases outside the exposure years are not events (FG cases are all in 2020–2021, SGA's C11 in 2023 is not)", async () => {
    const answer = await aggregates("by=drugClass&drugClass=first_generation&drugClass=second_generation&from=2020-01-01&to=2020-12-31");
    // 2020: FG C1, C2; SGA none.
    expectRate(answer.groups[0]!.rate, 2, FG_YEAR);
    expectRate(answer.groups[1]!.rate, 0, SGA_YEAR);
    expect(answer.groups[2]!.rateReason).toMatch(/drugClass filter/);
  });

  it.each([
    ["by=sex", /needs one drug class/],
    ["by=outcome&drugClass=first_generation", /not broken down by outcome/],
    ["by=drugClass&country=FR", /No exposure for FR/],
    ["by=drugClass&from=2030-01-01", /outside the exposure years/],
  ])("%s → null incidence with a note on every group", async (qs, note) => {
    const answer = await aggregates(qs);
    for (const group of answer.groups) {
      expect(group.rate).toBeNull();
      expect(group.rateReason).toMatch(note);
    }
  });
});
