// The drug catalogue (name → id/class) and the users' drug-name mappings, loaded once per write
// batch source (form, import, seed, re-derivation). Through the pg pool, not Prisma: a CLI
// import then never loads Prisma's query compiler (~80 MB RSS).
import type pg from "pg";
import { getPgPool } from "@/lib/db/pg-pool";
import type { TDrugIndex } from "@/lib/domain/drug-index";
import type { DrugClass, PotencyGrade } from "@/lib/domain/vocabulary";

type TCatalogueRow = { id: number; name: string; drug_class: DrugClass; potency: PotencyGrade | null; treats_nms: boolean };
type TMappingRow = { key: string; drug: string | null };

/** `client`: read inside a caller's transaction (re-derivation sees its own mapping write). */
export async function getCatalogueIndex(client: Pick<pg.ClientBase, "query"> = getPgPool()): Promise<TDrugIndex> {
  const drugs = await client.query<TCatalogueRow>('SELECT "id", "name", "drug_class", "potency", "treats_nms" FROM "catalogue_drug"');
  const mappings = await client.query<TMappingRow>(
    `SELECT m."key", c."name" AS "drug" FROM "drug_name_mapping" m LEFT JOIN "catalogue_drug" c ON c."id" = m."catalogue_drug_id"`,
  );
  return {
    drugs: new Map(drugs.rows.map((d) => [d.name, { id: d.id, drugClass: d.drug_class, potency: d.potency, treatsNms: d.treats_nms }])),
    mappings: new Map(mappings.rows.map((m) => [m.key, m.drug])),
  };
}
