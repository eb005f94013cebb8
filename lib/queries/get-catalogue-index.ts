// The drug catalogue as name → id/class, loaded once per write batch source (form, import, seed).
// Through the pg pool, not Prisma: a CLI import then never loads Prisma's query compiler
// (~80 MB RSS), and this is the only catalogue read an import makes.
import type { TCatalogueIndex } from "@/lib/cases/to-case-rows";
import { getPgPool } from "@/lib/db/pg-pool";
import type { DrugClass, PotencyGrade } from "@/lib/domain/vocabulary";

type TCatalogueRow = { id: number; name: string; drug_class: DrugClass; potency: PotencyGrade | null };

export async function getCatalogueIndex(): Promise<TCatalogueIndex> {
  const { rows } = await getPgPool().query<TCatalogueRow>('SELECT "id", "name", "drug_class", "potency" FROM "catalogue_drug"');
  return new Map(rows.map((d) => [d.name, { id: d.id, drugClass: d.drug_class, potency: d.potency }]));
}
