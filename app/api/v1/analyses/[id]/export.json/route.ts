// GET /api/v1/analyses/{id}/export.json — a frozen result as the aggregates JSON export, the
// stored answer re-serialised: the original export byte for byte apart from generatedAt.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { exportFileName } from "@/lib/exports/export-options";
import { readFrozenExport } from "@/lib/analyses/read-frozen-export";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const GET = guarded(AGGREGATE_READERS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  const data = await readFrozenExport(request, id, principal, "json");
  return NextResponse.json(data, {
    headers: { "Content-Disposition": `attachment; filename="${exportFileName(data.metadata, "json")}"`, "Cache-Control": "no-store" },
  });
});
