// The periodic NMS safety report as one self-contained HTML page (inline CSS, charts as inline
// SVG, so they print as vector graphics), the same layout every period. Pure: report data in,
// HTML out; figures are formatted by lib/format.ts as on the app's pages.
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import { baselineFigure } from "@/lib/dashboard/references";
import {
  MISSING,
  formatComparison,
  formatCount,
  formatDateTime,
  formatEstimate,
  formatPercent,
  formatPeriod,
  formatRange,
  formatRate,
} from "@/lib/format";
import type { TAggregateGroup, TAggregatesResponse, TComparison } from "@/lib/queries/aggregates/types";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { TOPIC_STATUS_LABELS, type TTopicStatus } from "@/lib/signals/topics/topic-schema";
import { REPORT_DIMENSIONS, type TSafetyReport } from "./collect-report";
import { intervalChartSvg } from "./interval-chart";

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const interval = (i: { lower: number | null; upper: number | null }) =>
  i.lower === null || i.upper === null ? MISSING : `${i.lower.toFixed(2)}–${i.upper.toFixed(2)}`;
const num = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value) ? MISSING : value.toFixed(digits);

/** Horizontal bars of case counts, one per category, with the count at the bar's end (vector SVG). */
export function barChartSvg(title: string, bars: { label: string; value: number }[]): string {
  const rowHeight = 18;
  const labelWidth = 190;
  const barWidth = 380;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.round((b.value / max) * barWidth);
    return (
      `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${esc(b.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${rowHeight - 6}" fill="#2f6f9f"/>` +
      `<text x="${labelWidth + w + 4}" y="${y + 12}">${formatCount(b.value)}</text>`
    );
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" font-size="11" font-family="sans-serif">${rows.join("")}</svg>`;
}

function dimensionSection(
  title: string,
  period: TAggregatesResponse,
  cumulative: TAggregatesResponse,
  query: { period: string; cumulative: string },
): string {
  const cumulativeOf = new Map(cumulative.groups.map((g) => [g.key, g]));
  const row = (g: TAggregateGroup) => {
    const c = cumulativeOf.get(g.key);
    return `<tr><th scope="row">${esc(g.label)}</th><td class="n">${formatCount(g.cases)}</td><td class="n">${formatPercent(g.share?.estimate)}</td><td class="ci">${formatRange(g.share)}</td><td class="n">${formatCount(g.fatal)} / ${formatCount(g.knownOutcome)}</td><td class="n">${formatPercent(g.caseFatality?.estimate)}</td><td class="ci">${formatRange(g.caseFatality)}</td><td class="n">${formatCount(c?.cases)}</td><td class="n">${formatPercent(c?.caseFatality?.estimate)}</td><td class="ci">${formatRange(c?.caseFatality)}</td></tr>`;
  };
  return `<section><h2>${esc(title)}</h2>
${barChartSvg(
  `${title}, this period`,
  period.groups.map((g) => ({ label: g.label, value: g.cases ?? 0 })),
)}
${intervalChartSvg(
  `${title}: share and case fatality with 95% intervals`,
  period.groups.map((g) => ({
    label: g.label,
    share: g.share,
    fatality: g.caseFatality,
    cumulativeFatality: cumulativeOf.get(g.key)?.caseFatality ?? null,
  })),
)}
<table><thead><tr><th rowspan="2">Category</th><th colspan="6">This period</th><th colspan="3">Cumulative</th></tr>
<tr><th>Cases</th><th>Share</th><th>95% CI</th><th>Fatal / known</th><th>Case fatality</th><th>95% CI</th><th>Cases</th><th>Case fatality</th><th>95% CI</th></tr></thead>
<tbody>${period.groups.map(row).join("\n")}</tbody></table>
<p class="query">API: /api/v1/aggregates?${esc(query.period)} · cumulative: ?${esc(query.cumulative)}</p></section>`;
}

function ratesSection(answer: TAggregatesResponse): string {
  const rated = answer.groups.filter((g) => g.rate);
  const kinds = new Set(rated.map((g) => g.rate!.kind));
  const kindLabel =
    kinds.size === 1 && kinds.has("incidence") ? "Incidence" : kinds.size > 1 ? "Reporting rate or incidence" : "Reporting rate";
  if (!rated.length) {
    const reasons = [...new Set(answer.groups.flatMap((g) => (g.rateReason ? [g.rateReason] : [])))];
    return `<section><h2>Rates</h2><p>No rate for this period: no exposure dataset covers it. ${esc(reasons.join("; "))}</p></section>`;
  }
  const rows = rated.map((g) => {
    const r = g.rate!;
    const sources = r.exposureSources.map((s) => `${s.source}${s.synthetic ? " (synthetic)" : ""}`).join("; ");
    return `<tr><th scope="row">${esc(g.label)}</th><td>${r.kind === "incidence" ? "Incidence" : "Reporting rate"}</td><td class="n">${formatRate(r.per100kPersonYears)}</td><td class="ci">${formatRange(r, "rate")}</td><td class="n">${formatCount(r.cases)}</td><td class="n">${formatCount(Math.round(r.personYears))}</td><td class="n">${formatCount(r.undated)}</td><td>${esc(sources)}</td></tr>`;
  });
  return `<section><h2>${kindLabel} per 100,000 person-years by drug class</h2><p>${esc(REPORTING_RATE_SENTENCE)}</p>
<table><thead><tr><th>Class</th><th>Kind</th><th>Per 100,000 person-years</th><th>95% CI</th><th>Cases</th><th>Person-years</th><th>Undated</th><th>Exposure source</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></section>`;
}

function baselinesSection(report: TSafetyReport): string {
  const stored = new Map(report.baselines.map((b) => [b.key, b]));
  const cumulative = new Map(report.cumulative.drugClass.total.comparisons.map((c) => [c.baseline, c]));
  const verdict = (c: TComparison | undefined) => (c ? esc(formatComparison(c)) : MISSING);
  const rows = report.inPeriod.drugClass.total.comparisons.map((c) => {
    const b = stored.get(c.baseline);
    const figure = b ? `${baselineFigure(b)} <small>${esc(b.population)}</small>` : esc(c.statement);
    return `<tr><td>${esc(c.metric.replace(/_/g, " "))}</td><td>${figure}</td><td>${verdict(c)}${c.reason ? `<br><small>${esc(c.reason)}</small>` : ""}</td><td>${verdict(cumulative.get(c.baseline))}</td><td class="cite">${esc(c.citation)}</td></tr>`;
  });
  return `<section><h2>Comparison with published baselines</h2>
<p>All cases against each published figure. A figure is tested (exact binomial or Poisson test) only where measure, population and period match; otherwise it is shown as context, “not comparable”, with the reason.</p>
${rows.length ? `<table><thead><tr><th>Measure</th><th>Published figure</th><th>This period</th><th>Cumulative</th><th>Citation</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>` : "<p>No baseline applies to these figures.</p>"}</section>`;
}

function signalTable(title: string, report: TSignalReport): string {
  const rows = [
    ...report.classes,
    ...report.drugs
      .filter((d) => d.a > 0)
      .sort((x, y) => y.a - x.a)
      .slice(0, 25),
  ];
  const body = rows.map((r) => {
    const flag = r.flags.any ? "signal" : "—";
    return `<tr><th scope="row">${esc(r.label)}${r.kind === "class" ? " (class)" : ""}</th><td class="n">${formatCount(r.a)}</td><td class="n">${formatCount(r.drugReports)}</td><td class="n">${num(r.prr.estimate)}</td><td class="ci">${interval(r.prr)}</td><td class="n">${num(r.ror.estimate)}</td><td class="ci">${interval(r.ror)}</td><td class="n">${num(r.ic.lower)}</td><td class="n">${num(r.ebgm.estimate)}</td><td class="n">${num(r.ebgm.lower)}</td><td>${flag}</td></tr>`;
  });
  const periods = report.periods.used.length ? report.periods.used.join(", ") : "none";
  return `<h3>${esc(title)}</h3><p>Background: ${esc(report.query.source.toUpperCase())} periods ${esc(periods)}; ${formatCount(report.totals.reports)} reports, ${formatCount(report.totals.nmsReports)} with NMS.</p>
${rows.length ? `<table><thead><tr><th>Drug or class</th><th>NMS reports (a)</th><th>All reports</th><th>PRR</th><th>95% CI</th><th>ROR</th><th>95% CI</th><th>IC025</th><th>EBGM</th><th>EB05</th><th>Flag</th></tr></thead><tbody>${body.join("\n")}</tbody></table>` : ""}
${report.notes.map((n) => `<p class="note">${esc(n.message)}</p>`).join("\n")}`;
}

function reviewSection(review: TSafetyReport["review"], period: { from: string; to: string }): string {
  const status = (value: string) => esc(TOPIC_STATUS_LABELS[value as TTopicStatus] ?? value.replace(/_/g, " "));
  const topics = review.topics.map(
    (t) =>
      `<tr><th scope="row">${esc(t.title)}</th><td>${esc(t.subjectKind)}: ${esc(t.subjectKey)}</td><td>${status(t.status)}</td><td>${esc(t.assignee ?? MISSING)}</td><td>${esc(t.dueDate ?? MISSING)}${t.overdue ? " (overdue)" : ""}</td><td class="n">${formatCount(t.cases)}</td><td>${esc(t.updatedAt.slice(0, 10))}</td></tr>`,
  );
  const alerts = review.alerts.map(
    (a) =>
      `<tr><td>${esc(a.createdAt.slice(0, 10))}</td><td>${esc(a.subjectKind)}: ${esc(a.subjectKey)}</td><td>${esc(a.rule.replace(/_/g, " "))}</td><td>${esc(a.message)}</td><td>${esc(a.status)}</td></tr>`,
  );
  return `<section><h2>Signals under review</h2>
<p>Signal topics and alerts still open when this report was made, or opened or changed from ${esc(period.from)} to ${esc(period.to)}.</p>
<h3>Signal topics</h3>
${topics.length ? `<table><thead><tr><th>Topic</th><th>Subject</th><th>Status</th><th>Assignee</th><th>Due</th><th>Linked cases</th><th>Last change</th></tr></thead><tbody>${topics.join("\n")}</tbody></table>` : "<p>No signal topic is open or changed in the period.</p>"}
<h3>Alerts</h3>
${alerts.length ? `<table><thead><tr><th>Raised</th><th>Subject</th><th>Rule</th><th>What changed</th><th>Status</th></tr></thead><tbody>${alerts.join("\n")}</tbody></table>` : "<p>No alert is open or raised in the period.</p>"}</section>`;
}

const METHODS = [
  "Cases are NMS case reports stored in the database, counted once even when several reports describe the same patient (confirmed duplicates count once). A case belongs to the classes of its suspect, interacting and withdrawn drugs, so class shares may add up to more than 100%.",
  "The period is the onset date of the reaction; cumulative figures count every case with onset up to the end of the period. Unknown sex, age and outcome are categories of their own.",
  "Case fatality is fatal cases divided by cases with a known outcome, with a Wilson 95% interval; a share is a category's cases divided by all cases.",
  "Seriousness follows the ICH E2A criteria: a case is serious when any criterion is met (death, life-threatening, hospitalisation, disability, congenital anomaly, other medically important condition), not serious when criteria are stated and none is met, and unknown when none is stated.",
  "Rates divide cases with onset in a year the exposure data cover by the person-years on the drugs, with exact Poisson intervals. From spontaneous reports they are reporting rates, not incidences.",
  "Comparisons with published figures use an exact binomial test for proportions and an exact Poisson test for rates, and only where the measure, population and period match.",
  "Disproportionality compares how often NMS is reported with a drug against all other drugs in the background counts of the quarterly files: PRR with Yates χ² (signal: PRR ≥ 2, χ² ≥ 4, at least 3 reports), ROR (signal: lower 95% bound above 1), the information component (signal: IC025 above 0) and the empirical Bayes geometric mean (signal: EB05 ≥ 2). A signal is a reason to look closer, not evidence that a drug causes NMS.",
];

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; } h3 { font-size: 11pt; margin: 10pt 0 3pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; } thead { display: table-header-group; } tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; } td { font-variant-numeric: tabular-nums; }
table { font-size: 8.5pt; } td.n { text-align: right; white-space: nowrap; } td.ci { white-space: nowrap; color: #333; }
thead th { background: #e8eef4; } .query, .note, small { color: #555; font-size: 8pt; } .cite { font-size: 8pt; }
.chart { max-width: 170mm; display: block; margin: 2pt 0; break-inside: avoid; } .facts td, .facts th { border: none; padding: 1pt 6pt 1pt 0; }
`;

export function renderReportHtml(report: TSafetyReport): string {
  const total = report.inPeriod.drugClass.total;
  const cumulativeTotal = report.cumulative.drugClass.total;
  const title = `Neuroleptic malignant syndrome — periodic safety report, ${formatPeriod(report.period.from, report.period.to)}`;
  const dimensions = REPORT_DIMENSIONS.map(({ by, title: t }) =>
    dimensionSection(t, report.inPeriod[by], report.cumulative[by], report.queries[by]),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1>
<table class="facts"><tbody>
<tr><th>Period (onset dates)</th><td>${esc(report.period.from)} to ${esc(report.period.to)}</td></tr>
<tr><th>Cases in the period</th><td>${formatCount(total.cases)}; fatal ${formatCount(total.fatal)} of ${formatCount(total.knownOutcome)} with known outcome; case fatality ${formatEstimate(total.caseFatality)}</td></tr>
<tr><th>Cumulative cases</th><td>${formatCount(cumulativeTotal.cases)}; case fatality ${formatEstimate(cumulativeTotal.caseFatality)}</td></tr>
<tr><th>Generated</th><td>${esc(formatDateTime(report.generatedAt))} by NMS Watch ${esc(report.appVersion)}</td></tr>
<tr><th>Data version</th><td>${esc(report.dataVersion.version)} (${formatCount(report.dataVersion.liveCases)} live cases; last change ${esc(formatDateTime(report.dataVersion.lastCaseChange))})</td></tr>
</tbody></table>
${dimensions.join("\n")}
${ratesSection(report.inPeriod.drugClass)}
${baselinesSection(report)}
<section><h2>Disproportionality</h2>
${signalTable(`This period (${report.signals.quarters.from}–${report.signals.quarters.to})`, report.signals.period)}
${signalTable(`Cumulative (to ${report.signals.quarters.to})`, report.signals.cumulative)}</section>
${reviewSection(report.review, report.period)}
<section><h2>Methods</h2>${METHODS.map((m) => `<p>${esc(m)}</p>`).join("\n")}</section>
</body></html>`;
}
