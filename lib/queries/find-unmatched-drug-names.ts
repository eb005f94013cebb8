// The verbatim drug names on live cases that match no catalogue drug and no mapping, folded by
// their normalised text (case, spacing and punctuation variants are one name), with how many
// cases name each, split by role, most frequent first: the drug-name workbench's worklist.
import { z } from "zod";
import { getPgPool } from "@/lib/db/pg-pool";
import { normaliseDrugText } from "@/lib/domain/drug-name-normaliser";
import { ATTRIBUTING_ROLES, DRUG_ROLES, type DrugRole } from "@/lib/domain/vocabulary";

export type TUnmatchedName = {
  /** The most frequent spelling: what a mapping is made for. */
  name: string;
  key: string;
  /** Other spellings with the same normalised text. */
  variants: string[];
  /** Cases naming it (summed over spellings: a case spelling one drug two ways counts twice). */
  cases: number;
  /** Cases naming it in a role that would attribute the case (suspect, interacting, withdrawn). */
  attributingCases: number;
  byRole: Record<DrugRole, number>;
};

export const ZUnmatchedQuery = z.object({ limit: z.coerce.number().int().min(1).max(10_000).optional() }).strict();

type TRow = { name: string; role: DrugRole; cases: number };

export async function findUnmatchedDrugNames(options: { limit?: number } = {}): Promise<{ names: TUnmatchedName[]; totalNames: number }> {
  const { rows } = await getPgPool().query<TRow>(
    `SELECT d."reported_name" AS "name", d."role"::text AS "role", count(DISTINCT d."case_id")::int AS "cases"
     FROM "case_drug" d JOIN "case_report" c ON c."id" = d."case_id" AND c."deleted_at" IS NULL
     WHERE d."catalogue_drug_id" IS NULL AND NOT d."name_ignored"
     GROUP BY 1, 2`,
  );
  const byKey = new Map<string, TUnmatchedName & { counts: Map<string, number> }>();
  for (const row of rows) {
    const key = normaliseDrugText(row.name);
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        name: row.name,
        key,
        variants: [],
        cases: 0,
        attributingCases: 0,
        byRole: Object.fromEntries(DRUG_ROLES.map((r) => [r, 0])) as Record<DrugRole, number>,
        counts: new Map(),
      };
      byKey.set(key, entry);
    }
    entry.cases += row.cases;
    entry.byRole[row.role] += row.cases;
    if (ATTRIBUTING_ROLES.includes(row.role)) entry.attributingCases += row.cases;
    entry.counts.set(row.name, (entry.counts.get(row.name) ?? 0) + row.cases);
  }
  const names = [...byKey.values()].map(({ counts, ...entry }) => {
    const spellings = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
    return { ...entry, name: spellings[0] ?? entry.name, variants: spellings.slice(1) };
  });
  names.sort((a, b) => b.attributingCases - a.attributingCases || b.cases - a.cases || a.key.localeCompare(b.key));
  return { names: options.limit ? names.slice(0, options.limit) : names, totalNames: names.length };
}
