// The aggregate filters as one parameterised WHERE over `case_report c`: live cases only, onset
// range, category filters through the dimension table's own key SQL, and the consensus flag.
import { Prisma } from "@/lib/generated/prisma/client";
import { ATTRIBUTING_ROLES } from "@/lib/domain/vocabulary";
import { DIMENSION_SQL } from "./dimensions";
import { CATEGORY_FILTERS, type TAggregateQuery } from "./query-schema";

/** Roles that attribute a case to a drug and its class; concomitant drugs never do (SPEC §4). */
export const ATTRIBUTING_ROLES_SQL = Prisma.join([...ATTRIBUTING_ROLES]);

/** Attributing drugs as `d`, joined to the catalogue as `cd` (unmapped names have no class). */
export const attributingDrugsSql = Prisma.sql`case_drug d JOIN catalogue_drug cd ON cd.id = d.catalogue_drug_id
  WHERE d.role IN (${ATTRIBUTING_ROLES_SQL})`;

/**
 * Conditions are ANDed across parameters and ORed within one (an IN list). A drug or class
 * filter keeps a case when any attributing drug matches — the same roles that count it. A date
 * bound excludes cases without an onset date; meetsConsensus excludes cases never scored.
 */
export function whereSql(query: TAggregateQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`c.deleted_at IS NULL`];
  if (query.from) conditions.push(Prisma.sql`c.onset_date >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`c.onset_date <= ${query.to}::date`);
  for (const name of CATEGORY_FILTERS) {
    const values: readonly string[] = query[name];
    if (values.length === 0) continue;
    const dimension = DIMENSION_SQL[name];
    const list = Prisma.join([...values]);
    conditions.push(
      dimension.kind === "case"
        ? Prisma.sql`${dimension.key} IN (${list})`
        : Prisma.sql`EXISTS (SELECT 1 FROM ${attributingDrugsSql} AND d.case_id = c.id AND ${dimension.attribute} IN (${list}))`,
    );
  }
  if (query.meetsConsensus !== null) conditions.push(Prisma.sql`c.meets_consensus = ${query.meetsConsensus}`);
  return Prisma.join(conditions, " AND ");
}
