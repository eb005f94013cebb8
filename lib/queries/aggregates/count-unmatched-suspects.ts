// How many of the cases an aggregates query covers name a suspect, interacting or withdrawn drug
// that matches no catalogue drug (and no mapping): those cases count in no drug class, so an
// empty class may only mean "not mapped yet". Driven by the (catalogue_drug_id, role) index —
// its cost follows the unmatched drug rows, not the case table.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import type { TAggregateQuery } from "./query-schema";
import { ATTRIBUTING_ROLES_SQL, whereSql } from "./where";

export type TUnmatchedSuspects = { cases: number; workbench: string };

export async function countUnmatchedSuspects(query: TAggregateQuery): Promise<TUnmatchedSuspects> {
  const rows = await getPrisma().$queryRaw<{ n: bigint }[]>(Prisma.sql`
    SELECT count(DISTINCT c.id) AS n
    FROM case_drug d JOIN case_report c ON c.id = d.case_id
    WHERE d.catalogue_drug_id IS NULL AND d.role IN (${ATTRIBUTING_ROLES_SQL}) AND NOT d.name_ignored AND ${whereSql(query)}`);
  return { cases: Number(rows[0]?.n ?? 0), workbench: "/drug-names" };
}
