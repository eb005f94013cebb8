// The drug catalogue as name → id/class, loaded once per write batch source (form, import, seed).
import type { TCatalogueIndex } from "@/lib/cases/to-case-rows";
import { getPrisma } from "@/lib/db/client";

export async function getCatalogueIndex(): Promise<TCatalogueIndex> {
  const drugs = await getPrisma().catalogueDrug.findMany({ select: { id: true, name: true, drugClass: true, potency: true } });
  return new Map(drugs.map((d) => [d.name, { id: d.id, drugClass: d.drugClass, potency: d.potency }]));
}
