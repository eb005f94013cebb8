// An import's cases on their way to the case tables. Each batch is written to import_staged_case
// in ONE short statement (its own transaction) while the file is read; the whole file then moves
// into case_report/case_drug in one transaction at the end (moveStagedCases). On the embedded
// database, which has a single session, reads and other writes run between the batches instead
// of waiting for the whole import (docs/security.md, "Uploads that cannot starve the app"), and
// the file stays all or nothing: until the move commits, nothing of it is in the case tables.
//
// The staged rows also refuse a source id that appears twice in one file: the ids already read
// live in the table, not in a Map (~200 bytes of heap per row: 1M rows ≈ 200 MB).
import type { TCaseRows } from "@/lib/cases/to-case-rows";
import { CASE_COLUMNS, DRUG_COLUMNS } from "@/lib/db/bulk/case-columns";
import { getPgPool } from "@/lib/db/pg-pool";
import type { TCaseInput } from "@/lib/domain/case-schema";
import { recordError, type ImportError } from "../errors";
import type { TRecordRef } from "../types";

/** A case read and mapped, waiting for its batch to be staged. */
export type TStagedCase = { sourceId: string; ref: TRecordRef; input: TCaseInput; rows: TCaseRows };

export type TDuplicate<T> = { item: T; error: ImportError };

/** Where a record was read, as the duplicate-id error names it: "line 12" or "record 3". */
export const whereOf = (ref: TRecordRef) => (ref.line !== undefined ? `line ${ref.line}` : `record ${ref.record ?? "?"}`);

/** A row as an object keyed by column name, as json(b)_populate_record reads it. */
function byColumn(row: object, columns: readonly (readonly [string, string, string])[]): Record<string, unknown> {
  const values = row as Record<string, unknown>;
  const object: Record<string, unknown> = {};
  for (const [key, column] of columns) object[column] = values[key] ?? null;
  return object;
}

/**
 * One statement: the batch's ids that an earlier batch already staged come back (with where they
 * were first read); every other case of the batch is staged. The CTEs share one snapshot, so
 * "earlier" never sees the rows this statement inserts.
 */
const STAGE_BATCH = `
  WITH incoming AS (
    SELECT * FROM json_to_recordset($2::json) AS x("source_id" text, "seq" int4, "first_at" text, "case_row" jsonb, "drug_rows" jsonb, "input" jsonb)
  ), earlier AS (
    SELECT s."source_id", s."first_at" FROM "import_staged_case" s JOIN incoming i ON s."job_id" = $1 AND s."source_id" = i."source_id"
  ), staged AS (
    INSERT INTO "import_staged_case" ("job_id", "source_id", "seq", "first_at", "case_row", "drug_rows", "input")
    SELECT $1, i."source_id", i."seq", i."first_at", i."case_row", i."drug_rows", i."input" FROM incoming i
    WHERE NOT EXISTS (SELECT 1 FROM earlier e WHERE e."source_id" = i."source_id")
  )
  SELECT "source_id", "first_at" FROM earlier`;

export class ImportStage<T extends TStagedCase> {
  /** The batch not yet staged (in file order), by source id. */
  private pending = new Map<string, T>();
  private seq = 0;

  constructor(private readonly jobId: string) {}

  /**
   * Adds one record to the pending batch. A repeat of an id in the same batch is known at once
   * (the error, else null); repeats of earlier batches are found by `stage`.
   */
  add(item: T): ImportError | null {
    const first = this.pending.get(item.sourceId);
    if (first) return duplicateError(item, whereOf(first.ref));
    this.pending.set(item.sourceId, item);
    return null;
  }

  /** Takes the pending batch (in file order) for `stage`; the next batch starts empty. */
  take(): T[] {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    return batch;
  }

  /**
   * Stages a taken batch: returns its items that repeat an id of an earlier batch, in file order,
   * with their errors; the others are staged. Batches must be staged in the order they were taken.
   */
  async stage(batch: readonly T[]): Promise<TDuplicate<T>[]> {
    if (batch.length === 0) return [];
    const rows = batch.map((item) => ({
      source_id: item.sourceId,
      seq: this.seq++,
      first_at: whereOf(item.ref),
      case_row: byColumn(item.rows.caseRow, CASE_COLUMNS),
      drug_rows: item.rows.drugRows.map((drug) => byColumn(drug, DRUG_COLUMNS)),
      input: item.input,
    }));
    const { rows: earlier } = await getPgPool().query<{ source_id: string; first_at: string }>(STAGE_BATCH, [
      this.jobId,
      JSON.stringify(rows),
    ]);
    const firstAt = new Map(earlier.map((r) => [r.source_id, r.first_at]));
    return batch.flatMap((item) => {
      const at = firstAt.get(item.sourceId);
      return at === undefined ? [] : [{ item, error: duplicateError(item, at) }];
    });
  }

  /** take + stage. */
  flush(): Promise<TDuplicate<T>[]> {
    return this.stage(this.take());
  }
}

export function duplicateError(item: { sourceId: string; ref: TRecordRef }, firstAt: string): ImportError {
  return recordError(item.ref, "source_id", `"${item.sourceId}" already appears on ${firstAt}`);
}

/**
 * Drops a job's staged cases: once moved, or when its import failed. The VACUUM gives their space
 * back — to the file system when no other job has rows staged (VACUUM cuts the file's empty
 * tail), else to the next batches: a staged case is ~4 KB (row, drugs and input as JSON), and a
 * deleted import left that per case behind for good (docs/scaling.md, "Where the bytes go").
 */
export async function clearStagedCases(jobId: string): Promise<void> {
  await getPgPool().query(`DELETE FROM "import_staged_case" WHERE "job_id" = $1`, [jobId]);
  await getPgPool().query(`VACUUM "import_staged_case"`);
}

/**
 * Drops the staged cases of every job that is no longer queued or running (its process was
 * killed, or died before it could clean up); returns how many rows went.
 */
export async function clearAbandonedStaging(): Promise<number> {
  const { rowCount } = await getPgPool().query(
    `DELETE FROM "import_staged_case" s WHERE NOT EXISTS (
       SELECT 1 FROM "import_job" j WHERE j."id" = s."job_id" AND j."status" IN ('queued', 'running'))`,
  );
  return rowCount ?? 0;
}
