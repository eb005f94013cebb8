// `cli report --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf [--html report.html]`: the periodic
// NMS safety report for a period, as PDF (printed by Chromium) and the same page as HTML.
import { writeFile } from "node:fs/promises";
import { checkReportPeriod, collectSafetyReport } from "@/lib/report/collect-report";
import { printPdf } from "@/lib/report/print-pdf";
import { renderReportHtml } from "@/lib/report/render-report-html";

export const REPORT_USAGE = "report --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf [--html report.html]   (docs/report.md)";

export async function reportCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const period = checkReportPeriod(typeof values.from === "string" ? values.from : undefined, typeof values.to === "string" ? values.to : undefined);
  const out = typeof values.out === "string" && values.out ? values.out : null;
  if (!out || !/\.pdf$/i.test(out)) throw new Error(`--out must name the PDF to write, e.g. report.pdf\nusage: npm run cli -- ${REPORT_USAGE}`);
  const htmlOut = typeof values.html === "string" && values.html ? values.html : out.replace(/\.pdf$/i, ".html");
  const report = await collectSafetyReport(period);
  const html = renderReportHtml(report);
  const pdf = await printPdf(html, `NMS safety report ${period.from} to ${period.to} · data version ${report.dataVersion.version}`);
  await writeFile(htmlOut, html);
  await writeFile(out, pdf);
  console.log(`Wrote ${out} (${pdf.length} bytes) and ${htmlOut}: ${report.inPeriod.drugClass.total.cases ?? 0} cases in the period, data version ${report.dataVersion.version}.`);
}
