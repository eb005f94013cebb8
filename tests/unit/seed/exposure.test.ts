// Demo exposure denominators: complete, deterministic, and coherent with the demo cases — the
// incidence they give the seeded cases is in the literature range, typicals above atypicals.
import { describe, expect, it } from "vitest";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { ATTRIBUTING_ROLES, DRUG_CLASSES, type DrugClass } from "@/lib/domain/vocabulary";
import { ONSET_YEARS, TARGET_INCIDENCE_PER_100K, incidenceTrend, onsetYearWeight } from "@/seed/distributions";
import { EXPOSURE_SOURCE, attributedClassShare, generateCases, generateExposure } from "@/seed/index";

const CLASS_OF = new Map(DRUG_CATALOGUE.map((drug) => [drug.name, drug.drugClass]));

describe("generateExposure", () => {
  it("has one row per year × class × known sex × known age band, deterministic per seed", () => {
    const rows = generateExposure({ seed: 5 });
    expect(rows).toHaveLength(31 * 5 * 2 * 4);
    expect(new Set(rows.map((r) => `${r.year}|${r.drugClass}|${r.sex}|${r.ageBand}`)).size).toBe(rows.length);
    expect(rows.every((r) => r.source === EXPOSURE_SOURCE && r.personYears >= 1 && r.persons !== null && r.persons >= 1)).toBe(true);
    expect(rows.some((r) => (r.sex as string) === "unknown" || (r.ageBand as string) === "unknown")).toBe(false);
    expect(generateExposure({ seed: 5 })).toEqual(rows);
    expect(generateExposure({ seed: 6 })).not.toEqual(rows);
    expect(() => generateExposure({ caseCount: 0 })).toThrow(RangeError);
  });

  it("fits the database at 10,000,000 cases: a count of persons past the integer column is left out, person-years kept", () => {
    const rows = generateExposure({ seed: 5, caseCount: 10_000_000 });
    expect(rows.every((r) => r.persons === null || (Number.isInteger(r.persons) && r.persons >= 1 && r.persons < 2 ** 31))).toBe(true);
    expect(rows.some((r) => r.persons === null)).toBe(true);
    expect(rows.every((r) => r.personYears >= 1)).toBe(true);
  });

  it("gives the seeded cases an incidence of 1–20 per 100,000 person-years, first-generation highest", () => {
    const count = 20_000;
    const cases = new Map<DrugClass, number>(DRUG_CLASSES.map((k) => [k, 0]));
    for (const c of generateCases({ count })) {
      const classes = new Set(c.drugs.filter((d) => ATTRIBUTING_ROLES.includes(d.role)).map((d) => CLASS_OF.get(d.name)));
      for (const k of classes) if (k) cases.set(k, (cases.get(k) ?? 0) + 1);
    }
    const personYears = new Map<DrugClass, number>();
    for (const row of generateExposure({ caseCount: count })) {
      personYears.set(row.drugClass, (personYears.get(row.drugClass) ?? 0) + row.personYears);
    }
    const weightSum = ONSET_YEARS.reduce((s, y) => s + onsetYearWeight(y), 0);
    const harmonic = weightSum / ONSET_YEARS.reduce((s, y) => s + onsetYearWeight(y) / incidenceTrend(y), 0);
    const incidence = Object.fromEntries(
      DRUG_CLASSES.map((k) => [k, ((cases.get(k) ?? 0) / (personYears.get(k) ?? Infinity)) * 100_000]),
    ) as Record<DrugClass, number>;
    console.log("demo incidence per 100,000 person-years", incidence);
    for (const k of DRUG_CLASSES) {
      expect(incidence[k]).toBeGreaterThan(1);
      expect(incidence[k]).toBeLessThan(20);
      // Coherence of the two factories: within 10% of the rate the constants aim for.
      expect(incidence[k] / (TARGET_INCIDENCE_PER_100K[k] * harmonic)).toBeGreaterThan(0.9);
      expect(incidence[k] / (TARGET_INCIDENCE_PER_100K[k] * harmonic)).toBeLessThan(1.1);
      expect((cases.get(k) ?? 0) / count).toBeCloseTo(attributedClassShare(k), 1);
    }
    expect(incidence.first_generation).toBeGreaterThan(2 * incidence.second_generation);
  });

  it("scales person-years with the case count, so the rate does not depend on it", () => {
    const small = generateExposure({ caseCount: 1_000 }).reduce((s, r) => s + r.personYears, 0);
    const large = generateExposure({ caseCount: 100_000 }).reduce((s, r) => s + r.personYears, 0);
    expect(large / small).toBeGreaterThan(99);
    expect(large / small).toBeLessThan(101);
  });
});
