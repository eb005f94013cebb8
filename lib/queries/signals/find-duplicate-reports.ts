// Confirmed duplicate reports inside one source's background counts: a group with several reports
// from the source was tallied once per report, so every report but one (the master when it is
// from that source) is to be taken out again (subtract-duplicates.ts). Each comes with the period
// its import tallied it in (the import file's quarter), its catalogue drugs and their classes —
// as tallied: attributing roles only, an NMS treatment only when withdrawn (docs/signals.md) —
// and its sex and age band, for the stratified counts.
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import { ageBandOf, type AgeBand, type DrugClass, type Sex } from "@/lib/domain/vocabulary";
import { periodOf } from "@/lib/domain/report-period";
import type { TBackgroundSource } from "./signal-query";

export type TDuplicateReport = { period: string; drugs: string[]; classes: DrugClass[]; sex: Sex; ageBand: AgeBand };

export async function findDuplicateReports(source: TBackgroundSource): Promise<TDuplicateReport[]> {
  const rows = await readPrisma().$queryRaw<
    { file_name: string | null; drugs: string[]; classes: DrugClass[]; sex: Sex; age_years: number | null }[]
  >(Prisma.sql`
    WITH members AS (
      SELECT c.id, COALESCE(c.duplicate_of, c.id) AS grp, c.duplicate_of IS NULL AS is_master, c.import_job_id, c.sex::text AS sex, c.age_years
      FROM case_report c
      WHERE c.deleted_at IS NULL AND c.source = ${source}::"CaseSource"
        AND (c.duplicate_of IS NOT NULL OR EXISTS (
          SELECT 1 FROM case_report s WHERE s.duplicate_of = c.id AND s.deleted_at IS NULL AND s.source = c.source))
    ), ranked AS (
      SELECT m.*, row_number() OVER (PARTITION BY m.grp ORDER BY m.is_master DESC, m.id) AS rn FROM members m
    ), tallied AS (
      SELECT d.case_id, cd.name, cd.drug_class::text AS drug_class
      FROM case_drug d JOIN catalogue_drug cd ON cd.id = d.catalogue_drug_id
      WHERE d.role IN ('suspect', 'interacting', 'withdrawn') AND (NOT cd.treats_nms OR d.role = 'withdrawn')
    )
    SELECT j.file_name, r.sex, r.age_years,
      ARRAY(SELECT DISTINCT t.name FROM tallied t WHERE t.case_id = r.id ORDER BY t.name) AS drugs,
      ARRAY(SELECT DISTINCT t.drug_class FROM tallied t WHERE t.case_id = r.id ORDER BY t.drug_class) AS classes
    FROM ranked r LEFT JOIN import_job j ON j.id = r.import_job_id
    WHERE r.rn > 1`);
  return rows.map((r) => ({
    period: periodOf(r.file_name ?? ""),
    drugs: r.drugs,
    classes: r.classes,
    sex: r.sex,
    ageBand: ageBandOf(r.age_years === null ? null : Number(r.age_years)),
  }));
}
