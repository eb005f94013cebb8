// Column maps for bulk writes of case rows: property → SQL column and Postgres array type.
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
];

/**
 * `INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …)`: one statement and one parameter per
 * column for a whole batch — far fewer round trips than one row per statement. Enum arrays
 * travel as text[] and are cast on the server.
 */
export function unnestInsertSql<Row>(table: string, columns: readonly Column<Row>[], suffix = ""): string {
  const names = columns.map(([, column]) => `"${column}"`).join(", ");
  const params = columns
    .map(([, , type], i) => (isArray(type) ? `$${i + 1}::text[]` : type.startsWith('"') ? `$${i + 1}::text[]::${type}[]` : `$${i + 1}::${type}[]`))
    .join(", ");
  // unnest flattens a two-dimensional array, so array cells travel as one joined string each.
  const values = columns.map(([, , type], i) => (isArray(type) ? `string_to_array(u.c${i}, ${ARRAY_SEPARATOR_SQL})` : `u.c${i}`)).join(", ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  const timestamps = table === "case_report" ? ', "updated_at"' : "";
  const nowValue = table === "case_report" ? ", now()" : "";
  return `INSERT INTO "${table}" (${names}${timestamps}) SELECT ${values}${nowValue} FROM unnest(${params}) AS u(${aliases}) ${suffix}`.trim();
}

/** Array columns hold catalogue names and classes; the unit separator never occurs in them. */
const ARRAY_SEPARATOR = "\u001f";
const ARRAY_SEPARATOR_SQL = "E'\\x1f'";
const isArray = (type: string) => type.endsWith("[]");

/** Column-major parameter arrays for `unnestInsertSql`. */
export function columnArrays<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): unknown[][] {
  return columns.map(([key, , type]) =>
    isArray(type) ? rows.map((row) => (row[key] as readonly string[]).join(ARRAY_SEPARATOR)) : rows.map((row) => row[key] ?? null),
  );
}
