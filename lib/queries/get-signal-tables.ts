// Disproportionality signals for NMS from the stored background counts: a 2×2 table
// per drug and per class summed over the chosen periods, scored, flagged, with a cumulative trend.
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASS_LABELS, type DrugClass } from "@/lib/domain/vocabulary";
import {
  CLASS_DOUBLE_COUNT_NOTE,
  classTables,
  drugTables,
  groupByPeriod,
  sumPeriods,
  tableOf,
  type TSum,
  type TSubject,
  type TSubjectTable,
} from "./signals/build-tables";
import { buildTrend, type TTrend } from "./signals/build-trend";
import { findBackgroundCounts } from "./signals/find-background-counts";
import { findDuplicateReports } from "./signals/find-duplicate-reports";
import { listBackgroundPeriods } from "./signals/list-background-periods";
import { subtractDuplicates } from "./signals/subtract-duplicates";
import { findOtherDrugColumn } from "./signals/find-other-drug-column";
import { fitPriorOverColumn, scoreTable, type TPriorFit, type TSignalRow } from "./signals/score-tables";
import { strataOf, stratify, type TStratified } from "./signals/stratify";
import { findBackgroundStrata } from "./signals/find-background-strata";
import type { TPeriodCounts } from "./signals/build-tables";
import type { TBackgroundSource, TSignalFocus, TSignalQuery } from "./signals/signal-query";
import { STAFF, type TAudience } from "./aggregates/audience";
import { perturbedSum, withholdSmallRows } from "./signals/protect-signals";
import { MAX_NOISE } from "@/lib/stats/cell-key";
import { createHash } from "node:crypto";
import { casesUrlOf } from "./find-alerts";

export type TSignalNote = { code: string; message: string };

export type TSignalReport = {
  query: {
    source: TBackgroundSource;
    from: string | null;
    to: string | null;
    drug: string | null;
    drugClass: string | null;
    thresholds: TSignalQuery["thresholds"];
    strata: TSignalQuery["strata"];
  };
  periods: { used: string[]; available: { source: TBackgroundSource; periods: string[] }[] };
  totals: { reports: number; nmsReports: number };
  ebgmPrior: TPriorFit;
  drugs: TStratifiedRow[];
  classes: TStratifiedRow[];
  trend: TTrend | null;
  notes: TSignalNote[];
  /** A fingerprint of the counts behind the answer: the same query and version give the same numbers. */
  dataVersion: string;
};

/**
 * A row with its stratified (Mantel–Haenszel) estimates over the query's strata (staff, two strata
 * or more; else null) and the case list behind its a (staff only: researchers never reach cases).
 */
export type TStratifiedRow = TSignalRow & { stratified: TStratified | null; casesUrl: string | null };

export const IMPORT_HINT =
  "FAERS quarterly, openFDA and E2B imports bring background counts: npm run cli -- import <FAERS quarter folder or ZIP>";
const CLASS_EBGM_REASON = "The EBGM prior is fitted over single drugs; a class is not one of the pairs it describes, so it has no EBGM.";
const LEGACY_TALLY_NOTE =
  "Some periods were imported before background counts were kept per case (latest version) with attributing roles only: their counts include report versions and concomitant drugs. Re-import those periods.";

/**
 * `query.focus` narrows the lists as the API's `drug=`/`drugClass=` do, and picks the trend.
 * The page keeps every row and asks for a trend itself (`trend`); "most-reported" = the drug
 * with the largest a. The EBGM prior is always fitted over the whole NMS column (every drug of the
 * file, catalogue or not), whatever is shown.
 */
export async function getSignalTables(
  query: TSignalQuery,
  options: { trend?: TSignalFocus | "most-reported"; audience?: TAudience } = {},
): Promise<TSignalReport> {
  const audience = options.audience ?? STAFF;
  const [counted, available, duplicates] = await Promise.all([
    findBackgroundCounts(query),
    listBackgroundPeriods(),
    findDuplicateReports(query.source),
  ]);
  // A confirmed duplicate report counts once here too.
  const rows = subtractDuplicates(counted, duplicates);
  const { periods, dropped } = groupByPeriod(rows);
  // A researcher's counts pass the disclosure rule before anything is scored (protect-signals.ts).
  const sum = audience.kind === "researcher" ? perturbedSum(periods, query.source) : sumPeriods(periods.values());
  const notes: TSignalNote[] = [];
  const report: TSignalReport = {
    query: {
      source: query.source,
      from: query.from,
      to: query.to,
      drug: query.focus?.kind === "drug" ? query.focus.key : null,
      drugClass: query.focus?.kind === "class" ? query.focus.key : null,
      thresholds: query.thresholds,
      strata: query.strata,
    },
    periods: { used: [...periods.keys()], available: groupAvailable(available) },
    totals: { reports: sum.reports, nmsReports: sum.nms },
    ebgmPrior: { fitted: false, pairs: 0, reason: "No background counts in these periods." },
    drugs: [],
    classes: [],
    trend: null,
    notes,
    dataVersion: "",
  };
  if (dropped.length)
    notes.push({ code: "periods_without_total", message: `Periods ${dropped.join(", ")} have no total row and were left out.` });
  if (periods.size === 0) {
    const range = query.from || query.to ? ` in ${query.from ?? "…"}–${query.to ?? "…"}` : "";
    notes.push({ code: "no_background_counts", message: `No background counts for ${query.source}${range}. ${IMPORT_HINT}` });
    return report;
  }
  if (
    !query.from &&
    !query.to &&
    report.periods.used.some((p) => !/Q[1-4]$/.test(p)) &&
    report.periods.used.some((p) => /Q[1-4]$/.test(p))
  ) {
    notes.push({
      code: "mixed_periods",
      message: "Quarterly and whole-file periods are summed together; if they hold the same reports, choose from/to to use quarters only.",
    });
  }

  const legacy = [...periods.values()].some((p) => p.tally !== "cases");
  if (legacy) notes.push({ code: "legacy_tally", message: LEGACY_TALLY_NOTE });
  const drugs = drugTables(sum);
  const others = legacy ? [] : await findOtherDrugColumn(query.source, [...periods.keys()]);
  const prior = fitPriorOverColumn(drugs, others, sum, !legacy);
  report.ebgmPrior = prior;
  if (!prior.fitted) notes.push({ code: "ebgm_not_fitted", message: prior.reason });
  else {
    if (prior.notWellPosed) notes.push({ code: "ebgm_not_well_posed", message: prior.notWellPosed });
    if (prior.warning) notes.push({ code: "ebgm_prior_warning", message: prior.warning });
  }
  const scoring = {
    thresholds: query.thresholds,
    prior: prior.fitted ? prior.prior : null,
    ebgmUnavailable: prior.fitted ? null : prior.reason,
    ebgmNoFlag: prior.fitted ? prior.notWellPosed : null,
  };
  const staff = audience.kind !== "researcher";
  const strata = staff ? await strataFor(query, periods, duplicates, notes) : null;
  const extras = (t: TSubjectTable) => ({
    stratified: strata ? stratify(strata, t.subject, query.strata, scoring.prior) : null,
    casesUrl: staff ? casesUrlOf({ source: query.source, subjectKind: t.subject.kind, subjectKey: t.subject.key }) : null,
  });
  report.drugs = drugs.map((t) => ({ ...scoreTable(t, scoring), ...extras(t) }));
  report.classes = classTables(sum).map((t) => ({ ...scoreTable(t, { ...scoring, ebgmUnavailable: CLASS_EBGM_REASON }), ...extras(t) }));
  if (!sum.classes) notes.push({ code: "class_double_count", message: CLASS_DOUBLE_COUNT_NOTE });

  report.dataVersion = fingerprint(report.periods.used, sum);
  if (query.focus)
    narrow(
      report,
      query.focus,
      (subject) => ({ ...scoreTable(zeroTable(subject, sum), scoring), stratified: null, casesUrl: null }),
      notes,
    );
  if (audience.kind === "researcher") {
    const kept = withholdSmallRows(report.drugs, report.classes, audience.threshold);
    report.drugs = kept.drugs;
    report.classes = kept.classes;
    notes.push({
      code: "disclosure",
      message:
        `Counts are perturbed by at most ±${MAX_NOISE} (cell-key method); ${kept.withheld.drugs} drug(s) and ${kept.withheld.classes} class(es) ` +
        `with fewer than ${audience.threshold} NMS reports after perturbation are withheld (not zero), and per-period trends are for staff.`,
    });
    return report;
  }
  const target = resolveTrend(options.trend ?? query.focus, report.drugs);
  if (target) report.trend = buildTrend(periods, subjectOf(target), query.thresholds);
  return report;
}

/**
 * The strata the adjusted estimates are computed over: the periods themselves, or the stored sex and
 * age-band counts (grouped by the chosen dimensions) when every period chosen has them — else null,
 * and a note says which periods lack them (imported before strata were tallied, or a format without them).
 */
async function strataFor(
  query: TSignalQuery,
  periods: Map<string, TPeriodCounts>,
  duplicates: Parameters<typeof subtractDuplicates>[1],
  notes: TSignalNote[],
): Promise<Map<string, TPeriodCounts> | null> {
  if (query.strata.length === 1 && query.strata[0] === "period") return periods;
  const rows = subtractDuplicates(await findBackgroundStrata(query), duplicates).filter((r) => periods.has(r.period));
  const withStrata = new Set(rows.map((r) => r.period));
  const missing = [...periods.keys()].filter((p) => !withStrata.has(p));
  if (missing.length) {
    notes.push({
      code: "strata_unavailable",
      message: `Periods ${missing.join(", ")} have no sex and age-band counts (imported before they were tallied, or from a file that does not give each report's patient): no ${query.strata.join(" × ")}-stratified estimates. Re-import those periods.`,
    });
    return null;
  }
  return strataOf(rows, query.strata);
}

/** drug= keeps that drug (a zero row when it has no reports, so the answer says so); drugClass= keeps the class and its drugs. */
function narrow(report: TSignalReport, focus: TSignalFocus, zeroRow: (subject: TSubject) => TStratifiedRow, notes: TSignalNote[]): void {
  if (focus.kind === "class") {
    report.drugs = report.drugs.filter((d) => d.drugClass === focus.key);
    report.classes = report.classes.filter((c) => c.key === focus.key);
    return;
  }
  const found = report.drugs.find((d) => d.key === focus.key);
  if (!found) notes.push({ code: "no_reports_for_drug", message: `No reports name ${focus.key} in these periods.` });
  report.drugs = [found ?? zeroRow(subjectOf(focus))];
  report.classes = [];
}

function zeroTable(subject: TSubject, sum: TSum): TSubjectTable {
  return tableOf(subject, { cases: 0, drugReports: 0, eventReports: sum.nms, totalReports: sum.reports });
}

function resolveTrend(trend: TSignalFocus | "most-reported" | null | undefined, drugs: readonly TSignalRow[]): TSignalFocus | null {
  if (trend !== "most-reported") return trend ?? null;
  const top = drugs.reduce<TSignalRow | null>((best, d) => (best === null || d.a > best.a ? d : best), null);
  return top ? { kind: "drug", key: top.key } : null;
}

function subjectOf(focus: TSignalFocus): TSubject {
  if (focus.kind === "class") {
    const drugClass = focus.key as DrugClass;
    return { kind: "class", key: drugClass, label: DRUG_CLASS_LABELS[drugClass], drugClass };
  }
  const drug = catalogueDrugByName(focus.key);
  if (!drug) throw new RangeError(`${focus.key} is not a catalogue drug`);
  return { kind: "drug", key: drug.name, label: drug.displayName, drugClass: drug.drugClass };
}

function groupAvailable(rows: readonly { source: TBackgroundSource; period: string }[]) {
  const bySource = new Map<TBackgroundSource, string[]>();
  for (const row of rows) bySource.set(row.source, [...(bySource.get(row.source) ?? []), row.period]);
  return [...bySource].map(([source, periods]) => ({ source, periods }));
}

/** 16 hex digits of a hash over the periods and every count the tables are built from. */
function fingerprint(periods: readonly string[], sum: TSum): string {
  const drugs = [...sum.drugs].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([name, d]) => [name, d.reports, d.nms]);
  const classes = sum.classes ? [...sum.classes].sort(([x], [y]) => (x < y ? -1 : 1)).map(([c, d]) => [c, d.reports, d.nms]) : null;
  return createHash("sha256")
    .update(JSON.stringify([periods, sum.reports, sum.nms, drugs, classes]))
    .digest("hex")
    .slice(0, 16);
}
