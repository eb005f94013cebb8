// Shapes shared by the aggregates query, its pure decoration and its tests: the counts the
// database returns, and the answer the API serves.
import type { BaselineVerdict, ProportionInterval } from "@/lib/stats";
import type { TAggregateQuery } from "./query-schema";

/** Counts of one cell; inPeriod = cases whose onset lies in the incidence period (events for incidence). */
export type TCounts = {
  cases: number;
  fatal: number;
  knownOutcome: number;
  inPeriod: number;
  /** Cases without an onset date (never in a rate's numerator; reported as `undated`). */
  undated: number;
  /** Each measure's cell key (sum of its cases' record keys mod 2^32), when asked for: lib/stats/cell-key.ts. */
  keys?: { cases: number; fatal: number; knownOutcome: number; inPeriod: number; undated: number };
};
export const ZERO_COUNTS: TCounts = { cases: 0, fatal: 0, knownOutcome: 0, inPeriod: 0, undated: 0 };

/** total counts each case once; groups by the first dimension's key; cells by first then second key. */
export type TCountTable = {
  total: TCounts;
  groups: ReadonlyMap<string, TCounts>;
  cells: ReadonlyMap<string, ReadonlyMap<string, TCounts>>;
};

/** An inclusive range of onset dates, ISO YYYY-MM-DD. */
export type TPeriod = { start: string; end: string };

/** One exposure dataset a rate divides by. */
export type TExposureSourceRef = {
  source: string;
  synthetic: boolean;
  completeAscertainment: boolean;
  settings: string[];
  country: string | null;
};

/**
 * Cases per 100,000 person-years with an exact Poisson (Garwood) interval. `reporting_rate`: the
 * numerator is spontaneous reports, an unknown fraction of all cases — not an incidence;
 * `incidence` only when the exposure dataset declares complete ascertainment (docs/epidemiology.md).
 * `cases` are the group's cases with onset in a covered year; `undated` its cases without an onset date.
 */
/** A directly age-standardised rate (docs/epidemiology.md); cases of unknown age are left out and counted. */
export type TAgeStandardised = {
  per100kPersonYears: number;
  lower: number;
  upper: number;
  method: "direct_fay_feuer";
  standard: string;
  cases: number;
  unknownAge: number;
};

export type TRate = {
  kind: "reporting_rate" | "incidence";
  per100kPersonYears: number;
  lower: number;
  upper: number;
  method: "exact_poisson";
  cases: number;
  undated: number;
  personYears: number;
  exposureSources: TExposureSourceRef[];
  /** Class rates over age-stratified exposure: standardised to the WHO world standard (else absent). */
  ageStandardised?: TAgeStandardised;
};

export type TComparison = {
  /** The baseline's key in the `baseline` table. */
  baseline: string;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
  /** How the source states it (point, about, range, at_most, at_least, qualitative). */
  statement: string;
  /** The region tested (equivalence region for point/about figures), null when none. */
  testedRange: { low: number; high: number } | null;
  citation: string;
  /** null when not tested. */
  pValue: number | null;
  verdict: BaselineVerdict | "not_comparable";
  /** Why the figure is shown as context only (present exactly when verdict is not_comparable). */
  reason?: string;
};

/**
 * A count as served: exact for staff; for researchers perturbed, and null (suppressed — never a
 * zero) when it would be a small count (protect-answer.ts).
 */
type TCountsOut = { cases: number | null; fatal: number | null; knownOutcome: number | null };

export type TAggregateGroup = TCountsOut & {
  key: string;
  label: string;
  /** fatal / knownOutcome; null when no case has a known outcome. */
  caseFatality: ProportionInterval | null;
  /** cases / the parent's cases (total for a group, the group for a cross-tab cell); null when that is 0. */
  share: ProportionInterval | null;
  rate: TRate | null;
  /** Why rate is null (present exactly when it is). */
  rateReason?: string;
  comparisons: TComparison[];
  /** Cross-tab only: the second dimension's categories within this group. */
  groups?: TAggregateGroup[];
};

export type TAggregateTotal = TCountsOut & {
  caseFatality: ProportionInterval | null;
  share: ProportionInterval | null;
  rate: TRate | null;
  rateReason?: string;
  comparisons: TComparison[];
};

/** How the counts were protected: staff get exact counts; researchers the cell-key rule. */
export type TDisclosure = { method: "exact" } | { method: "cell-key"; threshold: number; maxNoise: number; note: string };

export type TAggregatesResponse = {
  query: TAggregateQuery;
  disclosure: TDisclosure;
  total: TAggregateTotal;
  groups: TAggregateGroup[];
  /**
   * Cases under the query's filters naming a suspect/interacting/withdrawn drug that matches no
   * catalogue drug: they count in no class (lib/queries/aggregates/count-unmatched-suspects.ts).
   * `cases` is null for a researcher when fewer than the disclosure threshold.
   */
  unmatchedSuspects?: { cases: number | null; workbench: string };
};
