// Folds the aggregate rollup's delta rows (one per statement that changed cases) into one row
// per cuboid key. One statement: it deletes exactly the rows its snapshot sees and inserts their
// sums, so a concurrent writer's new deltas stay untouched and every reader sums to the same
// counts before, during and after. Run after bulk writes, and debounced after single edits.
// Only keys with more than one row are folded: a key with one row is folded already, and
// rewriting those (most of the table after the first fold) made every import's fold cost the
// size of the whole rollup — 63,000 rows at 50,000 cases, 240,000 at 10,000,000.
import { getPgPool } from "./pg-pool";
import { withTransaction } from "./transaction";

/** The summed columns: counts (cases, fatal, known, unmatched suspects) and their record-key sums (lib/stats/cell-key.ts). */
export const ROLLUP_MEASURES = ["cases", "fatal", "known", "k_cases", "k_fatal", "k_known", "unmatched", "k_unmatched"];
/** Not keys: the id and the measures. Every other column is a key (the cuboid, and rollup.ts's ROLLUP_COLUMNS). */
const NOT_KEYS = ["id", ...ROLLUP_MEASURES];
/** The key columns as the table has them: a dimension added by a migration is folded without an edit here. */
const KEY_COLUMNS = `SELECT column_name::text AS name FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = 'case_rollup' AND column_name <> ALL($1::text[]) ORDER BY ordinal_position`;

/** The rows of keys holding more than one row (a window partition, like GROUP BY, puts NULL keys together). */
const compactSql = (KEYS: string) => `
  WITH touched AS (
    SELECT "id" FROM (SELECT "id", count(*) OVER (PARTITION BY ${KEYS}) AS rows_of_key FROM "case_rollup") k WHERE rows_of_key > 1
  ),
  gone AS (DELETE FROM "case_rollup" WHERE "id" IN (SELECT "id" FROM touched) RETURNING *),
  folded AS (
    INSERT INTO "case_rollup" (${KEYS}, ${ROLLUP_MEASURES.map((m) => `"${m}"`).join(", ")})
    SELECT ${KEYS}, ${ROLLUP_MEASURES.map((m) => `sum("${m}")`).join(", ")} FROM gone
    GROUP BY ${KEYS}
    HAVING ${ROLLUP_MEASURES.map((m) => `sum("${m}") <> 0`).join(" OR ")}
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gone)::int AS before, (SELECT count(*) FROM folded)::int AS after`;

/** Advisory lock key ("rollcomp"): one compaction at a time across every app process and CLI on the server. */
const COMPACTION_LOCK_KEY = 0x726f6c6c636f6d70n;

/** Folds; `before` is how many rows were folded, `after` how many they became. */
export async function compactRollup(): Promise<{ before: number; after: number }> {
  const pool = getPgPool();
  const columns = (await pool.query<{ name: string }>(KEY_COLUMNS, [NOT_KEYS])).rows.map((row) => `"${row.name}"`);
  // Two folds at once (two app processes, an import's CLI) would lock the same rows, one waiting
  // on the other — or deadlocking, when their scans meet the rows in different orders — for
  // nothing. The second waits here instead (a transaction lock: freed at COMMIT, or by the server
  // if this process dies) and then, in a snapshot taken after it, folds only the deltas written
  // since.
  return withTransaction(async ({ sql }) => {
    await sql.query("SELECT pg_advisory_xact_lock($1::bigint)", [COMPACTION_LOCK_KEY.toString()]);
    const { rows } = await sql.query<{ before: number; after: number }>(compactSql(columns.join(", ")));
    return rows[0] ?? { before: 0, after: 0 };
  });
}

/** Single edits add a few delta rows each: fold them at most every 30 s, in the background. */
const EDIT_COMPACTION_DELAY_MS = 30_000;
let pending: NodeJS.Timeout | null = null;

export function scheduleRollupCompaction(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    // A failure leaves the deltas, which are still exact; the next edit schedules another try.
    compactRollup().catch((error: unknown) => console.error("rollup compaction failed:", error instanceof Error ? error.message : error));
  }, EDIT_COMPACTION_DELAY_MS);
  pending.unref();
}

/** Drops a scheduled fold (a test that must see the delta rows as the writes left them). */
export function cancelScheduledRollupCompaction(): void {
  if (pending) clearTimeout(pending);
  pending = null;
}
