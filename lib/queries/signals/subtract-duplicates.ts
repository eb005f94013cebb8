// Takes confirmed duplicate reports out of the background counts they were tallied in: one report
// less on the period's total row (all reports and NMS reports) and on each of its drugs' rows
// (reports naming the drug, and its NMS reports). Pure; counts never go below zero.
import type { TBackgroundRow } from "./find-background-counts";
import type { TDuplicateReport } from "./find-duplicate-reports";

export function subtractDuplicates(rows: readonly TBackgroundRow[], duplicates: readonly TDuplicateReport[]): TBackgroundRow[] {
  if (duplicates.length === 0) return [...rows];
  const key = (period: string, drug: string | null) => `${period}\u0000${drug ?? ""}`;
  const less = new Map<string, number>();
  for (const d of duplicates) {
    less.set(key(d.period, null), (less.get(key(d.period, null)) ?? 0) + 1);
    for (const drug of d.drugs) less.set(key(d.period, drug), (less.get(key(d.period, drug)) ?? 0) + 1);
  }
  return rows.map((row) => {
    const n = less.get(key(row.period, row.drug?.name ?? null)) ?? 0;
    if (n === 0) return row;
    return {
      ...row,
      drugReports: Math.max(0, row.drugReports - n),
      nmsReports: Math.max(0, row.nmsReports - n),
      totalReports: row.totalReports === null ? null : Math.max(0, row.totalReports - n),
    };
  });
}
