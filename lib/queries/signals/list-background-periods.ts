// Which sources and periods hold background counts (their total rows), with each period's report
// total — the choices the signals page offers and the empty state it falls back to.
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import type { TBackgroundSource } from "./signal-query";

export type TBackgroundPeriod = { source: TBackgroundSource; period: string; totalReports: number; nmsReports: number };

export async function listBackgroundPeriods(): Promise<TBackgroundPeriod[]> {
  const rows = await readPrisma().$queryRaw<
    { source: TBackgroundSource; period: string; total: number | null; drug_reports: number; nms: number }[]
  >(Prisma.sql`
    SELECT source::text AS source, period, total_reports AS total, drug_reports, nms_reports AS nms
    FROM background_count
    WHERE drug_id IS NULL
    ORDER BY source, period`);
  return rows.map((r) => ({
    source: r.source,
    period: r.period,
    totalReports: Number(r.total ?? r.drug_reports),
    nmsReports: Number(r.nms),
  }));
}
