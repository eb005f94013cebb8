// FAERS / legacy AERS code lists (FDA "ASCII Data Description" files) mapped to the case
// vocabulary, as tables. A code that is not in its table is a record-level error, never a guess
// (looked up with lib/imports/shared/code-lookup.ts).
import type { DrugRole, ReporterType, Sex } from "@/lib/domain/vocabulary";

/** sex (FAERS) / gndr_cod (AERS, FAERS ≤ 2014Q2). NS = not specified. */
export const SEX_CODES: Readonly<Record<string, Sex>> = { M: "male", F: "female", UNK: "unknown", NS: "unknown", "": "unknown" };

/** age_cod → years per unit (a month is 1/12 year; weeks, days, hours via 365.25 days). */
export const AGE_UNITS: Readonly<Record<string, number>> = {
  DEC: 10,
  YR: 1,
  MON: 1 / 12,
  WK: 7 / 365.25,
  DY: 1 / 365.25,
  HR: 1 / (365.25 * 24),
};

/** wt_cod → kilograms per unit. */
export const WEIGHT_UNITS: Readonly<Record<string, number>> = { KG: 1, LBS: 0.45359237, GMS: 0.001 };

/** occp_cod. HP ("health professional", used since 2019) is not necessarily a physician. */
export const OCCUPATIONS: Readonly<Record<string, ReporterType>> = {
  MD: "physician",
  PH: "pharmacist",
  OT: "other_health_professional",
  HP: "other_health_professional",
  LW: "lawyer",
  CN: "consumer",
  "": "unknown",
};

/** role_cod: primary and secondary suspects are both suspects. */
export const ROLES: Readonly<Record<string, DrugRole>> = { PS: "suspect", SS: "suspect", C: "concomitant", I: "interacting" };

/**
 * outc_cod. These are seriousness criteria, not the patient's course: only DE (death) says
 * anything about the outcome (fatal). Hospitalisation, disability etc. leave it unknown.
 */
export const OUTCOME_CODES: Readonly<Record<string, "fatal" | "unknown">> = {
  DE: "fatal",
  LT: "unknown",
  HO: "unknown",
  DS: "unknown",
  CA: "unknown",
  RI: "unknown",
  OT: "unknown",
};

/** dechal / rechal: Y positive, N negative, U unknown, D does not apply. */
export const CHALLENGE_CODES: Readonly<Record<string, "Y" | "N" | "U" | "D" | "">> = { Y: "Y", N: "N", U: "U", D: "D", "": "" };
