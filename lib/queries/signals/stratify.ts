// Stratified disproportionality of one drug or class: Mantel–Haenszel PRR and ROR, and the IC and
// EBGM on a stratified expected count E = Σ_k E_k, with the strata the query chooses — period, sex,
// age band, or their combination (docs/signals.md, "Strata"). A drug reported mostly by patients of
// a sex or age in which NMS is reported more overall is not credited with the difference. Staff
// only: strata are small counts, which the researcher disclosure rule does not release.
import {
  ebgmScores,
  mantelHaenszelPrr,
  mantelHaenszelRor,
  stratifiedInformationComponent,
  type GammaMixturePrior,
  type TwoByTwo,
} from "@/lib/stats/disproportionality";
import { groupByPeriod, periodTables, type TPeriodCounts, type TSubject } from "./build-tables";
import type { TStratumRow } from "./find-background-strata";
import type { TInterval } from "./score-tables";
import type { TStratumDimension } from "./signal-query";

export type TStratified = {
  by: TStratumDimension[];
  /** Strata with at least one report. */
  strata: number;
  /** Σ_k E_k, the stratified expected count (the crude one is the row's `expected`). */
  expected: number | null;
  prr: TInterval;
  ror: TInterval;
  ic: TInterval;
  /** EBGM of (a, stratified E) under the prior fitted over the crude NMS column; null for a class or without a prior. */
  ebgm: TInterval | null;
};

/**
 * The strata as "periods" of counts, keyed by the chosen dimensions' values joined with "|" (e.g.
 * "2017Q1|female"), so the period code (periodTables) builds each stratum's table alike.
 */
export function strataOf(rows: readonly TStratumRow[], by: readonly TStratumDimension[]): Map<string, TPeriodCounts> {
  const keyed = rows.map((row) => ({
    ...row,
    period: by.map((d) => (d === "period" ? row.period : d === "sex" ? row.sex : row.ageBand)).join("|"),
  }));
  // Rows of one stratum key from several (period, sex, age band) cells add up.
  const sums = new Map<string, (typeof keyed)[number]>();
  for (const row of keyed) {
    const key = `${row.period}\u0000${row.drug?.name ?? ""}\u0000${row.drugClass ?? ""}`;
    const seen = sums.get(key);
    sums.set(
      key,
      seen
        ? {
            ...seen,
            drugReports: seen.drugReports + row.drugReports,
            nmsReports: seen.nmsReports + row.nmsReports,
            totalReports: seen.totalReports === null ? null : seen.totalReports + (row.totalReports ?? 0),
          }
        : row,
    );
  }
  return groupByPeriod([...sums.values()]).periods;
}

/**
 * Scores the subject over `strata` (each a TPeriodCounts). Null when fewer than two strata form a
 * table, or a stratum's counts cannot form one (then the strata do not describe the crude table).
 */
export function stratify(
  strata: Map<string, TPeriodCounts>,
  subject: TSubject,
  by: readonly TStratumDimension[],
  prior: GammaMixturePrior | null,
): TStratified | null {
  const tables = periodTables(strata, subject).flatMap(({ table }) => (table.table ? [table.table] : []));
  if (tables.length < 2 || tables.length < strata.size) return null;
  const kept: TwoByTwo[] = tables;
  const prr = mantelHaenszelPrr(kept);
  const ror = mantelHaenszelRor(kept);
  const ic = stratifiedInformationComponent(kept);
  const observed = kept.reduce((s, t) => s + t.a, 0);
  const expected = ic.expected;
  const eb = subject.kind === "drug" && prior && expected !== null && expected > 0 ? ebgmScores(observed, expected, prior) : null;
  return {
    by: [...by],
    strata: prr.strata,
    expected,
    prr: { estimate: prr.estimate, lower: prr.lower, upper: prr.upper, reason: prr.reason },
    ror: { estimate: ror.estimate, lower: ror.lower, upper: ror.upper, reason: ror.reason },
    ic: { estimate: ic.ic, lower: ic.lower, upper: ic.upper, reason: ic.reason },
    ebgm: eb ? { estimate: eb.ebgm, lower: eb.eb05, upper: eb.eb95, reason: null } : null,
  };
}
