// Closed vocabularies of the NMS domain, declared once so the Prisma enums,
// zod schemas, importers and charts all agree on keys, order and labels.

export const DRUG_CLASSES = [
  "first_generation",
  "second_generation",
  "antiemetic",
  "dopaminergic_withdrawal",
  "other_antidopaminergic",
] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

export const DRUG_CLASS_LABELS: Record<DrugClass, string> = {
  first_generation: "First-generation (typical)",
  second_generation: "Second-generation (atypical)",
  antiemetic: "Antiemetic",
  dopaminergic_withdrawal: "Dopaminergic withdrawal",
  other_antidopaminergic: "Other antidopaminergic",
};

export const POTENCY_GRADES = ["high", "medium", "low"] as const;
export type PotencyGrade = (typeof POTENCY_GRADES)[number];

export const SEXES = ["male", "female", "unknown"] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { male: "Male", female: "Female", unknown: "Unknown" };

export const AGE_BANDS = ["0-17", "18-39", "40-64", "65+", "unknown"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age band of an age in years; null/undefined/NaN ages are "unknown", never dropped. */
export function ageBandOf(ageYears: number | null | undefined): AgeBand {
  if (ageYears === null || ageYears === undefined || !Number.isFinite(ageYears)) return "unknown";
  if (ageYears < 18) return "0-17";
  if (ageYears < 40) return "18-39";
  if (ageYears < 65) return "40-64";
  return "65+";
}

export const OUTCOMES = ["recovered", "recovered_with_sequelae", "recovering", "not_recovered", "fatal", "unknown"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  recovered: "Recovered",
  recovered_with_sequelae: "Recovered with sequelae",
  recovering: "Recovering",
  not_recovered: "Not recovered",
  fatal: "Fatal",
  unknown: "Unknown",
};

export const DRUG_ROLES = ["suspect", "concomitant", "interacting", "withdrawn"] as const;
export type DrugRole = (typeof DRUG_ROLES)[number];
/** Roles that attribute a case to a drug and its class (the counting rules). */
export const ATTRIBUTING_ROLES: readonly DrugRole[] = ["suspect", "interacting", "withdrawn"];

export const CASE_SOURCES = ["manual", "csv", "faers", "openfda", "e2b"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const FORMULATIONS = ["oral", "depot", "parenteral", "other"] as const;
export type Formulation = (typeof FORMULATIONS)[number];

export const REPORTER_TYPES = ["physician", "pharmacist", "other_health_professional", "lawyer", "consumer", "unknown"] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];

/**
 * A case's seriousness as one key (the aggregates dimension): serious when any ICH criterion is
 * yes, not serious when the report states the criteria and none is yes, else unknown
 * (docs/case-processing.md).
 */
export const SERIOUSNESS = ["serious", "not_serious", "unknown"] as const;
export type Seriousness = (typeof SERIOUSNESS)[number];
export const SERIOUSNESS_LABELS: Record<Seriousness, string> = { serious: "Serious", not_serious: "Not serious", unknown: "Unknown" };

export const ROLES = ["admin", "safety_officer", "researcher"] as const;
export type Role = (typeof ROLES)[number];
