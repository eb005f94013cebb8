// Where the bytes go: every table of the database with its indexes and TOAST
// (pg_total_relation_size), divided by the live cases, so "bytes per case" counts everything a
// case costs — its row, its drugs, its audit events, its share of the rollup — and the dead
// space a table still holds.
import type pg from "pg";

export type TTableStorage = { table: string; bytes: number; tableBytes: number; indexBytes: number; rows: number; bytesPerCase: number };
export type TStorage = { liveCases: number; totalBytes: number; bytesPerCase: number; byTable: TTableStorage[] };

const SIZES = `
  SELECT c.relname AS table, pg_total_relation_size(c.oid)::float8 AS bytes,
    pg_table_size(c.oid)::float8 AS table_bytes, pg_indexes_size(c.oid)::float8 AS index_bytes,
    GREATEST(c.reltuples, 0)::float8 AS rows
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind = 'r'
  ORDER BY pg_total_relation_size(c.oid) DESC`;

/** Sizes after ANALYZE-level row estimates; the caller vacuums or analyses first if it wants them fresh. */
export async function measureStorage(client: pg.ClientBase): Promise<TStorage> {
  const live = await client.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM "case_report" WHERE "deleted_at" IS NULL`);
  const liveCases = live.rows[0]?.n ?? 0;
  const { rows } = await client.query<{ table: string; bytes: number; table_bytes: number; index_bytes: number; rows: number }>(SIZES);
  const per = (bytes: number) => (liveCases ? bytes / liveCases : 0);
  const byTable = rows.map((r) => ({
    table: r.table,
    bytes: r.bytes,
    tableBytes: r.table_bytes,
    indexBytes: r.index_bytes,
    rows: r.rows,
    bytesPerCase: per(r.bytes),
  }));
  const totalBytes = byTable.reduce((sum, t) => sum + t.bytes, 0);
  return { liveCases, totalBytes, bytesPerCase: per(totalBytes), byTable };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The storage table as printed by the bench: tables over 0.1 % of the total, then the rest summed. */
export function storageLines(storage: TStorage): string[] {
  const shown = storage.byTable.filter((t) => t.bytes >= storage.totalBytes / 1000);
  const rest = storage.byTable.filter((t) => t.bytes < storage.totalBytes / 1000);
  const line = (name: string, bytes: number, table: string, index: string, perCase: number) =>
    `${name.padEnd(28)} ${mb(bytes).padStart(10)} ${table.padStart(10)} ${index.padStart(10)} ${perCase.toFixed(0).padStart(9)}`;
  return [
    `storage: ${storage.liveCases.toLocaleString("en")} live cases, ${mb(storage.totalBytes)} MB, ${storage.bytesPerCase.toFixed(0)} bytes per case`,
    `${"table".padEnd(28)} ${"total MB".padStart(10)} ${"heap MB".padStart(10)} ${"index MB".padStart(10)} ${"B/case".padStart(9)}`,
    ...shown.map((t) => line(t.table, t.bytes, mb(t.tableBytes), mb(t.indexBytes), t.bytesPerCase)),
    ...(rest.length
      ? [
          line(
            `(${rest.length} other tables)`,
            rest.reduce((s, t) => s + t.bytes, 0),
            "",
            "",
            rest.reduce((s, t) => s + t.bytesPerCase, 0),
          ),
        ]
      : []),
  ];
}
