// Exposure CSVs through the real import path (class-level and stratified), then rates checked
// against hand-derived cases and person-years, with Garwood limits recomputed here by bisection on
// Poisson sums — independently of lib/stats — plus `undated`, null reasons, replacement, overlaps,
// the dataset list and deletion. Runs on the embedded database and, with NMS_TEST_POSTGRES_URL, on Postgres.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { deleteExposureDataset } from "@/lib/imports/exposure/delete-exposure-dataset";
import { runImport } from "@/lib/imports/write/run-import";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import type { TAggregateGroup, TAggregatesResponse } from "@/lib/queries/aggregates/types";
import { findExposureDatasets } from "@/lib/queries/find-exposure-datasets";
import { WHO_STANDARD_BY_AGE_BAND, directlyStandardisedRate } from "@/lib/stats";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { tempDir } from "../../helpers/temp-dir";

const dir = tempDir("nms-exposure-");
const file = (name: string, lines: string[]) => {
  const at = path.join(dir, name);
  writeFileSync(at, `${lines.join("\n")}\n`);
  return at;
};
const HEADER = "year,country,setting,drug_class,drug,sex,age_band,person_years,persons_exposed,source";

// Cases: haloperidol (first_generation) E1, E2 (2020, DE), E3 (2021, FR), E4 (no onset date, DE),
// E7 (2022, DE: outside the exposure years); olanzapine (second_generation) E5 (2021, DE);
// levodopa withdrawn (dopaminergic_withdrawal) E6 (2020, DE).
const CASES = [
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative",
  "E1,2020-03-05,2020-03-01,DE,male,30,haloperidol:suspect,,,,,fatal,",
  "E2,2020-06-05,2020-06-01,DE,female,50,haloperidol:suspect,,,,,recovered,",
  "E3,2021-02-05,2021-02-01,FR,male,70,haloperidol:suspect,,,,,recovered,",
  "E4,2021-03-05,,DE,male,40,haloperidol:suspect,,,,,recovered,",
  "E5,2021-05-10,2021-05-05,DE,female,20,olanzapine:suspect,,,,,recovered,",
  "E6,2020-01-15,2020-01-10,DE,male,60,levodopa:withdrawn,,,,,fatal,",
  "E7,2022-01-05,2022-01-01,DE,male,33,haloperidol:suspect,,,,,recovered,",
];

// Class level, all countries: first_generation 100,000 (2020) + 50,000 (2021); second_generation 200,000 a year.
const CLAIMS = [
  HEADER,
  "2020,,population,first_generation,,all,all,100000,,Claims 2020-21",
  "2021,,population,first_generation,,all,all,50000,,Claims 2020-21",
  "2020,,population,second_generation,,all,all,200000,,Claims 2020-21",
  "2021,,population,second_generation,,all,all,200000,,Claims 2020-21",
  "2020,,population,dopaminergic_withdrawal,,all,all,1000,,Claims 2020-21",
];
// Stratified, Germany, inpatients 2020: 10,000 person-years per male age band, 20,000 per female band.
const BANDS = ["0-17", "18-39", "40-64", "65+"];
const REGISTRY = [
  HEADER,
  ...BANDS.map((band) => `2020,DE,inpatient,first_generation,,male,${band},10000,500,Registry DE`),
  ...BANDS.map((band) => `2020,DE,inpatient,first_generation,,female,${band},20000,900,Registry DE`),
];

/** P(X ≤ k) for X ~ Poisson(mu), by summing terms (independent of lib/stats' incomplete gamma). */
function poissonCdf(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i++) sum += term *= mu / i;
  return sum;
}
function bisect(f: (mu: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
/** Exact (Garwood) 95% limits for a count: P(X ≥ k | lower) = 0.025, P(X ≤ k | upper) = 0.025. */
function garwood(k: number): { lower: number; upper: number } {
  const lower = k === 0 ? 0 : bisect((mu) => 0.025 - (1 - poissonCdf(k - 1, mu)), 0, 100);
  const upper = bisect((mu) => poissonCdf(k, mu) - 0.025, 0, 100);
  return { lower, upper };
}

function expectRate(
  group: TAggregateGroup | TAggregatesResponse["total"] | undefined,
  cases: number,
  personYears: number,
  undated: number,
) {
  const rate = group?.rate;
  expect(rate, group?.rateReason).toBeTruthy();
  const { lower, upper } = garwood(cases);
  expect(rate).toMatchObject({ kind: "reporting_rate", method: "exact_poisson", cases, undated });
  expect(rate!.personYears).toBeCloseTo(personYears, 6);
  expect(rate!.per100kPersonYears).toBeCloseTo((cases / personYears) * 100_000, 9);
  expect(rate!.lower / ((lower / personYears) * 100_000)).toBeCloseTo(1, 6);
  expect(rate!.upper / ((upper / personYears) * 100_000)).toBeCloseTo(1, 6);
}

let database: TTestDatabase;
const both = async (qs: string) => {
  const query = parseAggregateQuery(new URLSearchParams(qs));
  const [auto, cases] = await Promise.all([getAggregates(query), getAggregates(query, { source: "cases" })]);
  // The rollup and the case tables give the same rates.
  expect(JSON.parse(JSON.stringify(auto.groups))).toEqual(JSON.parse(JSON.stringify(cases.groups)));
  return auto;
};

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await runImport(file("cases.csv", CASES), { format: "csv" });
});
afterAll(() => database.close());

describe("exposure datasets and rates", () => {
  it("before any exposure: every rate is null with 'No exposure'", async () => {
    const answer = await both("by=drugClass");
    for (const group of answer.groups.filter((g) => g.key !== "dopaminergic_withdrawal")) {
      expect(group.rate).toBeNull();
      expect(group.rateReason).toMatch(/No exposure/);
    }
  });

  it("imports a class-level CSV (format detected from the header) as one dataset", async () => {
    const result = await runImport(file("claims.csv", CLAIMS), { actor: "tester" });
    expect(result).toMatchObject({ format: "exposure", read: 5, imported: 5, deleted: 0 });
    const [dataset] = await findExposureDatasets();
    expect(dataset).toMatchObject({
      source: "Claims 2020-21",
      firstYear: 2020,
      lastYear: 2021,
      strata: 5,
      personYears: 551_000,
      countries: [""],
      settings: ["population"],
      synthetic: false,
      completeAscertainment: false,
      loadedBy: "tester",
    });
  });

  it("class-level reporting rates: cases with onset in covered years, undated apart, withdrawal not computed", async () => {
    const answer = await both("by=drugClass");
    const byKey = new Map(answer.groups.map((g) => [g.key, g]));
    // FG: E1, E2 (2020), E3 (2021) over 150,000; E4 undated; E7 (2022) outside the exposure years.
    expectRate(byKey.get("first_generation"), 3, 150_000, 1);
    expect(byKey.get("first_generation")!.rate!.exposureSources).toEqual([
      { source: "Claims 2020-21", synthetic: false, completeAscertainment: false, settings: ["population"], country: null },
    ]);
    // SGA: E5 (2021) over 400,000.
    expectRate(byKey.get("second_generation"), 1, 400_000, 0);
    expect(byKey.get("dopaminergic_withdrawal")).toMatchObject({ rate: null, rateReason: expect.stringMatching(/time at risk/) as string });
    expect(byKey.get("antiemetic")).toMatchObject({ rate: null, rateReason: expect.stringMatching(/No exposure/) as string });
    expect(answer.total).toMatchObject({ rate: null, rateReason: expect.stringMatching(/spans drug classes/) as string });
    // A reporting rate is never tested against the incidence figures: each is context with its reason.
    for (const c of byKey.get("first_generation")!.comparisons.filter((x) => x.metric === "incidence_proportion")) {
      expect(c).toMatchObject({ verdict: "not_comparable", pValue: null });
    }
  });

  it("by year: each covered year's cases over its person-years; undated cases get a reason", async () => {
    const answer = await both("by=year&drugClass=first_generation");
    const byKey = new Map(answer.groups.map((g) => [g.key, g]));
    expectRate(byKey.get("2020"), 2, 100_000, 0);
    expectRate(byKey.get("2021"), 1, 50_000, 0);
    expect(byKey.get("2022")).toMatchObject({ rate: null, rateReason: expect.stringMatching(/Period not covered/) as string });
    expect(byKey.get("unknown")).toMatchObject({ rate: null, rateReason: expect.stringMatching(/without an onset date/) as string });
  });

  it("null reasons: unstratified sex, a country the exposure does not name, a period outside it", async () => {
    const bySex = await both("by=sex&drugClass=first_generation");
    expect(bySex.groups[0]).toMatchObject({
      rate: null,
      rateReason: expect.stringMatching(/does not cover 2020 by sex \(male\)/) as string,
    });
    expect(bySex.groups[2]).toMatchObject({ rate: null, rateReason: expect.stringMatching(/Unknown sex/) as string });
    // The class-level total of a one-class query still has its rate.
    expectRate(bySex.total, 3, 150_000, 1);
    const de = await both("by=drugClass&country=DE");
    expect(de.groups[0]).toMatchObject({ rate: null, rateReason: expect.stringMatching(/No exposure for DE/) as string });
    const late = await both("by=drugClass&from=2030-01-01");
    expect(late.groups[0]).toMatchObject({ rate: null, rateReason: expect.stringMatching(/outside the exposure years/) as string });
  });

  it("a stratified country dataset: each sex over its own strata, only that country's cases", async () => {
    await runImport(file("registry.csv", REGISTRY), { format: "exposure", actor: "tester", completeAscertainment: true });
    const answer = await both("by=sex&drugClass=first_generation&country=DE&from=2020-01-01&to=2020-12-31");
    const [male, female, unknown] = answer.groups;
    // DE 2020: E1 (male) over 4 × 10,000; E2 (female) over 4 × 20,000. Complete ascertainment → incidence.
    for (const [group, cases, py] of [
      [male, 1, 40_000],
      [female, 1, 80_000],
    ] as const) {
      expect(group!.rate).toMatchObject({
        kind: "incidence",
        cases,
        exposureSources: [{ source: "Registry DE", country: "DE", settings: ["inpatient"], completeAscertainment: true }],
      });
      const { lower, upper } = garwood(cases);
      expect(group!.rate!.personYears).toBeCloseTo(py, 6);
      expect(group!.rate!.lower / ((lower / py) * 100_000)).toBeCloseTo(1, 6);
      expect(group!.rate!.upper / ((upper / py) * 100_000)).toBeCloseTo(1, 6);
    }
    expect(unknown).toMatchObject({ rate: null, rateReason: expect.stringMatching(/Unknown sex/) as string });
    // The total: both sexes' strata (120,000), E1 and E2.
    expect(answer.total.rate).toMatchObject({ kind: "incidence", cases: 2 });
    expect(answer.total.rate!.personYears).toBeCloseTo(120_000, 6);
    // Without the country filter the class-level dataset (all countries) is the one used, unchanged.
    expectRate((await both("by=drugClass")).groups[0], 3, 150_000, 1);
  });

  it("age-stratified exposure: the class rate is also directly age-standardised to the WHO standard", async () => {
    const answer = await both("by=drugClass&country=DE&from=2020-01-01&to=2020-12-31");
    const fg = answer.groups[0]!.rate!;
    // DE 2020: E1 (30 → 18-39) and E2 (50 → 40-64); every band has 10,000 + 20,000 person-years.
    const weights = WHO_STANDARD_BY_AGE_BAND;
    const total = weights["0-17"] + weights["18-39"] + weights["40-64"] + weights["65+"];
    const expected = ((weights["18-39"] / total) * (1 / 30_000) + (weights["40-64"] / total) * (1 / 30_000)) * 100_000;
    expect(fg.ageStandardised).toMatchObject({
      method: "direct_fay_feuer",
      cases: 2,
      unknownAge: 0,
      standard: expect.stringMatching(/WHO World Standard/) as string,
    });
    expect(fg.ageStandardised!.per100kPersonYears).toBeCloseTo(expected, 10);
    const bands = [
      ["0-17", 0],
      ["18-39", 1],
      ["40-64", 1],
      ["65+", 0],
    ] as const;
    const reference = directlyStandardisedRate(
      bands.map(([band, events]) => ({ events, personYears: 30_000, standardWeight: weights[band] })),
    )!;
    expect(fg.ageStandardised).toMatchObject({ lower: reference.lower, upper: reference.upper });
    // Class-level exposure (no age split) gives no standardised rate.
    expect((await both("by=drugClass")).groups[0]!.rate!.ageStandardised).toBeUndefined();
  });

  it("re-importing a source replaces its dataset; other datasets stay", async () => {
    const replaced = CLAIMS.map((line) => line.replace(",100000,", ",300000,"));
    const result = await runImport(file("claims-v2.csv", replaced), { format: "exposure" });
    expect(result).toMatchObject({ imported: 5, updated: 5, deleted: 5 });
    expectRate((await both("by=drugClass")).groups[0], 3, 350_000, 1);
    expect((await findExposureDatasets()).map((d) => d.source).sort()).toEqual(["Claims 2020-21", "Registry DE"]);
  });

  it("refuses overlapping strata naming both lines, and bad values naming line and column; nothing is kept", async () => {
    const before = await getPrisma().exposureDenominator.count();
    const overlap = [HEADER, "2020,DE,inpatient,first_generation,,male,18-39,10,,X", "2020,,inpatient,first_generation,,all,all,5,,X"];
    await expect(runImport(file("overlap.csv", overlap), { format: "exposure" })).rejects.toThrow(/line 3 overlaps line 2/);
    await expect(runImport(file("zero.csv", [HEADER, "2020,,,first_generation,,all,all,0,,Y"]), { format: "exposure" })).rejects.toThrow(
      /line 2, person_years: person_years must be greater than 0/,
    );
    await expect(
      runImport(file("drug.csv", [HEADER, "2020,,,first_generation,olanzapine,all,all,5,,Z"]), { format: "exposure" }),
    ).rejects.toThrow(/line 2, drug: .*second_generation/);
    expect(await getPrisma().exposureDenominator.count()).toBe(before);
    expect((await findExposureDatasets()).map((d) => d.source)).not.toContain("X");
    const failed = await getPrisma().importJob.findFirst({ where: { fileName: "overlap.csv" } });
    expect(failed?.status).toBe("failed");
  });

  it("deleting a dataset removes its strata and rates, audited", async () => {
    await deleteExposureDataset("Registry DE", { name: "admin@test", requestId: "r1" });
    expect((await findExposureDatasets()).map((d) => d.source)).toEqual(["Claims 2020-21"]);
    const answer = await both("by=sex&drugClass=first_generation&country=DE&from=2020-01-01&to=2020-12-31");
    expect(answer.groups[0]).toMatchObject({ rate: null, rateReason: expect.stringMatching(/No exposure for DE/) as string });
    const event = await getPrisma().auditEvent.findFirst({
      where: { entity: "exposure_dataset", entityId: "Registry DE", action: "delete" },
    });
    expect(event).toMatchObject({ actor: "admin@test", before: { strata: 8, personYears: 120_000, synthetic: false } });
  });
});
