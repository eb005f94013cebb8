// The background counts of one source over a quarter range, one row per period and drug, per
// period and drug class (case-level: a case once per class), plus the period's total row — the
// margins every 2×2 table and trend is built from.
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import type { DrugClass } from "@/lib/domain/vocabulary";
import type { TBackgroundSource } from "./signal-query";

export type TBackgroundRow = {
  period: string;
  /** Set on a drug's row; null on class and total rows. */
  drug: { name: string; displayName: string; drugClass: DrugClass } | null;
  /** Set on a class's row (case-level counts); null on drug and total rows. */
  drugClass: DrugClass | null;
  /** Report cases naming the drug (class) over all events (the total row: every case). */
  drugReports: number;
  /** NMS reports naming the drug (class) (the total row: every NMS report). */
  nmsReports: number;
  /** The database total; set on the total row only. */
  totalReports: number | null;
  /** The total row's tally ("cases"; null = an older import's per-version, every-role counts). */
  tally: string | null;
};

type TRaw = {
  period: string;
  name: string | null;
  display_name: string | null;
  drug_class: DrugClass | null;
  row_class: DrugClass | null;
  drug_reports: number;
  nms_reports: number;
  total_reports: number | null;
  tally: string | null;
};

export type TPeriodRange = { source: TBackgroundSource; from: string | null; to: string | null };

/**
 * With `from`/`to`, only quarter periods ("2017Q2") inside the range: a whole-file period
 * ("all") has no place on the calendar, so it cannot be in or out of a range. Quarter keys
 * compare as text in calendar order. Without a range, every period of the source.
 */
export async function findBackgroundCounts(query: TPeriodRange): Promise<TBackgroundRow[]> {
  const ranged = query.from !== null || query.to !== null;
  const rows = await readPrisma().$queryRaw<TRaw[]>(Prisma.sql`
    SELECT b.period, d.name, d.display_name, d.drug_class, b.drug_class AS row_class, b.drug_reports, b.nms_reports, b.total_reports, b.tally
    FROM background_count b
    LEFT JOIN catalogue_drug d ON d.id = b.drug_id
    WHERE b.source = ${query.source}::"CaseSource"
      AND (${!ranged} OR b.period ~ '^[0-9]{4}Q[1-4]$')
      AND (${query.from}::text IS NULL OR b.period >= ${query.from}::text)
      AND (${query.to}::text IS NULL OR b.period <= ${query.to}::text)
    ORDER BY b.period, d.name NULLS FIRST, b.drug_class NULLS FIRST`);
  return rows.map((r) => ({
    period: r.period,
    drug: r.name === null ? null : { name: r.name, displayName: r.display_name ?? r.name, drugClass: r.drug_class! },
    drugClass: r.name === null ? r.row_class : null,
    drugReports: Number(r.drug_reports),
    nmsReports: Number(r.nms_reports),
    totalReports: r.total_reports === null ? null : Number(r.total_reports),
    tally: r.tally,
  }));
}
