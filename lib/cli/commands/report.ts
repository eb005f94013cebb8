// `cli report --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf [--html report.html]`: the periodic
// NMS safety report for a period, as PDF (printed by Chromium) and the same page as HTML.
import { writeFile } from "node:fs/promises";
import { makeSafetyReport } from "@/lib/report/make-report";
import { checkReportPeriod } from "@/lib/report/report-query";

export const REPORT_USAGE = "report --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf [--html report.html]   (docs/report.md)";

export async function reportCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const period = checkReportPeriod(
    typeof values.from === "string" ? values.from : undefined,
    typeof values.to === "string" ? values.to : undefined,
  );
  const out = typeof values.out === "string" && values.out ? values.out : null;
  if (!out || !/\.pdf$/i.test(out))
    throw new Error(`--out must name the PDF to write, e.g. report.pdf\nusage: npm run cli -- ${REPORT_USAGE}`);
  const htmlOut = typeof values.html === "string" && values.html ? values.html : out.replace(/\.pdf$/i, ".html");
  const made = await makeSafetyReport(period, "pdf");
  await writeFile(htmlOut, made.html);
  await writeFile(out, made.pdf!);
  console.log(
    `Wrote ${out} (${made.pdf!.length} bytes) and ${htmlOut}: ${made.report.inPeriod.drugClass.total.cases ?? 0} cases in the period, data version ${made.report.dataVersion.version}.`,
  );
}
