// The import's write path on a Postgres server: the whole file goes in ONE transaction on one
// connection, batch by batch while the file is read. Each batch is sent with COPY (text format:
// typed values Postgres parses directly, not JSON turned into jsonb and back) into temporary
// tables, checked against the source ids of the earlier batches, and moved into the case tables
// at once — so the database does its share of the work while Node reads the next batch, instead
// of all of it at the end. Until COMMIT nobody sees any of it (MVCC), and a failure anywhere rolls
// all of it back: the file stays all or nothing. Temporary tables are not WAL-logged and vanish
// with the transaction, so nothing is left to sweep after a crash.
//
// The embedded database keeps the staging table (import-stage.ts): it has one session, and a
// transaction open for the whole file would hold every other read and write until the end.
import type pg from "pg";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import { storedCaseDocSql } from "@/lib/audit/stored-case-docs";
import { writeAuditEventsSelected } from "@/lib/audit/write-audit-event";
import { CASE_COLUMNS, DRUG_COLUMNS } from "@/lib/db/bulk/case-columns";
import { copyEscape, copyLine } from "@/lib/db/bulk/copy-text";
import type { TUpsertCounts } from "@/lib/db/bulk/upsert-cases";
import { withTransaction } from "@/lib/db/transaction";
import { ImportStage, duplicateError, whereOf, type TDuplicate, type TStagedCase } from "./import-stage";

const CASES = "nms_copy_case";
const DRUGS = "nms_copy_drug";
const SEEN = "nms_copy_seen";
const MOVED = "nms_copy_moved";

const quoted = (columns: readonly string[], alias = "") => columns.map((c) => `${alias}"${c}"`).join(", ");
const CASE_NAMES = CASE_COLUMNS.map(([, column]) => column);
const CASE_KEYS = CASE_COLUMNS.map(([key]) => key);
const DRUG_NAMES = DRUG_COLUMNS.map(([, column]) => column);
const DRUG_KEYS = DRUG_COLUMNS.map(([key]) => key);
const IDENTITY = new Set(["id", "source", "source_id"]);

const CREATE = [
  `CREATE TEMPORARY TABLE "${CASES}" (${CASE_COLUMNS.map(([, c, type]) => `"${c}" ${type}`).join(", ")},
     "seq" int4 NOT NULL, "first_at" text NOT NULL, "input" text NOT NULL) ON COMMIT DROP`,
  `CREATE TEMPORARY TABLE "${DRUGS}" (${DRUG_COLUMNS.map(([, c, type]) => `"${c}" ${type}`).join(", ")}, "ord" int4 NOT NULL) ON COMMIT DROP`,
  `CREATE TEMPORARY TABLE "${SEEN}" ("source_id" text PRIMARY KEY, "first_at" text NOT NULL) ON COMMIT DROP`,
  `CREATE TEMPORARY TABLE "${MOVED}" ("id" uuid PRIMARY KEY, "source_id" text NOT NULL, "inserted" bool NOT NULL, "before" jsonb) ON COMMIT DROP`,
];
const COPY_CASES = `COPY "${CASES}" (${quoted(CASE_NAMES)}, "seq", "first_at", "input") FROM STDIN`;
const COPY_DRUGS = `COPY "${DRUGS}" (${quoted(DRUG_NAMES)}, "ord") FROM STDIN`;

/** Remembers the batch's source ids; how many were new (the others repeat an earlier batch's). */
const REMEMBER = `WITH added AS (
    INSERT INTO "${SEEN}" ("source_id", "first_at") SELECT "source_id", "first_at" FROM "${CASES}"
    ON CONFLICT ("source_id") DO NOTHING RETURNING 1
  ) SELECT count(*)::int4 AS n FROM added`;
/** The batch's source ids that an earlier batch of the file already had, with where (line numbers are unique). */
const EARLIER = `SELECT c."source_id", s."first_at" FROM "${CASES}" c JOIN "${SEEN}" s ON s."source_id" = c."source_id" AND s."first_at" <> c."first_at"`;
const DROP_REPEATS = [
  `DELETE FROM "${DRUGS}" d USING "${CASES}" c WHERE d."case_id" = c."id" AND c."source_id" = ANY($1::text[])`,
  `DELETE FROM "${CASES}" WHERE "source_id" = ANY($1::text[])`,
];

/** As upsert-cases.ts, from the typed batch: stored live cases its follow-ups replace, locked, as they are now. */
const REPLACED_CASES = `
  INSERT INTO "${MOVED}" ("id", "source_id", "inserted", "before")
  SELECT c."id", c."source_id", false, ${storedCaseDocSql("c")}
  FROM "case_report" c JOIN "${CASES}" s ON c."source_id" = s."source_id" AND c."source" = s."source"
  WHERE c."version" < s."version" AND c."deleted_at" IS NULL
  FOR UPDATE OF c`;
const UPSERT_CASES = `
  WITH written AS (
    INSERT INTO "case_report" (${quoted(CASE_NAMES)}, "updated_at")
    SELECT ${quoted(CASE_NAMES)}, now() FROM "${CASES}" ORDER BY "seq"
    ON CONFLICT ("source", "source_id") DO UPDATE SET ${CASE_NAMES.filter((c) => !IDENTITY.has(c))
      .map((c) => `"${c}" = EXCLUDED."${c}"`)
      .join(", ")},
      "revision" = "case_report"."revision" + 1, "updated_at" = now()
    WHERE "case_report"."version" < EXCLUDED."version" AND "case_report"."deleted_at" IS NULL
    RETURNING "id", "source_id", (xmax = 0) AS inserted
  ), fresh AS (
    INSERT INTO "${MOVED}" ("id", "source_id", "inserted") SELECT "id", "source_id", true FROM written WHERE inserted
  )
  SELECT (count(*) FILTER (WHERE inserted))::int4 AS inserted, (count(*) FILTER (WHERE NOT inserted))::int4 AS updated FROM written`;
const CLEAR_REPLACED_DRUGS = `DELETE FROM "case_drug" WHERE "case_id" IN (SELECT "id" FROM "${MOVED}" WHERE NOT "inserted")`;
/** Every written case gets its drugs, pointed at its stored id (a replaced case keeps its id). */
const INSERT_DRUGS = `
  INSERT INTO "case_drug" (${quoted(DRUG_NAMES)})
  SELECT ${DRUG_NAMES.map((c) => (c === "case_id" ? `m."id"` : `d."${c}"`)).join(", ")}
  FROM "${MOVED}" m JOIN "${CASES}" s ON s."source_id" = m."source_id" JOIN "${DRUGS}" d ON d."case_id" = s."id"
  ORDER BY d."ord"`;
/**
 * One event per case written: "before" the replaced case, "after" the record as read — for a
 * created case the row itself (after_in_case_row, lib/audit/write-audit-event.ts), so its input
 * is not parsed into jsonb at all.
 */
const CASE_EVENTS = `
  SELECT $1::text, CASE WHEN m."inserted" THEN 'create' ELSE 'update' END, 'case', m."id"::text, m."before",
    CASE WHEN m."inserted" THEN NULL ELSE s."input"::jsonb END, $2::text, m."inserted"
  FROM "${MOVED}" m JOIN "${CASES}" s ON s."source_id" = m."source_id"
  ORDER BY s."seq"`;
/**
 * Empties the batch tables for the next batch. TRUNCATE, not DELETE: deleted rows would stay
 * (no VACUUM inside a transaction), every scan of the batch would step over all earlier ones,
 * and the planner, counting pages, would take a batch for thousands of rows and scan case_report
 * whole instead of probing its index.
 */
const NEXT_BATCH = `TRUNCATE "${CASES}", "${DRUGS}", "${MOVED}"`;

async function copyIn(client: pg.ClientBase, sql: string, text: string): Promise<void> {
  if (!text) return;
  await pipeline(Readable.from([text]), client.query(copyFrom(sql)));
}

/** How the import's transaction ends: its last writes then COMMIT, or ROLLBACK. */
type TEnding = { commit: (client: pg.PoolClient) => Promise<unknown> } | { rollback: true };
const ROLLED_BACK = new Error("the import's transaction was rolled back");

export class CopyImportStage<T extends TStagedCase> extends ImportStage<T> {
  /** Cases inserted, replaced and left as they were, over the batches moved so far. */
  readonly moved: TUpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  private copySeq = 0;
  private batches = 0;
  private drugOrd = 0;
  private end: ((ending: TEnding) => void) | undefined;
  private readonly ending = new Promise<TEnding>((resolve) => (this.end = resolve));
  /** withTransaction's promise: settles once the transaction has committed or rolled back. */
  private transaction: Promise<unknown> = Promise.resolve();

  private constructor(
    jobId: string,
    private readonly client: pg.PoolClient,
    private readonly audit: { actor: string; requestId: string },
  ) {
    super(jobId);
  }

  /**
   * Opens the import's transaction (withTransaction, held open until `commit` or `close`) with
   * its temporary tables; resolves once the batches can be staged.
   */
  static open<T extends TStagedCase>(jobId: string, audit: { actor: string; requestId: string }): Promise<CopyImportStage<T>> {
    return new Promise((opened, failed) => {
      let stage: CopyImportStage<T> | undefined;
      const transaction = withTransaction(async ({ sql }) => {
        for (const statement of CREATE) await sql.query(statement);
        stage = new CopyImportStage<T>(jobId, sql, audit);
        stage.transaction = transaction;
        opened(stage);
        const ending = await stage.ending;
        if ("rollback" in ending) throw ROLLED_BACK;
        return ending.commit(sql);
      });
      transaction.catch((error: unknown) => (stage ? undefined : failed(error instanceof Error ? error : new Error(String(error)))));
    });
  }

  /**
   * Copies one batch in, returns its items whose source id an earlier batch already had (in file
   * order, with their errors; they are not written), and moves the others into the case tables.
   */
  override async stage(batch: readonly T[]): Promise<TDuplicate<T>[]> {
    if (batch.length === 0) return [];
    const client = this.client;
    let cases = "";
    let drugs = "";
    for (const item of batch) {
      const first = whereOf(item.ref);
      cases += `${copyLine(item.rows.caseRow, CASE_KEYS).slice(0, -1)}\t${this.copySeq++}\t${copyEscape(first)}\t${copyEscape(JSON.stringify(item.input))}\n`;
      for (const drug of item.rows.drugRows) drugs += `${copyLine(drug, DRUG_KEYS).slice(0, -1)}\t${this.drugOrd++}\n`;
    }
    await copyIn(client, COPY_CASES, cases);
    await copyIn(client, COPY_DRUGS, drugs);
    // Temporary tables have no statistics until analysed: without them the planner guesses, and
    // joins the batch to case_report by scanning all of it. One batch's figures serve them all.
    if (this.batches === 0) await client.query(`ANALYZE "${CASES}", "${DRUGS}"`);
    const { rows: added } = await client.query<{ n: number }>(REMEMBER);
    const earlier = (added[0]?.n ?? 0) < batch.length ? (await client.query<{ source_id: string; first_at: string }>(EARLIER)).rows : [];
    if (earlier.length) for (const sql of DROP_REPEATS) await client.query(sql, [earlier.map((r) => r.source_id)]);
    await this.move(batch.length - earlier.length);
    const firstAt = new Map(earlier.map((r) => [r.source_id, r.first_at]));
    return batch.flatMap((item) => {
      const at = firstAt.get(item.sourceId);
      return at === undefined ? [] : [{ item, error: duplicateError(item, at) }];
    });
  }

  /** The batch in the temporary tables → case_report, case_drug and audit_event. */
  private async move(staged: number): Promise<void> {
    const client = this.client;
    await client.query(REPLACED_CASES);
    const { rows } = await client.query<{ inserted: number; updated: number }>(UPSERT_CASES);
    const { inserted, updated } = rows[0] ?? { inserted: 0, updated: 0 };
    if (this.batches === 0) await client.query(`ANALYZE "${MOVED}", "${SEEN}"`);
    if (updated) await client.query(CLEAR_REPLACED_DRUGS);
    if (inserted + updated) {
      await client.query(INSERT_DRUGS);
      await writeAuditEventsSelected(client, CASE_EVENTS, [this.audit.actor, this.audit.requestId]);
    }
    this.moved.inserted += inserted;
    this.moved.updated += updated;
    this.moved.unchanged += staged - inserted - updated;
    await client.query(NEXT_BATCH);
    this.batches++;
  }

  /** Runs the import's last writes (`work`) in its transaction and commits everything. */
  async commit<R>(work: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    let result: R | undefined;
    this.end?.({ commit: async (client) => (result = await work(client)) });
    this.end = undefined;
    await this.transaction;
    return result as R;
  }

  /** Rolls back what was not committed (nothing of the file stays); a no-op after `commit`. */
  async close(): Promise<void> {
    this.end?.({ rollback: true });
    this.end = undefined;
    await this.transaction.catch(() => undefined);
  }
}
