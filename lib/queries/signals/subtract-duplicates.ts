// Takes confirmed duplicate reports out of the background counts they were tallied in: one report
// less on the period's total row (all reports and NMS reports), on each of its drugs' rows and on
// each of its classes' rows (reports naming the drug or class, and its NMS reports). Pure; counts
// never go below zero. Stratified rows (sex, age band) lose it in the duplicate's own stratum.
import type { TBackgroundRow } from "./find-background-counts";
import type { TDuplicateReport } from "./find-duplicate-reports";

type TCell = { period: string; sex?: string; ageBand?: string };

export function subtractDuplicates<R extends TBackgroundRow & Partial<Pick<TCell, "sex" | "ageBand">>>(
  rows: readonly R[],
  duplicates: readonly TDuplicateReport[],
): R[] {
  if (duplicates.length === 0) return [...rows];
  const stratified = rows.some((r) => r.sex !== undefined);
  const cell = (c: TCell) => (stratified ? `${c.period}|${c.sex}|${c.ageBand}` : c.period);
  const key = (at: TCell, subject: string) => `${cell(at)}\u0000${subject}`;
  const less = new Map<string, number>();
  const take = (k: string) => less.set(k, (less.get(k) ?? 0) + 1);
  for (const d of duplicates) {
    take(key(d, ""));
    for (const drug of d.drugs) take(key(d, `drug:${drug}`));
    for (const drugClass of d.classes) take(key(d, `class:${drugClass}`));
  }
  return rows.map((row) => {
    const subject = row.drug ? `drug:${row.drug.name}` : row.drugClass ? `class:${row.drugClass}` : "";
    const n = less.get(key(row, subject)) ?? 0;
    if (n === 0) return row;
    return {
      ...row,
      drugReports: Math.max(0, row.drugReports - n),
      nmsReports: Math.max(0, row.nmsReports - n),
      totalReports: row.totalReports === null ? null : Math.max(0, row.totalReports - n),
    };
  });
}
