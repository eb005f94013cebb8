// Stores the disproportionality margins an import brings: reports per catalogue drug over all
// events, its NMS reports, and the database total (the row with no drug), per source and
// period. Re-importing a period replaces its rows, so counts never add up twice.
import type pg from "pg";
import type { TCatalogueIndex } from "@/lib/cases/to-case-rows";
import { resolveDrugName } from "@/lib/domain/drug-index";
import type { TBackgroundRecord } from "../types";

export async function replaceBackgroundCounts(
  client: pg.ClientBase,
  target: { source: string; period: string },
  records: readonly TBackgroundRecord[],
  totals: { totalReports: number; nmsReports: number },
  catalogue: TCatalogueIndex,
): Promise<number> {
  const mapped = records.flatMap((r) => {
    const resolved = resolveDrugName(catalogue, r.drugName);
    const entry = resolved.kind === "matched" ? resolved.entry : r.catalogueName ? catalogue.drugs.get(r.catalogueName) : undefined;
    return entry ? [{ drugId: entry.id, reports: r.reports, nmsReports: r.nmsReports }] : [];
  });
  await client.query('DELETE FROM "background_count" WHERE "source" = $1::"CaseSource" AND "period" = $2', [target.source, target.period]);
  await client.query(
    `INSERT INTO "background_count" ("source", "period", "drug_id", "drug_reports", "nms_reports", "total_reports")
     SELECT $1::"CaseSource", $2, d, r, n, NULL FROM unnest($3::int4[], $4::int4[], $5::int4[]) AS t(d, r, n)
     UNION ALL SELECT $1::"CaseSource", $2, NULL, $6::int4, $7::int4, $6::int4`,
    [target.source, target.period, mapped.map((m) => m.drugId), mapped.map((m) => m.reports), mapped.map((m) => m.nmsReports), totals.totalReports, totals.nmsReports],
  );
  return mapped.length;
}
