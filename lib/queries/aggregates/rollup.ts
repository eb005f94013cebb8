// The aggregate rollup (table case_rollup, migration 20261124093639_case_rollup): exact counts
// of live cases per key combination in a few "cuboids" — small sets of dimensions, the rest
// collapsed. Statement triggers on case_report add delta rows (+1 / −1 per case and cuboid key)
// in the writer's own transaction, so any reader's snapshot sums to exactly the live cases that
// snapshot sees: never stale, no refresh to wait for, and no hot rows writers queue on.
// Compaction (lib/db/rollup-compaction.ts) folds the deltas after bulk writes; it changes no sum.
//
// The query layer uses the smallest cuboid holding every dimension a query groups or filters by,
// when its dates fall on the cuboid's grain (whole years, or whole months); otherwise the plain
// GROUP BY over case_report (count-aggregate-cells.ts) answers.
import { DESCRIPTORS, DIMENSIONS, FILTER_KEYS, type TDimension } from "./descriptors";
import type { TAggregateQuery } from "./query-schema";
import type { TPeriod } from "./types";

/** The key columns of the first rollup migration, in its GROUPING() order. */
const FIRST_COLUMNS = ["year", "month", "classes", "drugs", "sex", "age_band", "outcome", "consensus", "source", "country"];

/**
 * The key columns in GROUPING() order; a cuboid id has a bit per collapsed one. A dimension added
 * later brings its descriptor's rollup column, which its migration appends (in descriptor order).
 */
export const ROLLUP_COLUMNS: readonly string[] = [
  ...FIRST_COLUMNS,
  ...DIMENSIONS.map((d) => DESCRIPTORS[d].rollupColumn).filter((c): c is string => c !== null && !FIRST_COLUMNS.includes(c)),
];
type TRollupColumn = string;

/** The first migration's cuboids, smallest first: the first cuboid that covers a query answers it. */
const TUNED_CUBOIDS: readonly (readonly TRollupColumn[])[] = [
  ["year", "classes"],
  ["year", "classes", "sex"],
  ["year", "classes", "age_band"],
  ["year", "classes", "outcome"],
  ["year", "classes", "consensus", "source"],
  ["year", "classes", "country"],
  ["year", "classes", "sex", "outcome"],
  ["year", "classes", "age_band", "outcome"],
  ["year", "classes", "sex", "age_band"],
  ["year", "classes", "country", "outcome"],
  ["month", "classes"],
  // A case's classes follow from its drugs: keeping them costs no rows.
  ["year", "classes", "drugs"],
  ["year", "classes", "sex", "age_band", "outcome", "consensus", "source"],
];

/** Those, then (year, classes, column) for each later dimension's column, as its migration adds it. */
export const CUBOIDS: readonly (readonly TRollupColumn[])[] = [
  ...TUNED_CUBOIDS,
  ...ROLLUP_COLUMNS.filter((column) => !TUNED_CUBOIDS.some((cuboid) => cuboid.includes(column))).map((column) => [
    "year",
    "classes",
    column,
  ]),
];

/** GROUPING(year, …, country): the first column is the most significant bit; 1 = collapsed. */
export function cuboidId(columns: readonly TRollupColumn[]): number {
  return ROLLUP_COLUMNS.reduce((mask, column, i) => (columns.includes(column) ? mask : mask | (1 << (ROLLUP_COLUMNS.length - 1 - i))), 0);
}

/** A dimension's rollup column, or null when only the case tables hold its key. */
export const rollupColumnOf = (dimension: TDimension): TRollupColumn | null => DESCRIPTORS[dimension].rollupColumn;

export type TGrain = "year" | "month";
export type TCuboid = { id: number; grain: TGrain; columns: readonly TRollupColumn[] };

const isYearStart = (date: string) => date.endsWith("-01-01");
const isYearEnd = (date: string) => date.endsWith("-12-31");
const isMonthStart = (date: string) => date.endsWith("-01");
function isMonthEnd(date: string): boolean {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/** The finest grain every date bound of the query (and its incidence period) falls on, or null. */
function grainOf(query: TAggregateQuery, period: TPeriod | null): TGrain | null {
  const starts = [query.from, period?.start].filter((d): d is string => d !== null && d !== undefined);
  const ends = [query.to, period?.end].filter((d): d is string => d !== null && d !== undefined);
  if (starts.every(isYearStart) && ends.every(isYearEnd)) return "year";
  if (starts.every(isMonthStart) && ends.every(isMonthEnd)) return "month";
  return null;
}

/** The cuboid that answers this query, or null when only the case tables can. */
export function chooseCuboid(query: TAggregateQuery, period: TPeriod | null): TCuboid | null {
  // The rollup counts confirmed duplicates once; leaving out suspected ones needs the case rows.
  if (query.duplicates === "suspected") return null;
  const grain = grainOf(query, period);
  if (grain === null) return null;
  const used = [query.by, query.then, ...FILTER_KEYS.filter((name) => query[name].length > 0)].filter((d): d is TDimension => d !== null);
  const usedColumns = used.map(rollupColumnOf);
  if (usedColumns.includes(null)) return null;
  const needed = new Set(usedColumns as TRollupColumn[]);
  if (query.meetsConsensus !== null) needed.add("consensus");
  // A cuboid's time column is its grain; a month cuboid also answers by year.
  needed.delete("year");
  for (const columns of CUBOIDS) {
    const cuboidGrain: TGrain = columns.includes("month") ? "month" : "year";
    if (grain === "year" || cuboidGrain === "month") {
      if ([...needed].every((column) => columns.includes(column))) return { id: cuboidId(columns), grain: cuboidGrain, columns };
    }
  }
  return null;
}
