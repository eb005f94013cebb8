// Refuses a source id that appears twice in one file. The ids already written live in a
// temporary table of the import's own transaction, not in a Map: a Map costs ~200 bytes of
// heap per row, so memory grew with the file (1M rows ≈ 200 MB); the table costs the process
// nothing and vanishes with the transaction (ON COMMIT DROP, and on rollback).
import type pg from "pg";
import { recordError, type ImportError } from "../errors";
import type { TRecordRef } from "../types";

const TABLE = "nms_import_seen";

const whereOf = (ref: TRecordRef) => (ref.line !== undefined ? `line ${ref.line}` : `record ${ref.record ?? "?"}`);

export type TDuplicate<T> = { item: T; error: ImportError };

export class DuplicateGuard<T extends { sourceId: string; ref: TRecordRef }> {
  /** The batch not yet checked against the table (in file order), by source id. */
  private pending = new Map<string, T>();

  private constructor(private readonly client: pg.ClientBase) {}

  /** Creates the transaction's id table; call inside the import's transaction. */
  static async open<T extends { sourceId: string; ref: TRecordRef }>(client: pg.ClientBase): Promise<DuplicateGuard<T>> {
    // A temporary table is private to this session and unlogged: no WAL, no other reader.
    await client.query(`CREATE TEMPORARY TABLE "${TABLE}" ("source_id" text PRIMARY KEY, "first_at" text NOT NULL) ON COMMIT DROP`);
    return new DuplicateGuard<T>(client);
  }

  /**
   * Adds one record to the pending batch. A repeat of an id in the same batch is known at once
   * (the error, else null); repeats of earlier batches are found by `flush`.
   */
  add(item: T): ImportError | null {
    const first = this.pending.get(item.sourceId);
    if (first) return duplicateError(item, whereOf(first.ref));
    this.pending.set(item.sourceId, item);
    return null;
  }

  /** Takes the pending batch (in file order) for `check`; the next batch starts empty. */
  take(): T[] {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    return batch;
  }

  /**
   * Checks a taken batch against the ids of earlier batches and remembers it; returns the
   * batch's items that repeat an earlier id, in file order, with their errors. Batches must be
   * checked in the order they were taken.
   */
  async check(batch: readonly T[]): Promise<TDuplicate<T>[]> {
    if (batch.length === 0) return [];
    const ids = batch.map((item) => item.sourceId);
    const { rows } = await this.client.query<{ source_id: string; first_at: string }>(
      `SELECT "source_id", "first_at" FROM "${TABLE}" WHERE "source_id" = ANY($1::text[])`,
      [ids],
    );
    const firstAt = new Map(rows.map((r) => [r.source_id, r.first_at]));
    const duplicates = batch.flatMap((item) => {
      const at = firstAt.get(item.sourceId);
      return at === undefined ? [] : [{ item, error: duplicateError(item, at) }];
    });
    const fresh = batch.filter((item) => !firstAt.has(item.sourceId));
    await this.client.query(`INSERT INTO "${TABLE}" ("source_id", "first_at") SELECT * FROM unnest($1::text[], $2::text[])`, [
      fresh.map((item) => item.sourceId),
      fresh.map((item) => whereOf(item.ref)),
    ]);
    return duplicates;
  }

  /** take + check. */
  flush(): Promise<TDuplicate<T>[]> {
    return this.check(this.take());
  }
}

function duplicateError(item: { sourceId: string; ref: TRecordRef }, firstAt: string): ImportError {
  return recordError(item.ref, "source_id", `"${item.sourceId}" already appears on ${firstAt}`);
}
