// GET /api/v1/analyses/{id}/export.csv — a frozen result as the aggregates CSV, written from the
// stored answer: the original export byte for byte apart from generated_at (docs/analyses.md).
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { aggregatesCsv } from "@/lib/exports/aggregates-csv";
import { exportFileName } from "@/lib/exports/export-options";
import { readFrozenExport } from "@/lib/analyses/read-frozen-export";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const GET = guarded(AGGREGATE_READERS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  const data = await readFrozenExport(request, id, principal, "csv");
  return new Response(aggregatesCsv(data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(data.metadata, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
});
