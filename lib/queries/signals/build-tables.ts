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
  "Some periods were imported before class counts were kept per case: their class tables sum the class's drugs, so a report naming two drugs of one class counts twice in the class's a and drug reports. Re-import those periods to count each case once per class.";

type TCounts = { reports: number; nms: number };
export type TDrugCounts = TCounts & { subject: TSubject };
/** One period: the totals, each drug, each class (null: an older import without class rows), how it was tallied. */
export type TPeriodCounts = TCounts & { drugs: Map<string, TDrugCounts>; classes: Map<DrugClass, TCounts> | null; tally: string | null };
/** A sum over periods; `classes` is null when some period has no class rows. */
export type TSum = TCounts & { drugs: Map<string, TDrugCounts>; classes: Map<DrugClass, TCounts> | null };

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
  for (const row of rows.filter((r) => r.drug === null && r.drugClass === null)) {
    periods.set(row.period, {
      reports: row.totalReports ?? row.drugReports,
      nms: row.nmsReports,
      drugs: new Map(),
      classes: row.tally === "cases" ? new Map() : null,
      tally: row.tally,
    });
  }
  const dropped = new Set<string>();
  for (const row of rows) {
    if (row.drug === null && row.drugClass === null) continue;
    const period = periods.get(row.period);
    if (!period) {
      dropped.add(row.period);
      continue;
    }
    if (row.drug) {
      const subject: TSubject = { kind: "drug", key: row.drug.name, label: row.drug.displayName, drugClass: row.drug.drugClass };
      period.drugs.set(row.drug.name, { subject, reports: row.drugReports, nms: row.nmsReports });
    } else if (row.drugClass) {
      period.classes ??= new Map();
      period.classes.set(row.drugClass, { reports: row.drugReports, nms: row.nmsReports });
    }
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
        ? "The class's summed NMS reports exceed all NMS reports (in periods imported before class rows, reports naming several drugs of the class count once per drug)"
        : "The background counts are inconsistent (a cell of the 2×2 table would be negative)";
    return { subject, margins, table: null, reason: `${why}: no 2×2 table.` };
  }
}

/** Sums a period selection: the totals, each drug's and each class's reports (0 in periods it is absent from). */
export function sumPeriods(periods: Iterable<TPeriodCounts>): TSum {
  let reports = 0;
  let nms = 0;
  const drugs = new Map<string, TDrugCounts>();
  let classes: Map<DrugClass, TCounts> | null = new Map();
  for (const period of periods) {
    reports += period.reports;
    nms += period.nms;
    for (const [name, d] of period.drugs) {
      const sum = drugs.get(name) ?? { subject: d.subject, reports: 0, nms: 0 };
      drugs.set(name, { subject: sum.subject, reports: sum.reports + d.reports, nms: sum.nms + d.nms });
    }
    if (!period.classes) classes = null;
    if (!classes || !period.classes) continue;
    for (const [drugClass, c] of period.classes) {
      const sum = classes.get(drugClass) ?? { reports: 0, nms: 0 };
      classes.set(drugClass, { reports: sum.reports + c.reports, nms: sum.nms + c.nms });
    }
  }
  return { reports, nms, drugs, classes };
}

/** One table per drug with reports in the periods, ordered by class then name (a stable order). */
export function drugTables(sum: TSum): TSubjectTable[] {
  return [...sum.drugs.values()]
    .filter((d) => d.reports > 0 || d.nms > 0)
    .sort(
      (x, y) =>
        DRUG_CLASSES.indexOf(x.subject.drugClass) - DRUG_CLASSES.indexOf(y.subject.drugClass) || x.subject.key.localeCompare(y.subject.key),
    )
    .map((d) => tableOf(d.subject, { cases: d.nms, drugReports: d.reports, eventReports: sum.nms, totalReports: sum.reports }));
}

/**
 * One table per class, every class in its fixed order (zeros included): from the class rows
 * (a case once per class) when every period has them, else by summing the class's drugs.
 */
export function classTables(sum: TSum): TSubjectTable[] {
  return DRUG_CLASSES.map((drugClass) => {
    const subject: TSubject = { kind: "class", key: drugClass, label: DRUG_CLASS_LABELS[drugClass], drugClass };
    const counts = sum.classes ? (sum.classes.get(drugClass) ?? { reports: 0, nms: 0 }) : summedDrugs(sum.drugs.values(), drugClass);
    return tableOf(subject, { cases: counts.nms, drugReports: counts.reports, eventReports: sum.nms, totalReports: sum.reports });
  });
}

function summedDrugs(drugs: Iterable<TDrugCounts>, drugClass: DrugClass): TCounts {
  let nms = 0;
  let reports = 0;
  for (const d of drugs) {
    if (d.subject.drugClass !== drugClass) continue;
    nms += d.nms;
    reports += d.reports;
  }
  return { reports, nms };
}

/** The subject's counts in one period (a class from its row, or its drugs in an older period). */
export function subjectCounts(period: TPeriodCounts, subject: TSubject): TCounts {
  if (subject.kind === "drug") return period.drugs.get(subject.key) ?? { reports: 0, nms: 0 };
  return period.classes
    ? (period.classes.get(subject.drugClass) ?? { reports: 0, nms: 0 })
    : summedDrugs(period.drugs.values(), subject.drugClass);
}

/** The subject's table in each period on its own — the strata of a Mantel–Haenszel estimate. */
export function periodTables(periods: Map<string, TPeriodCounts>, subject: TSubject): { period: string; table: TSubjectTable }[] {
  return [...periods].map(([period, counts]) => {
    const c = subjectCounts(counts, subject);
    return {
      period,
      table: tableOf(subject, { cases: c.nms, drugReports: c.reports, eventReports: counts.nms, totalReports: counts.reports }),
    };
  });
}

/** The subject's table after each period, summing that period and every earlier one. */
export function cumulativeTables(periods: Map<string, TPeriodCounts>, subject: TSubject): { period: string; table: TSubjectTable }[] {
  const running: TMargins = { cases: 0, drugReports: 0, eventReports: 0, totalReports: 0 };
  return [...periods].map(([period, counts]) => {
    running.eventReports += counts.nms;
    running.totalReports += counts.reports;
    const c = subjectCounts(counts, subject);
    running.cases += c.nms;
    running.drugReports += c.reports;
    return { period, table: tableOf(subject, { ...running }) };
  });
}
