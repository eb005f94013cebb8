// Refreshes planner statistics after bulk writes. Without them a freshly loaded database plans
// the aggregate joins as nested loops (20–40 s instead of < 1 s); autovacuum would catch up only
// later, and never on the embedded database's first minutes.
import { getPgPool } from "./pg-pool";

export async function analyzeCaseTables(): Promise<void> {
  await getPgPool().query('ANALYZE "case_report", "case_drug", "catalogue_drug", "exposure_denominator", "background_count"');
}
