// Which drugs on a case are its causes — the one place this is decided. The aggregates' class
// and drug counts, the rollup keys and the consensus exposure criterion all follow from it.
//
// - Roles suspect, interacting and withdrawn attribute; concomitant drugs do not.
// - NMS treatments that are dopamine agonists (catalogue `treatsNms`: bromocriptine, amantadine,
//   apomorphine) cause NMS only by being withdrawn. They attribute only when the report says they
//   were withdrawn or reduced, and never when they were started on or after the onset of NMS.
// - A dopaminergic agent counts for the exposure criterion only when withdrawn or reduced; when
//   the report cannot tell (no withdrawn role, no dose change), the criterion is unknown — most
//   FAERS, openFDA and E2B reports cannot, and "not met" would understate the case.
import type { TCatalogueEntry } from "@/lib/domain/drug-index";
import { ATTRIBUTING_ROLES, type DrugRole } from "@/lib/domain/vocabulary";

type TDoseChange = "started" | "increased" | "decreased" | "stopped" | "unchanged";
export type TDrugFacts = { role: DrugRole; doseChange?: TDoseChange | null; startDate?: string | null };

/** True: withdrawn or reduced before onset; false: the report says it was not; null: cannot tell. */
export function wasWithdrawn(drug: TDrugFacts): boolean | null {
  if (drug.role === "withdrawn" || drug.doseChange === "stopped" || drug.doseChange === "decreased") return true;
  if (drug.doseChange === "started" || drug.doseChange === "increased" || drug.doseChange === "unchanged") return false;
  return null;
}

export function attributesCase(drug: TDrugFacts, entry: TCatalogueEntry, onsetDate: string | null): boolean {
  if (!entry.treatsNms) return ATTRIBUTING_ROLES.includes(drug.role);
  if (drug.startDate && onsetDate && drug.startDate >= onsetDate) return false; // given for the NMS
  return attributesReport(drug, entry);
}

/**
 * The same rule for the disproportionality background, applied alike to NMS and other reports
 * (a 2×2 table needs one rule for its a and its b): attributing roles only, and an NMS treatment
 * only when withdrawn or reduced. Background counts have no onset dates to compare with.
 */
export function attributesReport(drug: TDrugFacts, entry: { treatsNms: boolean }): boolean {
  if (!ATTRIBUTING_ROLES.includes(drug.role)) return false;
  return !entry.treatsNms || wasWithdrawn(drug) === true;
}

/**
 * The consensus exposure criterion from the attributing drugs: an antidopaminergic agent, or a
 * withdrawn dopaminergic one, is exposure; a dopaminergic agent whose withdrawal the report does
 * not record leaves it unknown. Unknown too when the case names no drug the catalogue knows.
 */
export function exposureCriterion(
  attributing: readonly (TDrugFacts & { drugClass: TCatalogueEntry["drugClass"] })[],
  drugCount: number,
): boolean | null {
  let unknown = false;
  for (const drug of attributing) {
    if (drug.drugClass !== "dopaminergic_withdrawal") return true;
    const withdrawn = wasWithdrawn(drug);
    if (withdrawn === true) return true;
    if (withdrawn === null) unknown = true;
  }
  if (unknown || drugCount === 0 || attributing.length === 0) return null;
  return false;
}
