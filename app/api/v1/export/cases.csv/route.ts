// GET /api/v1/export/cases.csv — the line listing as canonical CSV (re-importable), with the
// listing's filters (GET /api/v1/cases; page and pageSize are ignored: every match is written).
// Safety officers and administrators only: researchers never receive case rows.
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { openCasesCsv } from "@/lib/exports/cases-csv";
import { ZCaseListQuery } from "@/lib/queries/find-cases";
import { paramsObject } from "@/lib/domain/search-params";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZCaseListQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(await openCasesCsv(parsed.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nms-cases-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
