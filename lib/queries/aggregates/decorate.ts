// Pure: counts → the aggregates answer. Every category in order (zeros filled), case fatality and
// share with the chosen interval, the rate where planned, and the baseline comparisons.
import { incidenceRate, proportion } from "@/lib/stats";
import type { TStoredBaseline } from "@/lib/queries/get-baselines";
import { compareProportion, compareRate, type TObservation } from "./comparisons";
import type { TCategory } from "./descriptors";
import type { TExposureDatasetFlags } from "./get-exposure-strata";
import type { TCellKeys, TIncidencePlan } from "./incidence";
import { ageStandardised } from "./standardise";
import type { TAggregateQuery, TDimension } from "./query-schema";
import {
  ZERO_COUNTS,
  type TAggregateGroup,
  type TAggregatesResponse,
  type TComparison,
  type TCountTable,
  type TCounts,
  type TRate,
} from "./types";

export type TDecorateInput = {
  query: TAggregateQuery;
  categories: { by: readonly TCategory[]; then: readonly TCategory[] | null };
  counts: TCountTable;
  baselines: readonly TStoredBaseline[];
  incidence: TIncidencePlan;
  /** The exposure datasets' flags (synthetic, complete ascertainment, settings); default none. */
  datasets?: readonly TExposureDatasetFlags[];
  /** Cases by class then age band (by=drugClass only), for age-standardised class rates. */
  ageCounts?: ReadonlyMap<string, ReadonlyMap<string, TCounts>>;
};

type TContext = Pick<TDecorateInput, "query" | "baselines" | "incidence" | "datasets" | "ageCounts">;

/**
 * Case fatality = fatal / knownOutcome (outcome ≠ unknown); share = cases / the parent's cases.
 * A zero denominator gives null (lib/stats never returns NaN), and no comparison is made.
 */
export function decorate(input: TDecorateInput): TAggregatesResponse {
  const { query, categories, counts } = input;
  const { total } = counts;
  const groups = describeList(input, query.by, categories.by, (key) => counts.groups.get(key), total.cases, {});
  if (query.then !== null && categories.then !== null) {
    const then = query.then;
    for (const group of groups) {
      const cells = counts.cells.get(group.key);
      const parentCases = counts.groups.get(group.key)?.cases ?? 0;
      group.groups = describeList(input, then, categories.then, (key) => cells?.get(key), parentCases, { [query.by]: group.key });
    }
  }
  // The total spans every class when the groups are classes: no one exposure fits it.
  const spansClasses = (query.by === "drugClass" || query.then === "drugClass") && query.drugClass.length !== 1;
  const { comparisons, ...described } = describe(
    input,
    total,
    total.cases,
    {},
    spansClasses ? "The total spans drug classes with different exposures: see each class's rate" : null,
  );
  return { query, disclosure: { method: "exact" }, total: { ...described, comparisons }, groups };
}

const countsOut = ({ cases, fatal, knownOutcome }: TCounts) => ({ cases, fatal, knownOutcome });

/** One dimension's categories under a parent (the total, or a group of a cross-tab). */
function describeList(
  context: TContext,
  dimension: TDimension,
  categories: readonly TCategory[],
  countsOf: (key: string) => TCounts | undefined,
  parentCases: number,
  parentKeys: TCellKeys,
): TAggregateGroup[] {
  // The male_share baseline is about sex-known cases: male / (male + female) among siblings.
  const knownSex = dimension === "sex" ? (countsOf("male")?.cases ?? 0) + (countsOf("female")?.cases ?? 0) : 0;
  return categories.map(({ key, label }) => {
    const counts = countsOf(key) ?? ZERO_COUNTS;
    const cell = { ...parentKeys, [dimension]: key };
    const group = describe(context, counts, parentCases, cell, null);
    if (dimension === "sex" && key === "male") {
      group.comparisons.push(...compareProportion(context.baselines, observation(context, cell, "male_share"), counts.cases, knownSex));
    }
    return { key, label, ...group };
  });
}

/** The observation a comparison needs: measure, ascertainment, the cell's class and onset years. */
function observation(context: TContext, cell: TCellKeys, metric: string, rate?: TRate): TObservation {
  const { query } = context;
  const year = cell.year && cell.year !== "unknown" ? Number(cell.year) : null;
  const yearOf = (iso: string | null) => (iso ? Number(iso.slice(0, 4)) : null);
  return {
    metric,
    ascertainment: rate?.kind === "incidence" ? "complete" : "spontaneous_reports",
    settings: rate ? [...new Set(rate.exposureSources.flatMap((s) => s.settings))] : undefined,
    drugClass: cell.drugClass ?? (query.drugClass.length === 1 ? (query.drugClass[0] ?? null) : null),
    period: year !== null ? { start: year, end: year } : { start: yearOf(query.from), end: yearOf(query.to) },
  };
}

type TDescribed = Omit<TAggregateGroup, "key" | "label">;

function describe(context: TContext, counts: TCounts, parentCases: number, cell: TCellKeys, totalNote: string | null): TDescribed {
  const { query, baselines } = context;
  const comparisons: TComparison[] = compareProportion(
    baselines,
    observation(context, cell, "case_fatality"),
    counts.fatal,
    counts.knownOutcome,
  );
  const base = {
    ...countsOut(counts),
    caseFatality: proportion(counts.fatal, counts.knownOutcome, query.ci),
    share: proportion(counts.cases, parentCases, query.ci),
  };
  const planned =
    totalNote !== null ? { note: totalNote } : "note" in context.incidence ? context.incidence : context.incidence.personYears(cell);
  if ("note" in planned) return { ...base, rate: null, rateReason: planned.note, comparisons };
  // Events are the cell's cases with onset inside the rate's period, as its person-years are.
  const computed = incidenceRate(counts.inPeriod, planned.personYears);
  if (!computed) return { ...base, rate: null, rateReason: "No person-years of exposure", comparisons };
  const dataset = context.datasets?.find((d) => d.source === planned.source);
  const rate: TRate = {
    kind: dataset?.completeAscertainment ? "incidence" : "reporting_rate",
    per100kPersonYears: computed.per100k,
    lower: computed.lower,
    upper: computed.upper,
    method: "exact_poisson",
    cases: computed.events,
    undated: counts.undated,
    personYears: computed.personYears,
    exposureSources: [
      {
        source: planned.source,
        synthetic: dataset?.synthetic ?? false,
        completeAscertainment: dataset?.completeAscertainment ?? false,
        settings: dataset?.settings ?? [],
        country: query.country[0] ?? null,
      },
    ],
  };
  if (context.ageCounts && cell.drugClass && Object.keys(cell).length === 1) {
    const standardised = ageStandardised(context.incidence, cell, planned.source, context.ageCounts.get(cell.drugClass));
    if (!("note" in standardised)) rate.ageStandardised = standardised;
  }
  comparisons.push(...compareRate(baselines, observation(context, cell, "incidence_per_100k_py", rate), rate.cases, rate.personYears));
  return { ...base, rate, comparisons };
}
