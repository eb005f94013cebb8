// Live cases per drug class, counting a case once per class of its suspect, interacting or
// withdrawn drugs (the counting rules); every class present, zeros included.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { DRUG_CLASSES, DRUG_CLASS_LABELS, type DrugClass } from "@/lib/domain/vocabulary";

export type TClassCount = { key: DrugClass; label: string; cases: number };

export async function countCasesByClass(): Promise<TClassCount[]> {
  const rows = await getPrisma().$queryRaw<{ drug_class: DrugClass; cases: bigint }[]>(Prisma.sql`
    SELECT cd.drug_class, count(DISTINCT d.case_id) AS cases
    FROM case_drug d
    JOIN case_report c ON c.id = d.case_id AND c.deleted_at IS NULL AND c.duplicate_of IS NULL AND c.status <> 'draft'
    JOIN catalogue_drug cd ON cd.id = d.catalogue_drug_id
    WHERE d.role IN ('suspect', 'interacting', 'withdrawn')
    GROUP BY cd.drug_class`);
  const counts = new Map(rows.map((r) => [r.drug_class, Number(r.cases)]));
  return DRUG_CLASSES.map((key) => ({ key, label: DRUG_CLASS_LABELS[key], cases: counts.get(key) ?? 0 }));
}
