// Class-level exposure denominators (person-years per year × class × sex × age band × country ×
// source) with their dataset's flags, the only input a rate may divide by; small, so planned in JS.
import { readPool } from "@/lib/db/replicas";
import type { DrugClass } from "@/lib/domain/vocabulary";

export type TExposureStratum = {
  drugClass: DrugClass;
  year: number;
  /** male | female | all. */
  sex: string;
  /** An age-band key or all. */
  ageBand: string;
  /** ISO alpha-2, or "" for all countries. */
  country: string;
  source: string;
  personYears: number;
};

/** What a rate says about the dataset it divides by. */
export type TExposureDatasetFlags = { source: string; synthetic: boolean; completeAscertainment: boolean; settings: string[] };

/**
 * Strata of the given classes (settings of one source are added: they are disjoint populations);
 * drug-level rows (drug_id set) are another breakdown and are left out. Read through pg, not
 * Prisma: on every rate answer, and a thousand rows cost Prisma's row mapping ~9 ms against ~2 ms.
 */
export async function getExposureStrata(
  classes: readonly DrugClass[],
): Promise<{ strata: TExposureStratum[]; datasets: TExposureDatasetFlags[] }> {
  if (classes.length === 0) return { strata: [], datasets: [] };
  const pool = readPool();
  const [strata, datasets] = await Promise.all([
    pool.query<TExposureStratum>(
      `SELECT drug_class::text AS "drugClass", year, sex::text AS sex, age_band AS "ageBand", country, source,
         sum(person_years)::float8 AS "personYears"
       FROM exposure_denominator
       WHERE drug_id IS NULL AND drug_class::text = ANY($1::text[])
       GROUP BY drug_class, year, sex, age_band, country, source`,
      [classes],
    ),
    pool.query<TExposureDatasetFlags>(
      `SELECT d.source, d.synthetic, d.complete_ascertainment AS "completeAscertainment",
         coalesce(array_agg(DISTINCT e.setting ORDER BY e.setting) FILTER (WHERE e.setting IS NOT NULL), '{}') AS settings
       FROM exposure_dataset d LEFT JOIN exposure_denominator e ON e.source = d.source
       GROUP BY d.source, d.synthetic, d.complete_ascertainment`,
    ),
  ]);
  return { strata: strata.rows, datasets: datasets.rows };
}
