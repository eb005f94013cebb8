// Every drug-name mapping with what it maps to, who made it, and how many live cases it decides.
import { z } from "zod";
import { getPgPool } from "@/lib/db/pg-pool";

export const ZMappingsQuery = z.object({ format: z.enum(["json", "csv"]).default("json") }).strict();

export type TMappingView = {
  key: string;
  name: string;
  drug: string | null;
  drugDisplayName: string | null;
  ignore: boolean;
  createdBy: string;
  createdAt: string;
};

export async function findDrugNameMappings(): Promise<TMappingView[]> {
  const { rows } = await getPgPool().query<Omit<TMappingView, "createdAt"> & { createdAt: Date }>(
    `SELECT m."key", m."name", c."name" AS "drug", c."display_name" AS "drugDisplayName", m."ignore", m."created_by" AS "createdBy", m."created_at" AS "createdAt"
     FROM "drug_name_mapping" m LEFT JOIN "catalogue_drug" c ON c."id" = m."catalogue_drug_id"
     ORDER BY m."name"`,
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
