// The canonical CSV layout: the 13 required columns in their documented order (README, "CSV import"), then optional
// columns for every other clinical field of ZCaseInput. Import and line-listing export share it.
import { BOOLEAN_CASE_FIELDS, type TCaseInputRaw } from "@/lib/domain/case-schema";

export type TCsvCellKind =
  "text" | "date" | "number" | "integer" | "boolean" | "sex" | "outcome" | "reporterType" | "country" | "drugs" | "source" | "status";

export type TCsvColumn = {
  /** Header name, snake_case. */
  column: string;
  /** The ZCaseInput field it fills. */
  field: keyof TCaseInputRaw;
  kind: TCsvCellKind;
  required: boolean;
};

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const REQUIRED: readonly TCsvColumn[] = [
  { column: "source_id", field: "sourceId", kind: "text", required: true },
  { column: "received_date", field: "receivedDate", kind: "date", required: true },
  { column: "onset_date", field: "onsetDate", kind: "date", required: true },
  { column: "country", field: "country", kind: "country", required: true },
  { column: "sex", field: "sex", kind: "sex", required: true },
  { column: "age_years", field: "ageYears", kind: "number", required: true },
  { column: "drugs", field: "drugs", kind: "drugs", required: true },
  { column: "max_temp_c", field: "maxTempC", kind: "number", required: true },
  { column: "rigidity", field: "rigidity", kind: "boolean", required: true },
  { column: "mental_status_change", field: "mentalStatusChange", kind: "boolean", required: true },
  { column: "ck_max", field: "ckMax", kind: "number", required: true },
  { column: "outcome", field: "outcome", kind: "outcome", required: true },
  { column: "narrative", field: "narrative", kind: "text", required: true },
];

const OPTIONAL: readonly TCsvColumn[] = [
  // Where the case came from (empty: csv), so a line listing re-imported keeps each case's identity (source, source_id, version).
  { column: "source", field: "source", kind: "source", required: false },
  { column: "version", field: "version", kind: "integer", required: false },
  { column: "status", field: "status", kind: "status", required: false },
  { column: "follow_up_due", field: "followUpDue", kind: "date", required: false },
  { column: "onset_unknown", field: "onsetUnknown", kind: "boolean", required: false },
  { column: "reporter_type", field: "reporterType", kind: "reporterType", required: false },
  { column: "patient_initials", field: "patientInitials", kind: "text", required: false },
  { column: "weight_kg", field: "weightKg", kind: "number", required: false },
  { column: "ck_uln", field: "ckUln", kind: "number", required: false },
  { column: "wbc", field: "wbc", kind: "number", required: false },
  { column: "duration_days", field: "durationDays", kind: "number", required: false },
  ...BOOLEAN_CASE_FIELDS.filter((f) => f !== "rigidity" && f !== "mentalStatusChange").map((field): TCsvColumn => ({
    column: snake(field),
    field,
    kind: "boolean",
    required: false,
  })),
];

/**
 * Every column the canonical CSV knows, required first in their documented order. Optional columns:
 * source, version, status, follow_up_due, onset_unknown, reporter_type, patient_initials,
 * weight_kg, ck_uln, wbc, duration_days, and one yes/no column per seriousness criterion, risk
 * factor, clinical flag, complication, treatment and rechallenge field (serious_death …
 * icu, rechallenge, rechallenge_recurred). Unknown extra columns are ignored on import.
 */
export const CSV_COLUMNS: readonly TCsvColumn[] = [...REQUIRED, ...OPTIONAL];
export const CSV_REQUIRED_COLUMNS: readonly string[] = REQUIRED.map((c) => c.column);

const BY_FIELD = new Map(CSV_COLUMNS.map((c) => [c.field as string, c.column]));
/** The CSV column a ZCaseInput issue path refers to (drug issues point at `drugs`). */
export function csvColumnOf(path: readonly PropertyKey[]): string {
  const head = path[0];
  return (typeof head === "string" && BY_FIELD.get(head)) || String(head ?? "row");
}
