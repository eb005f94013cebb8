// Moves an import's staged cases (import_staged_case, lib/imports/write/import-stage.ts) into the
// case tables by their identity (source, sourceId), set-based, in the caller's transaction: a new
// report is inserted, a follow-up with a higher version replaces the stored one in place (same
// id, drugs replaced, revision bumped), and the same or an older version changes nothing — so a
// re-import is idempotent and a follow-up never double-counts. One audit event per case created
// or replaced ("before" the stored case, "after" the record as read; a created case's "after" is
// its row, not a copy: lib/audit/write-audit-event.ts), in the same transaction.
import type pg from "pg";
import { CASE_COLUMNS, DRUG_COLUMNS } from "./case-columns";
import { storedCaseDocSql, storedCaseDocs } from "./stored-case-docs";

const IDENTITY = new Set(["id", "source", "source_id"]);
const UPDATED_COLUMNS = CASE_COLUMNS.map(([, column]) => column).filter((column) => !IDENTITY.has(column));
const list = (columns: readonly string[], alias = "") => columns.map((c) => `${alias}"${c}"`).join(", ");
const CASE_NAMES = CASE_COLUMNS.map(([, column]) => column);
const DRUG_NAMES = DRUG_COLUMNS.map(([, column]) => column);

/** The cases this move writes: their stored ids, whether new, and (replaced ones) the case before. */
const MOVED = "nms_import_moved";
const CREATE_MOVED = `CREATE TEMPORARY TABLE "${MOVED}" ("id" uuid PRIMARY KEY, "source_id" text NOT NULL, "inserted" bool NOT NULL, "before" jsonb) ON COMMIT DROP`;

/** Stored live cases the job's staged follow-ups will replace, locked until commit, as they are now. */
const REPLACED_CASES = `
  INSERT INTO "${MOVED}" ("id", "source_id", "inserted", "before")
  SELECT c."id", c."source_id", false, ${storedCaseDocSql("c")}
  FROM "case_report" c JOIN "import_staged_case" s
    ON s."job_id" = $1 AND c."source_id" = s."source_id" AND c."source" = (s."case_row"->>'source')::"CaseSource"
  WHERE c."version" < (s."case_row"->>'version')::int4 AND c."deleted_at" IS NULL
  FOR UPDATE OF c`;

const UPSERT_CASES = `
  WITH written AS (
    INSERT INTO "case_report" (${list(CASE_NAMES)}, "updated_at")
    SELECT ${list(CASE_NAMES, "u.")}, now()
    FROM "import_staged_case" s CROSS JOIN LATERAL jsonb_populate_record(NULL::"case_report", s."case_row") AS u
    WHERE s."job_id" = $1 ORDER BY s."seq"
    ON CONFLICT ("source", "source_id") DO UPDATE SET ${UPDATED_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")},
      "revision" = "case_report"."revision" + 1, "updated_at" = now()
    WHERE "case_report"."version" < EXCLUDED."version" AND "case_report"."deleted_at" IS NULL
    RETURNING "id", "source_id", (xmax = 0) AS inserted
  ), fresh AS (
    INSERT INTO "${MOVED}" ("id", "source_id", "inserted") SELECT "id", "source_id", true FROM written WHERE inserted
  )
  SELECT (SELECT count(*) FROM "import_staged_case" WHERE "job_id" = $1)::int4 AS staged,
    (count(*) FILTER (WHERE inserted))::int4 AS inserted, (count(*) FILTER (WHERE NOT inserted))::int4 AS updated
  FROM written`;

/** A replaced case's drugs go; every written case gets its staged drugs, pointed at its stored id. */
const CLEAR_REPLACED_DRUGS = `DELETE FROM "case_drug" WHERE "case_id" IN (SELECT "id" FROM "${MOVED}" WHERE NOT "inserted")`;
const INSERT_DRUGS = `
  INSERT INTO "case_drug" (${list(DRUG_NAMES)})
  SELECT ${DRUG_NAMES.map((c) => (c === "case_id" ? `m."id"` : `d."${c}"`)).join(", ")}
  FROM "${MOVED}" m JOIN "import_staged_case" s ON s."job_id" = $1 AND s."source_id" = m."source_id"
  CROSS JOIN LATERAL jsonb_populate_recordset(NULL::"case_drug", s."drug_rows") AS d
  ORDER BY s."seq"`;

/**
 * The audit events of the cases a move wrote, for `writeAuditEventsSelected` (lib/audit) in the
 * same transaction, right after `moveStagedCases`: $1 the job, $2 the actor, $3 the request id.
 */
export const MOVED_CASE_EVENTS = `
  SELECT $2::text, CASE WHEN m."inserted" THEN 'create' ELSE 'update' END, 'case', m."id"::text, m."before", s."input", $3::text,
    m."inserted"
  FROM "${MOVED}" m JOIN "import_staged_case" s ON s."job_id" = $1 AND s."source_id" = m."source_id"
  ORDER BY s."seq"`;

export type TUpsertCounts = { inserted: number; updated: number; unchanged: number };

/**
 * Moves job `jobId`'s staged cases; call inside the transaction that finishes the import, and
 * write MOVED_CASE_EVENTS there too when it inserted or updated any.
 */
export async function moveStagedCases(client: pg.ClientBase, jobId: string): Promise<TUpsertCounts> {
  await client.query(CREATE_MOVED);
  await client.query(REPLACED_CASES, [jobId]);
  const { rows } = await client.query<{ staged: number; inserted: number; updated: number }>(UPSERT_CASES, [jobId]);
  const { staged, inserted, updated } = rows[0] ?? { staged: 0, inserted: 0, updated: 0 };
  if (updated) await client.query(CLEAR_REPLACED_DRUGS);
  if (inserted + updated) await client.query(INSERT_DRUGS, [jobId]);
  return { inserted, updated, unchanged: staged - inserted - updated };
}

/** Soft-deletes the given source ids (a source's own deletion list); returns the cases it hid as they were. */
export async function softDeleteBySourceIds(
  client: pg.ClientBase,
  source: string,
  sourceIds: readonly string[],
): Promise<{ id: string; before: unknown }[]> {
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
