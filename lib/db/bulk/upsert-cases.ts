// Batched upsert of imported cases by their identity (source, sourceId): a new report is
// inserted, a follow-up with a higher version replaces the stored one in place (same id, drugs
// replaced, revision bumped), and the same or an older version changes nothing — so a
// re-import is idempotent and a follow-up never double-counts.
import type pg from "pg";
import { storedCaseDocs } from "@/lib/audit/stored-case-docs";
import type { TCaseRow, TDrugRow } from "@/lib/cases/case-row";
import { CASE_COLUMNS, DRUG_COLUMNS, batchParams, batchInsertSql } from "./case-columns";

const IDENTITY = new Set(["id", "source", "source_id"]);
const UPDATED_COLUMNS = CASE_COLUMNS.map(([, column]) => column).filter((column) => !IDENTITY.has(column));

const UPSERT_CASES = batchInsertSql(
  "case_report",
  CASE_COLUMNS,
  `ON CONFLICT ("source", "source_id") DO UPDATE SET ${UPDATED_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")},
     "revision" = "case_report"."revision" + 1, "updated_at" = now()
   WHERE "case_report"."version" < EXCLUDED."version" AND "case_report"."deleted_at" IS NULL
   RETURNING "id", "source_id", (xmax = 0) AS inserted`,
);
const INSERT_DRUGS = batchInsertSql("case_drug", DRUG_COLUMNS);

/** Stored cases a batch will replace (a higher version of a live case), locked until commit. */
const REPLACED_CASES = `
  SELECT c."id" FROM "case_report" c
  JOIN unnest($1::text[], $2::text[], $3::int4[]) AS n("source", "source_id", "version")
    ON c."source" = n."source"::"CaseSource" AND c."source_id" = n."source_id"
  WHERE c."version" < n."version" AND c."deleted_at" IS NULL
  FOR UPDATE OF c`;

export type TUpsertCounts = { inserted: number; updated: number; unchanged: number };
/** A case the batch created or replaced: its stored id, and for a replacement the case before. */
export type TWrittenCase = { id: string; sourceId: string; inserted: boolean; before: unknown };

export async function upsertCaseRows(
  client: pg.ClientBase,
  cases: readonly TCaseRow[],
  drugs: readonly TDrugRow[],
): Promise<TUpsertCounts & { written: TWrittenCase[] }> {
  if (cases.length === 0) return { inserted: 0, updated: 0, unchanged: 0, written: [] };
  const replaced = await client.query<{ id: string }>(REPLACED_CASES, [cases.map((c) => c.source), cases.map((c) => c.sourceId), cases.map((c) => c.version)]);
  const before = await storedCaseDocs(client, replaced.rows.map((r) => r.id));
  const { rows } = await client.query<{ id: string; source_id: string; inserted: boolean }>(
    UPSERT_CASES,
    batchParams(cases, CASE_COLUMNS),
  );
  // A replaced case keeps its stored id: re-point the new drug rows at it.
  const storedIdBySourceId = new Map(rows.map((r) => [r.source_id, r.id]));
  const newIdToStored = new Map<string, string>();
  for (const row of cases) {
    const stored = storedIdBySourceId.get(row.sourceId);
    if (stored) newIdToStored.set(row.id, stored);
  }
  const replacedIds = rows.filter((r) => !r.inserted).map((r) => r.id);
  if (replacedIds.length) await client.query('DELETE FROM "case_drug" WHERE "case_id" = ANY($1::uuid[])', [replacedIds]);
  const keptDrugs = drugs.flatMap((drug) => {
    const caseId = newIdToStored.get(drug.caseId);
    return caseId ? [{ ...drug, caseId }] : [];
  });
  if (keptDrugs.length) await client.query(INSERT_DRUGS, batchParams(keptDrugs, DRUG_COLUMNS));
  const inserted = rows.filter((r) => r.inserted).length;
  const written = rows.map((r) => ({ id: r.id, sourceId: r.source_id, inserted: r.inserted, before: before.get(r.id) ?? null }));
  return { inserted, updated: rows.length - inserted, unchanged: cases.length - rows.length, written };
}

/** Soft-deletes the given source ids (a source's own deletion list); returns the cases it hid as they were. */
export async function softDeleteBySourceIds(client: pg.ClientBase, source: string, sourceIds: readonly string[]): Promise<{ id: string; before: unknown }[]> {
  if (sourceIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `SELECT "id" FROM "case_report" WHERE "source" = $1::"CaseSource" AND "source_id" = ANY($2::text[]) AND "deleted_at" IS NULL FOR UPDATE`,
    [source, sourceIds],
  );
  const ids = rows.map((r) => r.id);
  const before = await storedCaseDocs(client, ids);
  await client.query(`UPDATE "case_report" SET "deleted_at" = now(), "revision" = "revision" + 1 WHERE "id" = ANY($1::uuid[])`, [ids]);
  return ids.map((id) => ({ id, before: before.get(id) ?? null }));
}
