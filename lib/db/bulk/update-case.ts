// Replaces one stored case's fields and drugs if — and only if — it is still at the revision
// the editor read (optimistic concurrency). Returns false when someone else changed it first.
import type pg from "pg";
import { CASE_COLUMNS, DRUG_COLUMNS, batchParams, batchInsertSql, type TCaseRow, type TDrugRow } from "./case-columns";

const EDITABLE = CASE_COLUMNS.filter(([, column]) => !["id", "source", "source_id", "import_job_id"].includes(column));
const UPDATE_CASE = `UPDATE "case_report" SET ${EDITABLE.map(([, column, type], i) => `"${column}" = $${i + 3}::${type}`).join(", ")},
  "revision" = "revision" + 1, "updated_at" = now()
  WHERE "id" = $1::uuid AND "revision" = $2::int4 AND "deleted_at" IS NULL`;
const INSERT_DRUGS = batchInsertSql("case_drug", DRUG_COLUMNS);

export async function updateCaseRow(
  client: pg.ClientBase,
  row: TCaseRow,
  drugs: readonly TDrugRow[],
  expectedRevision: number,
): Promise<boolean> {
  const { rowCount } = await client.query(UPDATE_CASE, [row.id, expectedRevision, ...EDITABLE.map(([key]) => row[key] ?? null)]);
  if (!rowCount) return false;
  await client.query('DELETE FROM "case_drug" WHERE "case_id" = $1::uuid', [row.id]);
  if (drugs.length) await client.query(INSERT_DRUGS, batchParams(drugs, DRUG_COLUMNS));
  return true;
}

/**
 * Nullifies a case at the expected revision (it stays stored, counts nowhere: docs/case-processing.md);
 * false when the case is gone, already nullified or was changed meanwhile.
 */
export async function nullifyCaseRow(
  client: pg.ClientBase,
  id: string,
  expectedRevision: number,
  reason: string,
  by: string,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE "case_report" SET "deleted_at" = now(), "nullification_reason" = $3, "nullified_by" = $4, "revision" = "revision" + 1
     WHERE "id" = $1::uuid AND "revision" = $2::int4 AND "deleted_at" IS NULL`,
    [id, expectedRevision, reason, by],
  );
  return (rowCount ?? 0) > 0;
}

/** Restores a nullified case at the expected revision; false when it is not nullified or changed meanwhile. */
export async function restoreCaseRow(client: pg.ClientBase, id: string, expectedRevision: number): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE "case_report" SET "deleted_at" = NULL, "nullification_reason" = NULL, "nullified_by" = NULL, "revision" = "revision" + 1
     WHERE "id" = $1::uuid AND "revision" = $2::int4 AND "deleted_at" IS NOT NULL`,
    [id, expectedRevision],
  );
  return (rowCount ?? 0) > 0;
}
