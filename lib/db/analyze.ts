// Settles the database after bulk writes: folds the rollup's delta rows and refreshes planner
// statistics. Without statistics a freshly loaded database plans the aggregate joins as nested
// loops (20–40 s instead of < 1 s); autovacuum would catch up only later, and never on the
// embedded database's first minutes.
import { getPgPool } from "./pg-pool";
import { compactRollup } from "./rollup-compaction";

/**
 * Folds the rollup's deltas, then VACUUMs it: the fold leaves every row it read dead, and VACUUM
 * marks their space free at once, so the next deltas and the next fold's rows fill it instead of
 * growing the file. A bulk writer calls this every 50,000 cases or so (the seed does): a million
 * seeded cases folded once at the end left 4 GB of dead deltas behind ~200,000 live rows
 * (docs/scaling.md, "Where the bytes go"). VACUUM is its own statement, outside any transaction.
 */
export async function foldRollup(): Promise<{ before: number; after: number }> {
  const folded = await compactRollup();
  await getPgPool().query('VACUUM "case_rollup"');
  return folded;
}

export async function analyzeCaseTables(): Promise<void> {
  await foldRollup();
  await getPgPool().query(
    'ANALYZE "case_report", "case_drug", "case_rollup", "catalogue_drug", "exposure_denominator", "background_count"',
  );
}
