// Background rows → 2×2 tables per drug and per drug class, summed over the chosen periods, and
// the cumulative per-period tables of one drug or class for its trend. Pure: no database.
import { DRUG_CLASSES, DRUG_CLASS_LABELS, type DrugClass } from "@/lib/domain/vocabulary";
import { twoByTwoFromMargins, type TwoByTwo } from "@/lib/stats/disproportionality";
import type { TBackgroundRow } from "./find-background-counts";

/** The report counts a 2×2 table is built from (names as `twoByTwoFromMargins` takes them). */
export type TMargins = { cases: number; drugReports: number; eventReports: number; totalReports: number };
export type TSubject = { kind: "drug" | "class"; key: string; label: string; drugClass: DrugClass };
/** A table, or null with the reason when the counts cannot form one. */
export type TSubjectTable = { subject: TSubject; margins: TMargins; table: TwoByTwo | null; reason: string | null };

export const CLASS_DOUBLE_COUNT_NOTE =
  "A class table sums its drugs' background counts, which are kept per drug: a report naming two drugs of one class counts twice in the class's a and drug reports.";

type TPeriodCounts = { reports: number; nms: number; drugs: Map<string, { subject: TSubject; reports: number; nms: number }> };

/** Quarters in calendar order (their text order), then any whole-file periods such as "all". */
export function orderPeriods(periods: Iterable<string>): string[] {
  const isQuarter = (p: string) => /^\d{4}Q[1-4]$/.test(p);
  return [...new Set(periods)].sort((x, y) => Number(isQuarter(y)) - Number(isQuarter(x)) || (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Groups rows by period. A period without its total row (never written by the importers, but a
 * hand-edited table could lack it) has no denominator, so it is left out and named in `dropped`.
 */
export function groupByPeriod(rows: readonly TBackgroundRow[]): { periods: Map<string, TPeriodCounts>; dropped: string[] } {
  const periods = new Map<string, TPeriodCounts>();
  for (const row of rows.filter((r) => r.drug === null)) {
    periods.set(row.period, { reports: row.totalReports ?? row.drugReports, nms: row.nmsReports, drugs: new Map() });
  }
  const dropped = new Set<string>();
  for (const row of rows) {
    if (row.drug === null) continue;
    const period = periods.get(row.period);
    if (!period) {
      dropped.add(row.period);
      continue;
    }
    const subject: TSubject = { kind: "drug", key: row.drug.name, label: row.drug.displayName, drugClass: row.drug.drugClass };
    period.drugs.set(row.drug.name, { subject, reports: row.drugReports, nms: row.nmsReports });
  }
  const ordered = new Map(orderPeriods(periods.keys()).map((p) => [p, periods.get(p)!]));
  return { periods: ordered, dropped: orderPeriods(dropped) };
}

/** a = drug & NMS, b = drug reports − a, c = all NMS − a, d = all reports − drug reports − c. */
export function tableOf(subject: TSubject, margins: TMargins): TSubjectTable {
  try {
    return { subject, margins, table: twoByTwoFromMargins(margins), reason: null };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const why =
      subject.kind === "class" && margins.cases > margins.eventReports
        ? "The class's summed NMS reports exceed all NMS reports (reports naming several drugs of the class count once per drug)"
        : "The background counts are inconsistent (a cell of the 2×2 table would be negative)";
    return { subject, margins, table: null, reason: `${why}: no 2×2 table.` };
  }
}

/** Sums a period selection: the totals, and each drug's reports (0 in periods it is absent from). */
export function sumPeriods(periods: Iterable<TPeriodCounts>) {
  let reports = 0;
  let nms = 0;
  const drugs = new Map<string, { subject: TSubject; reports: number; nms: number }>();
  for (const period of periods) {
    reports += period.reports;
    nms += period.nms;
    for (const [name, d] of period.drugs) {
      const sum = drugs.get(name) ?? { subject: d.subject, reports: 0, nms: 0 };
      drugs.set(name, { subject: sum.subject, reports: sum.reports + d.reports, nms: sum.nms + d.nms });
    }
  }
  return { reports, nms, drugs };
}

/** One table per drug with reports in the periods, ordered by class then name (a stable order). */
export function drugTables(sum: ReturnType<typeof sumPeriods>): TSubjectTable[] {
  return [...sum.drugs.values()]
    .filter((d) => d.reports > 0 || d.nms > 0)
    .sort((x, y) => DRUG_CLASSES.indexOf(x.subject.drugClass) - DRUG_CLASSES.indexOf(y.subject.drugClass) || x.subject.key.localeCompare(y.subject.key))
    .map((d) => tableOf(d.subject, { cases: d.nms, drugReports: d.reports, eventReports: sum.nms, totalReports: sum.reports }));
}

/** One table per class, every class in its fixed order (zeros included), summing its drugs. */
export function classTables(sum: ReturnType<typeof sumPeriods>): TSubjectTable[] {
  return DRUG_CLASSES.map((drugClass) => {
    let cases = 0;
    let drugReports = 0;
    for (const d of sum.drugs.values()) {
      if (d.subject.drugClass !== drugClass) continue;
      cases += d.nms;
      drugReports += d.reports;
    }
    const subject: TSubject = { kind: "class", key: drugClass, label: DRUG_CLASS_LABELS[drugClass], drugClass };
    return tableOf(subject, { cases, drugReports, eventReports: sum.nms, totalReports: sum.reports });
  });
}

/** The subject's table after each period, summing that period and every earlier one. */
export function cumulativeTables(periods: Map<string, TPeriodCounts>, subject: TSubject): { period: string; table: TSubjectTable }[] {
  const running: TMargins = { cases: 0, drugReports: 0, eventReports: 0, totalReports: 0 };
  return [...periods].map(([period, counts]) => {
    running.eventReports += counts.nms;
    running.totalReports += counts.reports;
    for (const d of counts.drugs.values()) {
      const inSubject = subject.kind === "drug" ? d.subject.key === subject.key : d.subject.drugClass === subject.key;
      if (!inSubject) continue;
      running.cases += d.nms;
      running.drugReports += d.reports;
    }
    return { period, table: tableOf(subject, { ...running }) };
  });
}
