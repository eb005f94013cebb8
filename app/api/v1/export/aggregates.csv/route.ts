// GET /api/v1/export/aggregates.csv — the aggregates export as one CSV table (same parameters
// as /api/v1/aggregates); small cells suppressed for researchers, metadata on every row.
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { aggregatesCsv } from "@/lib/exports/aggregates-csv";
import { buildAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { exportFileName, parseExportRequest } from "@/lib/exports/export-options";
import { recordAccess } from "@/lib/audit/record-access";
import { exportSize } from "@/lib/exports/export-size";

export const dynamic = "force-dynamic";

export const GET = guarded(AGGREGATE_READERS, async (request: Request, _context: unknown, principal) => {
  const { query, suppression } = parseExportRequest(new URL(request.url).searchParams, principal.role);
  const data = await buildAggregatesExport(query, suppression, audienceOf(principal.role));
  await recordAccess({ kind: "export", actor: principal.actor, export: "aggregates.csv", ...exportSize(data) });
  return new Response(aggregatesCsv(data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(data.metadata, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
});
