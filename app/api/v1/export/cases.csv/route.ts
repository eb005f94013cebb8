// GET /api/v1/export/cases.csv — the line listing as canonical CSV (re-importable), with the
// listing's filters (GET /api/v1/cases; page and pageSize are ignored: every match is written).
// Safety officers and administrators only: researchers never receive case rows.
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { openCasesCsv } from "@/lib/exports/cases-csv";
import { ZCaseListQuery, findCases } from "@/lib/queries/find-cases";
import { recordAccess } from "@/lib/audit/record-access";
import { CSV_COLUMNS } from "@/lib/imports/csv/columns";
import { paramsObject } from "@/lib/domain/search-params";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request, _context: unknown, principal) => {
  const url = new URL(request.url);
  const parsed = ZCaseListQuery.safeParse(paramsObject(url.searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  // Who exported which cases, and how many (the listing's count of the same filters).
  const rows = (await findCases({ ...parsed.data, page: 1, pageSize: 1 })).total;
  await recordAccess({
    kind: "export",
    actor: principal.actor,
    export: "cases.csv",
    query: url.search.replace(/^\?/, ""),
    rows,
    cells: rows * CSV_COLUMNS.length,
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(await openCasesCsv(parsed.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="nms-cases-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
