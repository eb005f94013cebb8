// The background counts of one source over a quarter range, one row per period and drug plus
// the period's total row (drug null) — the margins every 2×2 table and trend is built from.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import type { DrugClass } from "@/lib/domain/vocabulary";
import type { TBackgroundSource } from "./signal-query";

export type TBackgroundRow = {
  period: string;
  /** null on the period's total row. */
  drug: { name: string; displayName: string; drugClass: DrugClass } | null;
  /** Reports naming the drug over all events (the total row: every report). */
  drugReports: number;
  /** NMS reports naming the drug (the total row: every NMS report). */
  nmsReports: number;
  /** The database total; set on the total row only. */
  totalReports: number | null;
};

type TRaw = {
  period: string;
  name: string | null;
  display_name: string | null;
  drug_class: DrugClass | null;
  drug_reports: number;
  nms_reports: number;
  total_reports: number | null;
};

/**
 * With `from`/`to`, only quarter periods ("2017Q2") inside the range: a whole-file period
 * ("all") has no place on the calendar, so it cannot be in or out of a range. Quarter keys
 * compare as text in calendar order. Without a range, every period of the source.
 */
export async function findBackgroundCounts(query: { source: TBackgroundSource; from: string | null; to: string | null }): Promise<TBackgroundRow[]> {
  const ranged = query.from !== null || query.to !== null;
  const rows = await getPrisma().$queryRaw<TRaw[]>(Prisma.sql`
    SELECT b.period, d.name, d.display_name, d.drug_class, b.drug_reports, b.nms_reports, b.total_reports
    FROM background_count b
    LEFT JOIN catalogue_drug d ON d.id = b.drug_id
    WHERE b.source = ${query.source}::"CaseSource"
      AND (${!ranged} OR b.period ~ '^[0-9]{4}Q[1-4]$')
      AND (${query.from}::text IS NULL OR b.period >= ${query.from}::text)
      AND (${query.to}::text IS NULL OR b.period <= ${query.to}::text)
    ORDER BY b.period, d.name NULLS FIRST`);
  return rows.map((r) => ({
    period: r.period,
    drug: r.name === null ? null : { name: r.name, displayName: r.display_name ?? r.name, drugClass: r.drug_class! },
    drugReports: Number(r.drug_reports),
    nmsReports: Number(r.nms_reports),
    totalReports: r.total_reports === null ? null : Number(r.total_reports),
  }));
}
