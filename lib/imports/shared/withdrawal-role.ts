// FAERS, openFDA and E2B have no "withdrawn" role: they say what was done with each drug (FAERS
// dechallenge, E2B/openFDA "action taken"). A dopaminergic agent the report says was withdrawn
// or reduced is what triggers NMS by withdrawal, so it takes role `withdrawn` whatever role the
// reporter gave it — except an NMS treatment (bromocriptine, amantadine, apomorphine) listed as
// concomitant, which was most likely given for the NMS and then stopped. Where the file cannot
// tell, the reported role stays and the exposure criterion is unknown (lib/cases/drug-attribution.ts).
import { attributesReport } from "@/lib/cases/drug-attribution";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import type { DrugClass, DrugRole } from "@/lib/domain/vocabulary";
import type { TNormalisedDrug } from "../types";

export function roleFromAction(role: DrugRole, match: TNormalisedDrug, withdrawnOrReduced: boolean): DrugRole {
  if (!withdrawnOrReduced || match?.drug.drugClass !== "dopaminergic_withdrawal") return role;
  if (role === "concomitant" && catalogueDrugByName(match.drug.name)?.treatsNms) return role;
  return "withdrawn";
}

/**
 * Whether a drug of a report counts in the disproportionality background (docs/signals.md): its
 * reported role, made `withdrawn` as above when the report says it was stopped or reduced, must be
 * attributing, and an NMS treatment must have been withdrawn. An unknown role counts as no cause.
 */
export function attributesInBackground(
  reported: DrugRole | null,
  withdrawnOrReduced: boolean,
  drug: { catalogueName: string | null; drugClass: DrugClass | null; treatsNms: boolean },
): boolean {
  if (!reported) return false;
  const match =
    drug.drugClass && drug.catalogueName
      ? { drug: { name: drug.catalogueName, drugClass: drug.drugClass }, formulation: null, matchedBy: "" }
      : null;
  return attributesReport({ role: roleFromAction(reported, match, withdrawnOrReduced) }, drug);
}
