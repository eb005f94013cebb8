// Writes the reference data every installation needs — the drug catalogue and the published
// baselines — idempotently (upsert by natural key), so it can run on every start.
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
      await tx.baseline.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
  });
  return { drugs: DRUG_CATALOGUE.length, baselines: BASELINES.length };
}
