// ICH E2B(R2) code lists as openFDA drug-event JSON (and FAERS' R2 XML) carry them, mapped
// to the case vocabulary. A code missing from its table is a record-level error.
import type { DOSE_CHANGES } from "@/lib/domain/case-schema";
import type { DrugRole, Outcome, ReporterType, Sex } from "@/lib/domain/vocabulary";

/** patient.patientsex (B.1.5). */
export const SEXES: Readonly<Record<string, Sex>> = { "0": "unknown", "1": "male", "2": "female", "": "unknown" };

/** patientonsetageunit (B.1.2.2b) → years per unit. */
export const AGE_UNITS: Readonly<Record<string, number>> = {
  "800": 10, // decade
  "801": 1, // year
  "802": 1 / 12, // month
  "803": 7 / 365.25, // week
  "804": 1 / 365.25, // day
  "805": 1 / (365.25 * 24), // hour
};

/** reactionoutcome (B.2.i.8). */
export const OUTCOMES: Readonly<Record<string, Outcome>> = {
  "1": "recovered",
  "2": "recovering",
  "3": "not_recovered",
  "4": "recovered_with_sequelae",
  "5": "fatal",
  "6": "unknown",
  "": "unknown",
};

/** drugcharacterization (B.4.k.1). */
export const ROLES: Readonly<Record<string, DrugRole>> = { "1": "suspect", "2": "concomitant", "3": "interacting" };

/** primarysource.qualification (A.2.1.4). */
export const QUALIFICATIONS: Readonly<Record<string, ReporterType>> = {
  "1": "physician",
  "2": "pharmacist",
  "3": "other_health_professional",
  "4": "lawyer",
  "5": "consumer",
  "": "unknown",
};

/** actiondrug (B.4.k.16): 5 unknown and 6 not applicable say nothing. */
export const ACTIONS: Readonly<Record<string, (typeof DOSE_CHANGES)[number] | null>> = {
  "1": "stopped",
  "2": "decreased",
  "3": "increased",
  "4": "unchanged",
  "5": null,
  "6": null,
  "": null,
};

/** drugrecurreadministration (B.4.k.17.1): did the reaction recur on re-administration? */
export const RECURRENCE: Readonly<Record<string, boolean | null>> = { "1": true, "2": false, "3": null, "": null };

/** drugadministrationroute (B.4.k.8): the common E2B route codes; others are kept as their code. */
const ROUTES: Readonly<Record<string, string>> = {
  "002": "Buccal",
  "003": "Cutaneous",
  "030": "Intramuscular",
  "037": "Intrathecal",
  "040": "Intravenous bolus",
  "041": "Intravenous drip",
  "042": "Intravenous",
  "045": "Nasal",
  "047": "Ophthalmic",
  "048": "Oral",
  "050": "Other",
  "051": "Parenteral",
  "054": "Rectal",
  "055": "Respiratory (inhalation)",
  "058": "Subcutaneous",
  "060": "Sublingual",
  "061": "Topical",
  "062": "Transdermal",
  "067": "Vaginal",
};

/** A route label for the case; "065" (unknown) and blanks are no route. */
export function routeLabel(code: string): string | null {
  const key = code.trim();
  if (!key || key === "065") return null;
  return ROUTES[key] ?? (/^\d{3}$/.test(key) ? `E2B route ${key}` : key.slice(0, 60));
}
