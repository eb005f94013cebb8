// The rest of the database's NMS column for the EBGM prior (docs/signals.md): per drug outside
// the catalogue, its report cases and NMS reports summed over the chosen periods — only drugs with
// at least one NMS report, the pairs the truncated likelihood uses (the others add nothing).
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import type { TBackgroundSource } from "./signal-query";

export type TOtherDrugCounts = { name: string; reports: number; nms: number };

export async function findOtherDrugColumn(source: TBackgroundSource, periods: readonly string[]): Promise<TOtherDrugCounts[]> {
  if (periods.length === 0) return [];
  const rows = await readPrisma().$queryRaw<{ drug_name: string; reports: bigint; nms: bigint }[]>(Prisma.sql`
    SELECT drug_name, sum(drug_reports) AS reports, sum(nms_reports) AS nms
    FROM background_other_drug
    WHERE source = ${source}::"CaseSource" AND period = ANY(${[...periods]}::text[])
    GROUP BY drug_name
    HAVING sum(nms_reports) > 0
    ORDER BY drug_name`);
  return rows.map((r) => ({ name: r.drug_name, reports: Number(r.reports), nms: Number(r.nms) }));
}
