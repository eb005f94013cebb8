// Batched inserts of case and drug rows: one statement per table per batch.
import type pg from "pg";
import { CASE_COLUMNS, DRUG_COLUMNS, batchParams, batchInsertSql, type TCaseRow, type TDrugRow } from "./case-columns";

const INSERT_CASES = batchInsertSql("case_report", CASE_COLUMNS);
const INSERT_DRUGS = batchInsertSql("case_drug", DRUG_COLUMNS);

/** Inserts new cases and their drugs; a duplicate (source, sourceId) fails the statement. */
export async function insertCaseRows(client: pg.ClientBase, cases: readonly TCaseRow[], drugs: readonly TDrugRow[]): Promise<void> {
  if (cases.length) await client.query(INSERT_CASES, batchParams(cases, CASE_COLUMNS));
  if (drugs.length) await client.query(INSERT_DRUGS, batchParams(drugs, DRUG_COLUMNS));
}
