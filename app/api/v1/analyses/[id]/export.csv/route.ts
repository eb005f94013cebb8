// GET /api/v1/analyses/{id}/export.csv — a frozen result as the aggregates CSV, written from the
// stored answer: the original export byte for byte apart from generated_at (docs/analyses.md).
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { aggregatesCsv } from "@/lib/exports/aggregates-csv";
import { exportFileName } from "@/lib/exports/export-options";
import { exportSize } from "@/lib/exports/export-size";
import { recordAccess } from "@/lib/audit/record-access";
import { ZFrozenExportQuery } from "@/lib/analyses/analysis-schema";
import { frozenExport } from "@/lib/analyses/frozen-export";
import { getFrozenResult } from "@/lib/analyses/get-analysis";
import { paramsObject } from "@/lib/domain/search-params";
import { validationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const GET = guarded(AGGREGATE_READERS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  const parsed = ZFrozenExportQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  const { result } = await getFrozenResult(id, principal);
  const data = frozenExport(result, parsed.data.section);
  await recordAccess({ kind: "export", actor: principal.actor, export: `analyses/${id}/export.csv`, ...exportSize(data) });
  return new Response(aggregatesCsv(data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(data.metadata, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
});
