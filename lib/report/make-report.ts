// One safety report from query to bytes, shared by the CLI and the API route: gather the figures,
// render the page, and (for PDF) print it with Chromium.
import { collectSafetyReport, type TSafetyReport } from "./collect-report";
import { printPdf } from "./print-pdf";
import { renderReportHtml } from "./render-report-html";

export type TMadeReport = { report: TSafetyReport; html: string; pdf: Buffer | null; fileName: string };

export async function makeSafetyReport(period: { from: string; to: string }, format: "pdf" | "html"): Promise<TMadeReport> {
  const report = await collectSafetyReport(period);
  const html = renderReportHtml(report);
  const pdf =
    format === "pdf"
      ? await printPdf(html, `NMS safety report ${period.from} to ${period.to} · data version ${report.dataVersion.version}`)
      : null;
  return { report, html, pdf, fileName: `nms-safety-report-${period.from}-to-${period.to}.${format}` };
}
