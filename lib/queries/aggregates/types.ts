// Shapes shared by the aggregates query, its pure decoration and its tests: the counts the
// database returns, and the answer the API serves (SPEC §4).
import type { BaselineVerdict, ProportionInterval } from "@/lib/stats";
import type { TAggregateQuery } from "./query-schema";

/** Counts of one cell; inPeriod = cases whose onset lies in the incidence period (events for incidence). */
export type TCounts = { cases: number; fatal: number; knownOutcome: number; inPeriod: number };
export const ZERO_COUNTS: TCounts = { cases: 0, fatal: 0, knownOutcome: 0, inPeriod: 0 };

/** total counts each case once; groups by the first dimension's key; cells by first then second key. */
export type TCountTable = {
  total: TCounts;
  groups: ReadonlyMap<string, TCounts>;
  cells: ReadonlyMap<string, ReadonlyMap<string, TCounts>>;
};

/** An inclusive range of onset dates, ISO YYYY-MM-DD. */
export type TPeriod = { start: string; end: string };

export type TIncidence = { per100k: number; lower: number; upper: number; personYears: number; events: number };

export type TComparison = {
  /** The baseline's key in the `baseline` table. */
  baseline: string;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
  citation: string;
  pValue: number;
  verdict: BaselineVerdict;
};

type TCountsOut = { cases: number; fatal: number; knownOutcome: number };

export type TAggregateGroup = TCountsOut & {
  key: string;
  label: string;
  /** fatal / knownOutcome; null when no case has a known outcome. */
  caseFatality: ProportionInterval | null;
  /** cases / the parent's cases (total for a group, the group for a cross-tab cell); null when that is 0. */
  share: ProportionInterval | null;
  incidence: TIncidence | null;
  /** Why incidence is null (present exactly when it is). */
  incidenceNote?: string;
  comparisons: TComparison[];
  /** Cross-tab only: the second dimension's categories within this group. */
  groups?: TAggregateGroup[];
};

export type TAggregateTotal = TCountsOut & {
  caseFatality: ProportionInterval | null;
  share: ProportionInterval | null;
  comparisons: TComparison[];
};

export type TAggregatesResponse = { query: TAggregateQuery; total: TAggregateTotal; groups: TAggregateGroup[] };
