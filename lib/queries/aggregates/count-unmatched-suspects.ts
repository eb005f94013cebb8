// How many of the cases an aggregates query covers name a suspect, interacting or withdrawn drug
// that matches no catalogue drug (and no mapping): those cases count in no drug class, so an
// empty class may only mean "not mapped yet". Each case stores the fact (unmatched_suspect,
// derived with its classes) and the rollup keeps the count beside the others, so this is a
// rollup read whenever the counts are (a join over the drug rows took 2.6 s at 10M cases).
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import type { TAggregateQuery } from "./query-schema";
import { RECORD_KEY, rollupWhere, type TCountOptions } from "./count-aggregate-cells";
import { chooseCuboid } from "./rollup";
import { whereSql } from "./where";

export type TUnmatchedSuspects = { cases: number; workbench: string };
/** The count with its cell key (sum of the cases' record keys mod 2^32), for the researcher disclosure rule. */
export type TKeyedUnmatchedSuspects = TUnmatchedSuspects & { cellKey: number };

/** `source: "cases"` counts the case rows (the rollup's reference), as countAggregateCells does. */
export async function countUnmatchedSuspects(
  query: TAggregateQuery,
  options: Pick<TCountOptions, "source"> = {},
): Promise<TKeyedUnmatchedSuspects> {
  // A total: what the query groups by does not matter, only its dates and filters ("year" is in every cuboid).
  const cuboid = options.source === "cases" ? null : chooseCuboid({ ...query, by: "year", then: null }, null);
  const rows = await readPrisma().$queryRaw<{ n: bigint | null; k: bigint | null }[]>(
    cuboid
      ? Prisma.sql`SELECT sum(r.unmatched) AS n, mod(sum(r.k_unmatched), 4294967296)::bigint AS k
          FROM case_rollup r WHERE ${rollupWhere(query, cuboid)}`
      : Prisma.sql`SELECT count(*) AS n, mod(sum(${RECORD_KEY}), 4294967296)::bigint AS k
          FROM case_report c WHERE c.unmatched_suspect AND ${whereSql(query)}`,
  );
  return { cases: Number(rows[0]?.n ?? 0), cellKey: Number(rows[0]?.k ?? 0), workbench: "/drug-names" };
}
