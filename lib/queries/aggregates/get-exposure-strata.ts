// Class-level exposure denominators (person-years per year × class × sex × age band × source),
// the only input incidence may divide by; the table is small, so its strata are planned in JS.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import type { DrugClass, Sex } from "@/lib/domain/vocabulary";

export type TExposureStratum = {
  drugClass: DrugClass;
  year: number;
  sex: Sex;
  ageBand: string;
  source: string;
  personYears: number;
};

/** Strata of the given classes; drug-level rows (drug_id set) are another breakdown and are left out. */
export async function getExposureStrata(classes: readonly DrugClass[]): Promise<TExposureStratum[]> {
  if (classes.length === 0) return [];
  const rows = await getPrisma().$queryRaw<(Omit<TExposureStratum, "personYears"> & { person_years: number })[]>(Prisma.sql`
    SELECT drug_class::text AS "drugClass", year, sex::text AS sex, age_band AS "ageBand", source,
      sum(person_years)::float8 AS person_years
    FROM exposure_denominator
    WHERE drug_id IS NULL AND drug_class::text IN (${Prisma.join([...classes])})
    GROUP BY drug_class, year, sex, age_band, source`);
  return rows.map(({ person_years, ...stratum }) => ({ ...stratum, personYears: Number(person_years) }));
}
