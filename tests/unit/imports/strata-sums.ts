// The stratified background counts of a parse, summed over sex and age band, as crude counts: the
// strata must add up to the crude tally (docs/signals.md, "Strata").
import { expect } from "vitest";
import type { TBackgroundRecord, TParsedRecord, TSummaryRecord } from "@/lib/imports/types";

/** Asserts Σ strata = crude for the total, each catalogue drug and each class; returns the stratum totals. */
export function expectStrataAddUp(records: readonly TParsedRecord[]): Record<string, [number, number]> {
  const summary = records.find((r): r is TSummaryRecord => r.kind === "summary")!;
  const strata = summary.backgroundStrata ?? [];
  const sums = new Map<string, [number, number]>();
  const totals: Record<string, [number, number]> = {};
  for (const s of strata) {
    const key = s.drugName !== null ? `drug:${s.drugName}` : s.drugClass !== null ? `class:${s.drugClass}` : "total";
    const seen = sums.get(key) ?? [0, 0];
    sums.set(key, [seen[0] + s.reports, seen[1] + s.nmsReports]);
    if (key === "total") totals[`${s.sex}|${s.ageBand}`] = [s.reports, s.nmsReports];
  }
  const crude = new Map<string, [number, number]>([["total", [summary.totalReports, summary.nmsReports ?? summary.nmsCases]]]);
  for (const r of records.filter((x): x is TBackgroundRecord => x.kind === "background" && x.catalogueName !== null)) {
    crude.set(`drug:${r.catalogueName}`, [r.reports, r.nmsReports]);
  }
  for (const c of summary.backgroundClasses ?? []) crude.set(`class:${c.drugClass}`, [c.reports, c.nmsReports]);
  expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(crude));
  return totals;
}
