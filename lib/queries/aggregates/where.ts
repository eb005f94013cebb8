// The aggregate filters as one parameterised WHERE over `case_report c`: live cases only, onset
// range, category filters through the dimension table's own key SQL, and the consensus flag.
import { Prisma } from "@/lib/generated/prisma/client";
import { ATTRIBUTING_ROLES } from "@/lib/domain/vocabulary";
import { DIMENSION_SQL } from "./dimensions";
import { FILTER_KEYS, type TAggregateQuery } from "./query-schema";

/** Roles that attribute a case to a drug and its class; concomitant drugs never do. */
export const ATTRIBUTING_ROLES_SQL = Prisma.join([...ATTRIBUTING_ROLES]);

/**
 * duplicates=suspected also leaves out each case that an undecided candidate pair names as the
 * later-received report of a case in another group (docs/duplicates.md): the counts without the
 * suspected duplicates, beside the default counts with them.
 */
const SUSPECTED_DUPLICATE_EXCLUDED = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM duplicate_pair p
  JOIN case_report o ON o.id = CASE WHEN p.case_a_id = c.id THEN p.case_b_id ELSE p.case_a_id END
  WHERE p.later_id = c.id AND p.status = 'candidate' AND o.deleted_at IS NULL AND COALESCE(o.duplicate_of, o.id) <> c.id)`;

/**
 * Conditions are ANDed across parameters and ORed within one (an IN list). A drug or class
 * filter keeps a case when any of its stored attributing keys matches — the keys that count it. A date
 * bound excludes cases without an onset date; meetsConsensus excludes cases never scored.
 */
export function whereSql(query: TAggregateQuery, options: { drafts?: boolean } = {}): Prisma.Sql {
  // Live: not nullified, not a confirmed duplicate of another case (its master counts for it), and
  // not a draft (docs/case-processing.md) — unless the line listing is asked for drafts by status.
  const conditions: Prisma.Sql[] = [
    options.drafts
      ? Prisma.sql`c.deleted_at IS NULL AND c.duplicate_of IS NULL`
      : Prisma.sql`c.deleted_at IS NULL AND c.duplicate_of IS NULL AND c.status <> 'draft'`,
  ];
  if (query.duplicates === "suspected") conditions.push(SUSPECTED_DUPLICATE_EXCLUDED);
  if (query.from) conditions.push(Prisma.sql`c.onset_date >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`c.onset_date <= ${query.to}::date`);
  for (const name of FILTER_KEYS) {
    const values: readonly string[] = query[name];
    if (values.length === 0) continue;
    const dimension = DIMENSION_SQL[name];
    const list = Prisma.join([...values]);
    conditions.push(
      dimension.kind === "case" ? Prisma.sql`${dimension.key} IN (${list})` : Prisma.sql`${dimension.column} && ARRAY[${list}]::text[]`,
    );
  }
  if (query.meetsConsensus !== null) conditions.push(Prisma.sql`c.meets_consensus = ${query.meetsConsensus}`);
  return Prisma.join(conditions, " AND ");
}
