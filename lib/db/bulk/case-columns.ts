// The stored row shapes of a case and its drugs, and the column lists every bulk writer builds
// its SQL from — derived from one source, Prisma's schema (prisma/schema.prisma through the
// generated model types), instead of a hand-written row type beside Prisma's. A column added to
// the schema is a compile error here until it is listed (with its Postgres type) or named as one
// the bulk writers leave alone; tests/integration/db/case-columns.test.ts checks the lists
// against the migrated database's columns and types.
import type { CaseDrugModel, CaseReportModel } from "@/lib/generated/prisma/models";
import { BOOLEAN_CASE_FIELDS, type BooleanCaseField } from "@/lib/domain/case-schema";

/** Dates travel as ISO "YYYY-MM-DD" strings (JSON batches, json_populate_recordset), not Date objects. */
type Stored<Model> = { [K in keyof Model]: Model[K] extends Date ? string : Model[K] extends Date | null ? string | null : Model[K] };

/**
 * case_report columns the bulk writers never set: the revision and the timestamps are the
 * database's, duplicate links and nullification belong to their own commands.
 */
export const CASE_COLUMNS_NOT_WRITTEN = [
  "revision",
  "duplicateOf",
  "createdAt",
  "updatedAt",
  "deletedAt",
  "nullificationReason",
  "nullifiedBy",
] as const;

/** A case as the bulk writers store it: Prisma's CaseReport row without the columns above. */
export type TCaseRow = Omit<Stored<CaseReportModel>, (typeof CASE_COLUMNS_NOT_WRITTEN)[number]>;
/** A case's drug as stored: Prisma's CaseDrug row. */
export type TDrugRow = Stored<CaseDrugModel>;

/**
 * The case columns derived from what a user enters (toCaseRows): scores, attribution and the
 * unmatched-suspect flag. Re-derivation rewrites exactly these; an input document leaves them out.
 */
export const DERIVED_CASE_FIELDS = [
  "consensusScore",
  "consensusMaxScore",
  "meetsConsensus",
  "naranjoScore",
  "attributingClasses",
  "attributingDrugs",
  "unmatchedSuspect",
] as const;

type Column<Row> = readonly [key: keyof Row & string, column: string, pgType: string];

/** The SQL column of a field: Prisma's @map names are the field's name in snake case. */
export const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Postgres types of the case columns other than the yes/no/unknown fields (all `bool`). */
const CASE_TYPES = {
  id: "uuid",
  source: '"CaseSource"',
  sourceId: "text",
  version: "int4",
  receivedDate: "date",
  onsetDate: "date",
  country: "varchar",
  reporterType: '"ReporterType"',
  status: '"CaseStatus"',
  followUpDue: "date",
  onsetUnknown: "bool",
  patientInitials: "text",
  sex: '"Sex"',
  ageYears: "float8",
  weightKg: "float8",
  maxTempC: "float8",
  ckMax: "float8",
  ckUln: "float8",
  wbc: "float8",
  outcome: '"Outcome"',
  durationDays: "float8",
  narrative: "text",
  consensusScore: "int4",
  consensusMaxScore: "int4",
  meetsConsensus: "bool",
  naranjoScore: "int4",
  attributingClasses: "text[]",
  attributingDrugs: "text[]",
  unmatchedSuspect: "bool",
  importJobId: "uuid",
} as const satisfies Partial<Record<keyof TCaseRow, string>>;

const DRUG_TYPES = {
  id: "uuid",
  caseId: "uuid",
  catalogueDrugId: "int4",
  reportedName: "text",
  role: '"DrugRole"',
  dose: "text",
  route: "text",
  formulation: '"Formulation"',
  startDate: "date",
  stopDate: "date",
  doseChange: '"DoseChange"',
  doseChangeDate: "date",
  nameIgnored: "bool",
} as const satisfies Record<keyof TDrugRow, string>;

// Compile-time: every field of the row has a column type, so a new schema field cannot be left out.
type Unlisted = Exclude<keyof TCaseRow, keyof typeof CASE_TYPES | BooleanCaseField>;
const everyCaseFieldListed: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;
void everyCaseFieldListed;

const columnsOf = <Row>(types: Partial<Record<keyof Row & string, string>>): Column<Row>[] =>
  Object.entries(types).map(([key, pgType]) => [key as keyof Row & string, snakeCase(key), pgType as string] as const);

export const CASE_COLUMNS: readonly Column<TCaseRow>[] = [
  ...columnsOf<TCaseRow>(CASE_TYPES),
  ...BOOLEAN_CASE_FIELDS.map((key) => [key, snakeCase(key), "bool"] as const),
];

export const DRUG_COLUMNS: readonly Column<TDrugRow>[] = columnsOf<TDrugRow>(DRUG_TYPES);

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
