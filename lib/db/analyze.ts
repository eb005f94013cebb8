// Settles the database after bulk writes: folds the rollup's delta rows and refreshes planner
// statistics. Without statistics a freshly loaded database plans the aggregate joins as nested
// loops (20–40 s instead of < 1 s); autovacuum would catch up only later, and never on the
// embedded database's first minutes.
import { getPgPool } from "./pg-pool";
import { compactRollup } from "./rollup-compaction";

export async function analyzeCaseTables(): Promise<void> {
  await compactRollup();
  await getPgPool().query(
    'ANALYZE "case_report", "case_drug", "case_rollup", "catalogue_drug", "exposure_denominator", "background_count"',
  );
}
