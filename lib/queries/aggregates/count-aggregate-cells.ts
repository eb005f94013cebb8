// The one GROUP BY behind every aggregate: cases, fatal, known-outcome and in-period counts per
// key (and key pair for a cross-tab) plus the total, in a single statement over the live cases.
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { DIMENSION_SQL } from "./dimensions";
import type { TAggregateQuery, TDimension } from "./query-schema";
import type { TCountTable, TCounts, TPeriod } from "./types";
import { attributingDrugsSql, whereSql } from "./where";

/** `first` is null when every row of the slot is the case's first (one key per case). */
type TSlot = { key: Prisma.Sql; first: Prisma.Sql | null; join: Prisma.Sql };

/**
 * A dimension's place in the row set. A case-level key is one expression. A drug-level key
 * joins the case's distinct attributing keys (one row per class even with two suspects of that
 * class; a LEFT JOIN keeps cases with none, under a NULL key) and flags the smallest `first`,
 * so coarser levels can count each case once. Aliases come from this fixed list, never input.
 */
function slot(dimension: TDimension | null, alias: "a1" | "a2"): TSlot {
  if (dimension === null) return { key: Prisma.sql`NULL::text`, first: null, join: Prisma.empty };
  const sql = DIMENSION_SQL[dimension];
  if (sql.kind === "case") return { key: sql.key, first: null, join: Prisma.empty };
  const a = Prisma.raw(alias);
  return {
    key: Prisma.sql`${a}.k`,
    first: Prisma.sql`COALESCE(${a}.k = ${a}.first, TRUE)`,
    // A hash join on the grouped pairs: one pass over case_drug, not a subquery per case.
    join: Prisma.sql`LEFT JOIN (
      SELECT d.case_id, ${sql.attribute} AS k, min(${sql.attribute}) OVER (PARTITION BY d.case_id) AS first
      FROM ${attributingDrugsSql}
      GROUP BY d.case_id, ${sql.attribute}
    ) ${a} ON ${a}.case_id = c.id`,
  };
}

// Levels as GROUPING() reports them: 0 = cell (k1, k2), 1 = group (k1), 3 = total.
const CELL = 0;
const GROUP = 1;

type TRow = { level: number; k1: string | null; k2: string | null; cases: bigint; fatal: bigint; known: bigint; in_period: bigint };

/**
 * Counting rules: a cell counts each (case, k1, k2) row once; a group each (case, k1) once — the
 * row whose second key is `first`; the total each case once — the row where both are `first`.
 * So class groups may sum past the total, and the total includes cases with no attributing drug.
 * `inPeriod` counts cases with onset inside `period` (the incidence events); 0 without one.
 */
export async function countAggregateCells(query: TAggregateQuery, period: TPeriod | null): Promise<TCountTable> {
  const one = slot(query.by, "a1");
  const two = slot(query.then, "a2");
  const level = query.then ? Prisma.sql`GROUPING(k1, k2)` : Prisma.sql`(GROUPING(k1) * 2 + 1)`;
  const sets = query.then ? Prisma.sql`(k1, k2), (k1), ()` : Prisma.sql`(k1), ()`;
  // Each level counts the rows flagged for it; with no flags the three are one aggregate to Postgres.
  const count = (conditions: (Prisma.Sql | null)[]) => {
    const present = conditions.filter((c): c is Prisma.Sql => c !== null);
    return present.length ? Prisma.sql`count(*) FILTER (WHERE ${Prisma.join(present, " AND ")})` : Prisma.sql`count(*)`;
  };
  const [f1, f2] = [one.first && Prisma.sql`f1`, two.first && Prisma.sql`f2`];
  const measure = (condition: Prisma.Sql | null) => Prisma.sql`CASE ${level}
      WHEN ${CELL} THEN ${count([condition])}
      WHEN ${GROUP} THEN ${count([f2, condition])}
      ELSE ${count([f1, f2, condition])} END`;
  const flags = [one.first && Prisma.sql`, ${one.first} AS f1`, two.first && Prisma.sql`, ${two.first} AS f2`];
  const inPeriod = period ? Prisma.sql`c.onset_date BETWEEN ${period.start}::date AND ${period.end}::date` : Prisma.sql`FALSE`;

  const rows = await getPrisma().$queryRaw<TRow[]>(Prisma.sql`
    SELECT ${level} AS level, k1, ${query.then ? Prisma.sql`k2` : Prisma.sql`NULL::text`} AS k2,
      ${measure(null)} AS cases,
      ${measure(Prisma.sql`is_fatal`)} AS fatal,
      ${measure(Prisma.sql`is_known`)} AS known,
      ${measure(Prisma.sql`is_in_period`)} AS in_period
    FROM (
      SELECT ${one.key} AS k1, ${two.key} AS k2, c.outcome = 'fatal' AS is_fatal, c.outcome <> 'unknown' AS is_known,
        ${inPeriod} AS is_in_period ${flags[0] ?? Prisma.empty} ${flags[1] ?? Prisma.empty}
      FROM case_report c ${one.join} ${two.join}
      WHERE ${whereSql(query)}
    ) t
    GROUP BY GROUPING SETS (${sets})`);
  return toCountTable(rows);
}

function toCountTable(rows: readonly TRow[]): TCountTable {
  let total: TCounts = { cases: 0, fatal: 0, knownOutcome: 0, inPeriod: 0 };
  const groups = new Map<string, TCounts>();
  const cells = new Map<string, Map<string, TCounts>>();
  for (const row of rows) {
    const counts = { cases: Number(row.cases), fatal: Number(row.fatal), knownOutcome: Number(row.known), inPeriod: Number(row.in_period) };
    const level = Number(row.level);
    // A NULL key below the total level is a case with no attributing drug: in the total only.
    if (level === CELL) {
      if (row.k1 !== null && row.k2 !== null) {
        const byFirst = cells.get(row.k1) ?? new Map<string, TCounts>();
        cells.set(row.k1, byFirst.set(row.k2, counts));
      }
    } else if (level === GROUP) {
      if (row.k1 !== null) groups.set(row.k1, counts);
    } else {
      total = counts;
    }
  }
  return { total, groups, cells };
}
