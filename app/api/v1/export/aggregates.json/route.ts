// GET /api/v1/export/aggregates.json — the aggregates query (same parameters as
// /api/v1/aggregates) with metadata for reproduction; small cells suppressed for researchers.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { buildAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { exportFileName, parseExportRequest } from "@/lib/exports/export-options";
import { recordAccess } from "@/lib/audit/record-access";
import { exportSize } from "@/lib/exports/export-size";

export const dynamic = "force-dynamic";

export const GET = guarded(AGGREGATE_READERS, async (request: Request, _context: unknown, principal) => {
  const { query, suppression } = parseExportRequest(new URL(request.url).searchParams, principal.role);
  const data = await buildAggregatesExport(query, suppression, audienceOf(principal.role));
  await recordAccess({ kind: "export", actor: principal.actor, export: "aggregates.json", ...exportSize(data) });
  return NextResponse.json(data, {
    headers: { "Content-Disposition": `attachment; filename="${exportFileName(data.metadata, "json")}"`, "Cache-Control": "no-store" },
  });
});
