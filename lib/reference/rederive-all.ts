// Re-derives every stored case against the current catalogue and mappings, in one transaction,
// audited as one event: `npm run cli -- rederive`. Idempotent: a second run changes nothing.
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { rederiveCases, type TRederiveProgress, type TRederiveResult } from "@/lib/cases/rederive-cases";
import { withTransaction } from "@/lib/db/transaction";
import { compactRollup } from "@/lib/db/rollup-compaction";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { REFERENCE_LOCK_KEY } from "./write-reference-data";

export async function rederiveAllCases(actor: string, onProgress?: TRederiveProgress): Promise<TRederiveResult> {
  const result = await withTransaction(async ({ sql: client }) => {
    await client.query(`SELECT pg_advisory_xact_lock(${REFERENCE_LOCK_KEY})`);
    const rederived = await rederiveCases(client, await getCatalogueIndex(client), { all: true }, { actor, onProgress });
    if (rederived.changedCases + rederived.changedDrugRows > 0) {
      await writeAuditEvent(client, { actor, action: "update", entity: "derivation", entityId: "all", before: null, after: rederived });
    }
    return rederived;
  });
  if (result.changedCases > 0) await compactRollup();
  return result;
}
