// The exposure datasets loaded (docs/epidemiology.md): source, years, strata, total person-years,
// flags and who loaded them — the list the exposure page shows and GET /api/v1/exposure returns.
import { getPgPool } from "@/lib/db/pg-pool";

export type TExposureDataset = {
  source: string;
  firstYear: number | null;
  lastYear: number | null;
  strata: number;
  personYears: number;
  countries: string[];
  settings: string[];
  synthetic: boolean;
  completeAscertainment: boolean;
  loadedBy: string | null;
  loadedAt: string;
};

type TRow = Omit<TExposureDataset, "loadedAt" | "strata"> & { loadedAt: Date; strata: string };

export async function findExposureDatasets(): Promise<TExposureDataset[]> {
  const { rows } = await getPgPool().query<TRow>(
    `SELECT d.source, min(e.year) AS "firstYear", max(e.year) AS "lastYear", count(e.id) AS strata,
       coalesce(sum(e.person_years), 0)::float8 AS "personYears",
       coalesce(array_agg(DISTINCT e.country ORDER BY e.country) FILTER (WHERE e.id IS NOT NULL), '{}') AS countries,
       coalesce(array_agg(DISTINCT e.setting ORDER BY e.setting) FILTER (WHERE e.id IS NOT NULL), '{}') AS settings,
       d.synthetic, d.complete_ascertainment AS "completeAscertainment", d.loaded_by AS "loadedBy", d.loaded_at AS "loadedAt"
     FROM exposure_dataset d LEFT JOIN exposure_denominator e ON e.source = d.source
     GROUP BY d.source ORDER BY d.loaded_at DESC, d.source`,
  );
  return rows.map((r) => ({ ...r, strata: Number(r.strata), loadedAt: r.loadedAt.toISOString() }));
}
