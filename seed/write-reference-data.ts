// Writes the reference data every installation needs — the drug catalogue and the published
// baselines — idempotently (upsert by natural key), so it can run on every start.
import { auditEventData } from "@/lib/audit/audit-event-data";
import { baselineAuditEvent } from "@/lib/audit/baseline-audit-event";
import { getPrisma } from "@/lib/db/client";
import { BASELINES } from "@/lib/domain/baselines";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";

export async function writeReferenceData(): Promise<{ drugs: number; baselines: number }> {
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
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
      };
      await tx.catalogueDrug.upsert({ where: { name: drug.name }, create: { name: drug.name, ...data }, update: data });
    }
    for (const baseline of BASELINES) {
      const { key, ...data } = baseline;
      const existing = await tx.baseline.findUnique({ where: { key } });
      const stored = await tx.baseline.upsert({ where: { key }, create: { key, ...data }, update: data });
      // Audited when a baseline appears or its published figures change, not on every start.
      const event = baselineAuditEvent(existing, stored);
      if (event) await tx.auditEvent.create({ data: auditEventData(event) });
    }
  });
  return { drugs: DRUG_CATALOGUE.length, baselines: BASELINES.length };
}
