// Writes the reference data every installation needs — the drug catalogue and the published
// baselines — idempotently (upsert by natural key). Processes call ensureReferenceData, which
// runs this only when the database's reference version differs and re-derives stored cases.
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { REFERENCE_DATA_ACTOR, baselineAuditEvent } from "@/lib/audit/baseline-audit-event";
import { withTransaction } from "@/lib/db/transaction";
import { BASELINES, WITHDRAWN_BASELINE_KEYS } from "@/lib/domain/baselines";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";

/** Advisory lock taken by every writer of reference data (and by re-derivation). */
export const REFERENCE_LOCK_KEY = 7_313_001;

export async function writeReferenceData(): Promise<{ drugs: number; baselines: number }> {
  await withTransaction(async ({ prisma: tx }) => {
    // Two processes opening one new database at once would race on the upserts' inserts.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${REFERENCE_LOCK_KEY})::text`);
    for (const drug of DRUG_CATALOGUE) {
      const data = {
        displayName: drug.displayName,
        drugClass: drug.drugClass,
        potency: drug.potency,
        atcCode: drug.atcCode,
        synonyms: [...drug.synonyms],
        brands: [...drug.brands],
        salts: [...drug.salts],
        depotForms: [...drug.depotForms],
        treatsNms: drug.treatsNms,
      };
      await tx.catalogueDrug.upsert({ where: { name: drug.name }, create: { name: drug.name, ...data }, update: data });
    }
    for (const baseline of BASELINES) {
      const { key, ...data } = baseline;
      const existing = await tx.baseline.findUnique({ where: { key } });
      // An administrator's edit or deletion of a shipped baseline outlives upgrades: the
      // reference data only writes a baseline it wrote last (or that nobody has touched).
      const last = await tx.auditEvent.findFirst({
        where: { entity: "baseline", entityId: key },
        orderBy: { id: "desc" },
        select: { actor: true },
      });
      if (last && last.actor !== REFERENCE_DATA_ACTOR) continue;
      const stored = await tx.baseline.upsert({ where: { key }, create: { key, ...data }, update: data });
      // Audited when a baseline appears or its published figures change, not on every start.
      const event = baselineAuditEvent(existing, stored);
      if (event) await writeAuditEvent(tx, event);
    }
    // Figures withdrawn for want of a primary source leave every database, audited (issue 14).
    for (const { id, ...before } of await tx.baseline.findMany({ where: { key: { in: [...WITHDRAWN_BASELINE_KEYS] } } })) {
      await tx.baseline.delete({ where: { id } });
      await writeAuditEvent(tx, {
        actor: REFERENCE_DATA_ACTOR,
        action: "delete",
        entity: "baseline",
        entityId: before.key,
        before,
        after: null,
      });
    }
  });
  return { drugs: DRUG_CATALOGUE.length, baselines: BASELINES.length };
}
