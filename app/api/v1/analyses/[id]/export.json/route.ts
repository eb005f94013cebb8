// GET /api/v1/analyses/{id}/export.json — a frozen result as the aggregates JSON export, the
// stored answer re-serialised: the original export byte for byte apart from generatedAt.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
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
  await recordAccess({ kind: "export", actor: principal.actor, export: `analyses/${id}/export.json`, ...exportSize(data) });
  return NextResponse.json(data, {
    headers: { "Content-Disposition": `attachment; filename="${exportFileName(data.metadata, "json")}"`, "Cache-Control": "no-store" },
  });
});
