// Period-stratified disproportionality of one drug or class: Mantel–Haenszel PRR and ROR and the
// IC on a stratified expected count, with each period a stratum — so a drug reported mostly in
// quarters with more NMS reports overall is not credited with the difference. Staff only: the
// strata are per-period counts, which the researcher disclosure rule does not release.
import { mantelHaenszelPrr, mantelHaenszelRor, stratifiedInformationComponent, type TwoByTwo } from "@/lib/stats/disproportionality";
import { periodTables, type TPeriodCounts, type TSubject } from "./build-tables";
import type { TInterval } from "./score-tables";

export type TStratified = { by: "period"; strata: number; prr: TInterval; ror: TInterval; ic: TInterval };

export function stratifyByPeriod(periods: Map<string, TPeriodCounts>, subject: TSubject): TStratified | null {
  const tables = periodTables(periods, subject).flatMap(({ table }) => (table.table ? [table.table] : []));
  if (tables.length < 2 || tables.length < periods.size) return null;
  const strata: TwoByTwo[] = tables;
  const prr = mantelHaenszelPrr(strata);
  const ror = mantelHaenszelRor(strata);
  const ic = stratifiedInformationComponent(strata);
  return {
    by: "period",
    strata: prr.strata,
    prr: { estimate: prr.estimate, lower: prr.lower, upper: prr.upper, reason: prr.reason },
    ror: { estimate: ror.estimate, lower: ror.lower, upper: ror.upper, reason: ror.reason },
    ic: { estimate: ic.ic, lower: ic.lower, upper: ic.upper, reason: ic.reason },
  };
}
