// The one GROUP BY behind every aggregate: cases, fatal, known-outcome and in-period counts per
// key (and key pair for a cross-tab) plus the total, in a single statement — over the rollup
// when a cuboid covers the query (rollup.ts), else over the live cases themselves.
import { Prisma } from "@/lib/generated/prisma/client";
import { readPrisma } from "@/lib/db/replicas";
import { DIMENSION_SQL } from "./dimensions";
import { FILTER_KEYS, type TAggregateQuery, type TDimension } from "./query-schema";
import { chooseCuboid, rollupColumnOf, type TCuboid } from "./rollup";
import type { TCountTable, TCounts, TPeriod } from "./types";
import { whereSql } from "./where";

/** `first` is null when every row of the slot is the row's first (one key per row). */
type TSlot = { key: Prisma.Sql; first: Prisma.Sql | null; join: Prisma.Sql };

type TWeights = { cases: Prisma.Sql; fatal: Prisma.Sql; known: Prisma.Sql; inPeriod: Prisma.Sql; undated: Prisma.Sql };

/**
 * Where the counted rows come from: case_report (weight 1 per case) or the rollup (weights are
 * its counts). Either way a row has keys from `slot` and the five weights, and the record-key
 * sums of each (`keyWeights`, for the cell-key rule); the GROUP BY is shared.
 */
type TCountSource = {
  slot(dimension: TDimension | null, alias: "a1" | "a2"): TSlot;
  from: Prisma.Sql;
  where: Prisma.Sql;
  weights: TWeights;
  keyWeights: TWeights;
};

/**
 * A case's record key for the cell-key method (lib/stats/cell-key.ts): the first 32 bits of
 * md5 of its id. Ids are random UUIDs no researcher ever sees, so the keys cannot be predicted.
 */
export const RECORD_KEY = Prisma.sql`('x' || left(md5(c.id::text), 8))::bit(32)::bigint`;

const NO_KEY: TSlot = { key: Prisma.sql`NULL::text`, first: null, join: Prisma.empty };

/**
 * The case tables. A case-level key is one expression. A drug-level key unnests the case's
 * stored attributing keys (one row per class even with two suspects of that class; a LEFT
 * JOIN keeps cases with none, under a NULL key) and flags the smallest `first`, so coarser
 * levels can count each case once. Aliases come from a fixed list, never input.
 */
function caseSource(query: TAggregateQuery, period: TPeriod | null): TCountSource {
  const inPeriod = period ? Prisma.sql`c.onset_date BETWEEN ${period.start}::date AND ${period.end}::date` : Prisma.sql`FALSE`;
  const weights: TWeights = {
    cases: Prisma.sql`1`,
    fatal: Prisma.sql`(c.outcome = 'fatal')::int`,
    known: Prisma.sql`(c.outcome <> 'unknown')::int`,
    inPeriod: Prisma.sql`(${inPeriod})::int`,
    undated: Prisma.sql`(c.onset_date IS NULL)::int`,
  };
  const keyed = (weight: Prisma.Sql) => Prisma.sql`${weight} * ${RECORD_KEY}`;
  return {
    slot(dimension, alias) {
      if (dimension === null) return NO_KEY;
      const sql = DIMENSION_SQL[dimension];
      if (sql.kind === "case") return { key: sql.key, first: null, join: Prisma.empty };
      const a = Prisma.raw(alias);
      return {
        key: Prisma.sql`${a}.k`,
        // The stored arrays are sorted and distinct: the first element is the case's smallest key.
        first: Prisma.sql`COALESCE(${a}.k = ${sql.column}[1], TRUE)`,
        join: Prisma.sql`LEFT JOIN LATERAL unnest(${sql.column}) AS ${a}(k) ON TRUE`,
      };
    },
    from: Prisma.sql`case_report c`,
    where: whereSql(query),
    weights,
    keyWeights: {
      cases: RECORD_KEY,
      fatal: keyed(weights.fatal),
      known: keyed(weights.known),
      inPeriod: keyed(weights.inPeriod),
      undated: keyed(weights.undated),
    },
  };
}

/**
 * A dimension's column of `case_rollup r` (its descriptor's rollup column; chooseCuboid picks a
 * cuboid only when every dimension used has one). A month cuboid answers the year from its month.
 */
function rollupKey(dimension: TDimension, cuboid: TCuboid): Prisma.Sql {
  if (dimension === "year" && cuboid.grain === "month")
    return Prisma.sql`(CASE WHEN r.month = 'unknown' THEN 'unknown' ELSE left(r.month, 4) END)`;
  const column = rollupColumnOf(dimension);
  if (column === null) throw new Error(`${dimension} has no rollup column`);
  return Prisma.raw(`r.${column}`);
}

const timeColumn = (cuboid: TCuboid) => Prisma.raw(cuboid.grain === "year" ? "r.year" : "r.month");
const cutToGrain = (date: string, cuboid: TCuboid) => (cuboid.grain === "year" ? date.slice(0, 4) : date.slice(0, 7));

/** The rollup rows (`case_rollup r`) of the cuboid that hold the query's cases: its dates and filters. */
export function rollupWhere(query: TAggregateQuery, cuboid: TCuboid): Prisma.Sql {
  const time = timeColumn(cuboid);
  const cut = (date: string) => cutToGrain(date, cuboid);
  const conditions: Prisma.Sql[] = [Prisma.sql`r.cuboid = ${cuboid.id}`];
  if (query.from) conditions.push(Prisma.sql`${time} >= ${cut(query.from)} AND ${time} <> 'unknown'`);
  if (query.to) conditions.push(Prisma.sql`${time} <= ${cut(query.to)}`);
  for (const name of FILTER_KEYS) {
    const values: readonly string[] = query[name];
    if (values.length === 0) continue;
    conditions.push(
      DIMENSION_SQL[name].kind === "drug"
        ? Prisma.sql`${rollupKey(name, cuboid)} && ARRAY[${Prisma.join([...values])}]::text[]`
        : Prisma.sql`${rollupKey(name, cuboid)} IN (${Prisma.join([...values])})`,
    );
  }
  if (query.meetsConsensus !== null) conditions.push(Prisma.sql`r.consensus = ${String(query.meetsConsensus)}`);
  return Prisma.join(conditions, " AND ");
}

/**
 * The rollup. Each row is a key combination with its counts; a drug-level key is a sorted array
 * unnested per row (a LEFT JOIN keeps rows without one), whose first element plays `first`.
 * Time: the cuboid's grain column ('YYYY' or 'YYYY-MM', compared as text; 'unknown' excluded).
 */
function rollupSource(query: TAggregateQuery, period: TPeriod | null, cuboid: TCuboid): TCountSource {
  const time = timeColumn(cuboid);
  const cut = (date: string) => cutToGrain(date, cuboid);
  const inPeriod = period ? Prisma.sql`${time} BETWEEN ${cut(period.start)} AND ${cut(period.end)}` : Prisma.sql`FALSE`;
  // The counts ("") or their record-key sums ("k_"): in-period and undated follow from the whole row.
  const weightsOf = (prefix: "" | "k_"): TWeights => {
    const column = (measure: "cases" | "fatal" | "known") => Prisma.raw(`r.${prefix}${measure}`);
    const cases = column("cases");
    return {
      cases,
      fatal: column("fatal"),
      known: column("known"),
      inPeriod: Prisma.sql`(CASE WHEN ${inPeriod} THEN ${cases} ELSE 0 END)`,
      undated: Prisma.sql`(CASE WHEN ${time} = 'unknown' THEN ${cases} ELSE 0 END)`,
    };
  };
  return {
    slot(dimension, alias) {
      if (dimension === null) return NO_KEY;
      if (DIMENSION_SQL[dimension].kind === "case") return { key: rollupKey(dimension, cuboid), first: null, join: Prisma.empty };
      const a = Prisma.raw(alias);
      const column = rollupKey(dimension, cuboid);
      return {
        key: Prisma.sql`${a}.k`,
        first: Prisma.sql`COALESCE(${a}.k = ${column}[1], TRUE)`,
        join: Prisma.sql`LEFT JOIN LATERAL unnest(${column}) AS ${a}(k) ON TRUE`,
      };
    },
    from: Prisma.sql`case_rollup r`,
    where: rollupWhere(query, cuboid),
    weights: weightsOf(""),
    // The rollup's record-key sums (migration 20261207072718_rollup_record_keys): the same
    // sums the case tables give, since every row is on the cuboid's grain.
    keyWeights: weightsOf("k_"),
  };
}

// Levels as GROUPING() reports them: 0 = cell (k1, k2), 1 = group (k1), 3 = total.
const CELL = 0;
const GROUP = 1;

type TRow = {
  level: number;
  k1: string | null;
  k2: string | null;
  cases: bigint;
  fatal: bigint;
  known: bigint;
  in_period: bigint;
  undated: bigint;
  keys?: [bigint, bigint, bigint, bigint, bigint];
};

/** `cellKeys`: also sum each measure's record keys (the rollup keeps their sums too). */
export type TCountOptions = { source?: "auto" | "cases"; cellKeys?: boolean };

/**
 * Counting rules: a cell counts each (case, k1, k2) once; a group each (case, k1) once — the row
 * whose second key is `first`; the total each case once — the row where both are `first`. So
 * class groups may sum past the total, and the total includes cases with no attributing drug.
 * `inPeriod` counts cases with onset inside `period` (the incidence events); 0 without one.
 * `source: "cases"` skips the rollup (the reference the rollup is tested against).
 */
export async function countAggregateCells(
  query: TAggregateQuery,
  period: TPeriod | null,
  options: TCountOptions = {},
): Promise<TCountTable> {
  const cuboid = options.source === "cases" ? null : chooseCuboid(query, period);
  const source = cuboid ? rollupSource(query, period, cuboid) : caseSource(query, period);
  const one = source.slot(query.by, "a1");
  const two = source.slot(query.then, "a2");
  const level = query.then ? Prisma.sql`GROUPING(k1, k2)` : Prisma.sql`(GROUPING(k1) * 2 + 1)`;
  const sets = query.then ? Prisma.sql`(k1, k2), (k1), ()` : Prisma.sql`(k1), ()`;
  const [f1, f2] = [one.first && Prisma.sql`f1`, two.first && Prisma.sql`f2`];
  // Each level sums the rows flagged for it; with no flags the three are one aggregate to Postgres.
  const total = (weight: string, flags: (Prisma.Sql | null)[]) => {
    const present = flags.filter((c): c is Prisma.Sql => c !== null);
    const sum = Prisma.sql`sum(${Prisma.raw(weight)})`;
    return present.length
      ? Prisma.sql`coalesce(${sum} FILTER (WHERE ${Prisma.join(present, " AND ")}), 0)`
      : Prisma.sql`coalesce(${sum}, 0)`;
  };
  const measure = (weight: string) => Prisma.sql`CASE ${level}
      WHEN ${CELL} THEN ${total(weight, [])}
      WHEN ${GROUP} THEN ${total(weight, [f2])}
      ELSE ${total(weight, [f1, f2])} END`;
  const flags = [one.first && Prisma.sql`, ${one.first} AS f1`, two.first && Prisma.sql`, ${two.first} AS f2`];
  const { weights, keyWeights: k } = source;
  // Key sums per measure, reduced modulo 2^32 in the database (a sum of a million keys overflows a double's integers).
  const keyOf = (weight: string) => Prisma.sql`mod(${measure(weight)}, 4294967296)::bigint`;
  const keySums = options.cellKeys
    ? Prisma.sql`, ARRAY[${keyOf("k_cases")}, ${keyOf("k_fatal")}, ${keyOf("k_known")}, ${keyOf("k_in_period")}, ${keyOf("k_undated")}] AS keys`
    : Prisma.empty;
  const keyWeights = options.cellKeys
    ? Prisma.sql`, ${k.cases} AS k_cases, ${k.fatal} AS k_fatal, ${k.known} AS k_known, ${k.inPeriod} AS k_in_period, ${k.undated} AS k_undated`
    : Prisma.empty;

  const rows = await readPrisma().$queryRaw<TRow[]>(Prisma.sql`
    SELECT ${level} AS level, k1, ${query.then ? Prisma.sql`k2` : Prisma.sql`NULL::text`} AS k2,
      ${measure("w_cases")} AS cases, ${measure("w_fatal")} AS fatal, ${measure("w_known")} AS known, ${measure("w_in_period")} AS in_period, ${measure("w_undated")} AS undated ${keySums}
    FROM (
      SELECT ${one.key} AS k1, ${two.key} AS k2, ${weights.cases} AS w_cases, ${weights.fatal} AS w_fatal,
        ${weights.known} AS w_known, ${weights.inPeriod} AS w_in_period, ${weights.undated} AS w_undated ${keyWeights} ${flags[0] ?? Prisma.empty} ${flags[1] ?? Prisma.empty}
      FROM ${source.from} ${one.join} ${two.join}
      WHERE ${source.where}
    ) t
    GROUP BY GROUPING SETS (${sets})`);
  return toCountTable(rows);
}

function toCountTable(rows: readonly TRow[]): TCountTable {
  let total: TCounts = { cases: 0, fatal: 0, knownOutcome: 0, inPeriod: 0, undated: 0 };
  const groups = new Map<string, TCounts>();
  const cells = new Map<string, Map<string, TCounts>>();
  for (const row of rows) {
    const counts: TCounts = {
      cases: Number(row.cases),
      fatal: Number(row.fatal),
      knownOutcome: Number(row.known),
      inPeriod: Number(row.in_period),
      undated: Number(row.undated),
    };
    if (row.keys)
      counts.keys = {
        cases: Number(row.keys[0]),
        fatal: Number(row.keys[1]),
        knownOutcome: Number(row.keys[2]),
        inPeriod: Number(row.keys[3]),
        undated: Number(row.keys[4]),
      };
    const level = Number(row.level);
    // Rollup deltas that cancel out (a case moved to another key) leave nothing to report.
    if ((level === CELL || level === GROUP) && counts.cases === 0) continue;
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
