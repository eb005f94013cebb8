// GET /api/v1/reports/safety — the periodic NMS safety report for an onset-date period as PDF
// (format=pdf, the default) or HTML; staff only: it shows exact counts (docs/report.md).
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { makeSafetyReport } from "@/lib/report/make-report";
import { parseReportQuery } from "@/lib/report/report-query";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const query = parseReportQuery(new URL(request.url).searchParams);
  const made = await makeSafetyReport(query, query.format);
  const body = made.pdf ? new Uint8Array(made.pdf) : made.html;
  return new Response(body, {
    headers: {
      "Content-Type": made.pdf ? "application/pdf" : "text/html; charset=utf-8",
      "Content-Disposition": `${made.pdf ? "attachment" : "inline"}; filename="${made.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
