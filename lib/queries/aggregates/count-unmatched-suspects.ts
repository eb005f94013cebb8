// How many of the cases an aggregates query covers name a suspect, interacting or withdrawn drug
// that matches no catalogue drug (and no mapping): those cases count in no drug class, so an
// empty class may only mean "not mapped yet". Driven by the (catalogue_drug_id, role) index —
// its cost follows the unmatched drug rows, not the case table.
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import type { TAggregateQuery } from "./query-schema";
import { RECORD_KEY } from "./count-aggregate-cells";
import { ATTRIBUTING_ROLES_SQL, whereSql } from "./where";

export type TUnmatchedSuspects = { cases: number; workbench: string };
/** The count with its cell key (sum of the cases' record keys mod 2^32), for the researcher disclosure rule. */
export type TKeyedUnmatchedSuspects = TUnmatchedSuspects & { cellKey: number };

export async function countUnmatchedSuspects(query: TAggregateQuery): Promise<TKeyedUnmatchedSuspects> {
  const rows = await readPrisma().$queryRaw<{ n: bigint; k: bigint | null }[]>(Prisma.sql`
    SELECT count(*) AS n, mod(sum(${RECORD_KEY}), 4294967296)::bigint AS k FROM case_report c
    WHERE c.id IN (
      SELECT d.case_id FROM case_drug d
      WHERE d.catalogue_drug_id IS NULL AND d.role IN (${ATTRIBUTING_ROLES_SQL}) AND NOT d.name_ignored)
    AND ${whereSql(query)}`);
  return { cases: Number(rows[0]?.n ?? 0), cellKey: Number(rows[0]?.k ?? 0), workbench: "/drug-names" };
}
