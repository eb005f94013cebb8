// Column maps for bulk writes of case rows: property → SQL column and Postgres type.
// Declared once; the insert statement, the COPY baseline and the upsert are built from them.
import type { TCaseRow, TDrugRow } from "@/lib/cases/case-row";
import { BOOLEAN_CASE_FIELDS } from "@/lib/domain/case-schema";

type Column<Row> = readonly [key: keyof Row & string, column: string, pgType: string];

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const CASE_COLUMNS: readonly Column<TCaseRow>[] = [
  ["id", "id", "uuid"],
  ["source", "source", '"CaseSource"'],
  ["sourceId", "source_id", "text"],
  ["version", "version", "int4"],
  ["receivedDate", "received_date", "date"],
  ["onsetDate", "onset_date", "date"],
  ["country", "country", "varchar"],
  ["reporterType", "reporter_type", '"ReporterType"'],
  ["status", "status", '"CaseStatus"'],
  ["followUpDue", "follow_up_due", "date"],
  ["onsetUnknown", "onset_unknown", "bool"],
  ["patientInitials", "patient_initials", "text"],
  ["sex", "sex", '"Sex"'],
  ["ageYears", "age_years", "float8"],
  ["weightKg", "weight_kg", "float8"],
  ["maxTempC", "max_temp_c", "float8"],
  ["ckMax", "ck_max", "float8"],
  ["ckUln", "ck_uln", "float8"],
  ["wbc", "wbc", "float8"],
  ["outcome", "outcome", '"Outcome"'],
  ["durationDays", "duration_days", "float8"],
  ["narrative", "narrative", "text"],
  ["consensusScore", "consensus_score", "int4"],
  ["consensusMaxScore", "consensus_max_score", "int4"],
  ["meetsConsensus", "meets_consensus", "bool"],
  ["naranjoScore", "naranjo_score", "int4"],
  ["attributingClasses", "attributing_classes", "text[]"],
  ["attributingDrugs", "attributing_drugs", "text[]"],
  ["importJobId", "import_job_id", "uuid"],
  ...BOOLEAN_CASE_FIELDS.map((key) => [key, snake(key), "bool"] as const),
];

export const DRUG_COLUMNS: readonly Column<TDrugRow>[] = [
  ["id", "id", "uuid"],
  ["caseId", "case_id", "uuid"],
  ["catalogueDrugId", "catalogue_drug_id", "int4"],
  ["reportedName", "reported_name", "text"],
  ["role", "role", '"DrugRole"'],
  ["dose", "dose", "text"],
  ["route", "route", "text"],
  ["formulation", "formulation", '"Formulation"'],
  ["startDate", "start_date", "date"],
  ["stopDate", "stop_date", "date"],
  ["doseChange", "dose_change", '"DoseChange"'],
  ["doseChangeDate", "dose_change_date", "date"],
  ["nameIgnored", "name_ignored", "bool"],
];

/**
 * `INSERT … SELECT FROM json_populate_recordset($1)`: one statement and ONE parameter for a
 * whole batch — a JSON array of rows keyed by column name. JSON.stringify and the server's JSON
 * parser are native; pg's per-element escaping of array parameters (the former unnest form) cost
 * more CPU per imported case than validating it. Enums, dates and text[] columns take their
 * types from the table's row type.
 */
export function batchInsertSql<Row>(table: string, columns: readonly Column<Row>[], suffix = ""): string {
  const names = columns.map(([, column]) => `"${column}"`).join(", ");
  const values = columns.map(([, column]) => `u."${column}"`).join(", ");
  const timestamps = table === "case_report" ? ', "updated_at"' : "";
  const nowValue = table === "case_report" ? ", now()" : "";
  return `INSERT INTO "${table}" (${names}${timestamps}) SELECT ${values}${nowValue} FROM json_populate_recordset(NULL::"${table}", $1::json) AS u ${suffix}`.trim();
}

/** The parameter list for `batchInsertSql`: the rows as one JSON array keyed by column. */
export function batchParams<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): [string] {
  const objects = rows.map((row) => {
    const object: Record<string, unknown> = {};
    for (const [key, column] of columns) object[column] = row[key] ?? null;
    return object;
  });
  return [JSON.stringify(objects)];
}
