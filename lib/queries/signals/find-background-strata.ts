// The sex and age-band strata of one source's background counts over a quarter range (the
// background_stratum rows: each stratum's total, catalogue drugs, classes) — the margins of the
// sex- and age-stratified 2×2 tables (docs/signals.md, "Strata").
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import type { AgeBand, DrugClass, Sex } from "@/lib/domain/vocabulary";
import type { TBackgroundRow, TPeriodRange } from "./find-background-counts";

export type TStratumRow = TBackgroundRow & { sex: Sex; ageBand: AgeBand };

type TRaw = {
  period: string;
  sex: Sex;
  age_band: AgeBand;
  name: string | null;
  display_name: string | null;
  drug_class: DrugClass | null;
  row_class: DrugClass | null;
  drug_reports: number;
  nms_reports: number;
};

/** The same period selection as findBackgroundCounts (quarters inside from/to, else every period). */
export async function findBackgroundStrata(query: TPeriodRange): Promise<TStratumRow[]> {
  const ranged = query.from !== null || query.to !== null;
  const rows = await readPrisma().$queryRaw<TRaw[]>(Prisma.sql`
    SELECT b.period, b.sex::text AS sex, b.age_band, d.name, d.display_name, d.drug_class, b.drug_class AS row_class, b.drug_reports, b.nms_reports
    FROM background_stratum b
    LEFT JOIN catalogue_drug d ON d.id = b.drug_id
    WHERE b.source = ${query.source}::"CaseSource"
      AND (${!ranged} OR b.period ~ '^[0-9]{4}Q[1-4]$')
      AND (${query.from}::text IS NULL OR b.period >= ${query.from}::text)
      AND (${query.to}::text IS NULL OR b.period <= ${query.to}::text)
    ORDER BY b.period, b.sex, b.age_band, d.name NULLS FIRST, b.drug_class NULLS FIRST`);
  return rows.map((r) => {
    const total = r.name === null && r.row_class === null;
    return {
      period: r.period,
      sex: r.sex,
      ageBand: r.age_band,
      drug: r.name === null ? null : { name: r.name, displayName: r.display_name ?? r.name, drugClass: r.drug_class! },
      drugClass: r.name === null ? r.row_class : null,
      drugReports: Number(r.drug_reports),
      nmsReports: Number(r.nms_reports),
      totalReports: total ? Number(r.drug_reports) : null,
      tally: total ? "cases" : null,
    };
  });
}
