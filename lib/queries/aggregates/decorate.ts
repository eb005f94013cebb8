// Pure: counts → the aggregates answer. Every category in order (zeros filled), case fatality and
// share with the chosen interval, incidence where planned, and the baseline comparisons.
import { incidenceRate, proportion } from "@/lib/stats";
import type { TStoredBaseline } from "@/lib/queries/get-baselines";
import { compareIncidence, compareProportion } from "./comparisons";
import type { TCategory } from "./dimensions";
import type { TCellKeys, TIncidencePlan } from "./incidence";
import type { TAggregateQuery, TDimension } from "./query-schema";
import { ZERO_COUNTS, type TAggregateGroup, type TAggregatesResponse, type TCountTable, type TCounts } from "./types";

export type TDecorateInput = {
  query: TAggregateQuery;
  categories: { by: readonly TCategory[]; then: readonly TCategory[] | null };
  counts: TCountTable;
  baselines: readonly TStoredBaseline[];
  incidence: TIncidencePlan;
};

type TContext = Pick<TDecorateInput, "query" | "baselines" | "incidence">;

/**
 * Case fatality = fatal / knownOutcome (outcome ≠ unknown); share = cases / the parent's cases.
 * A zero denominator gives null (lib/stats never returns NaN), and no comparison is made.
 */
export function decorate(input: TDecorateInput): TAggregatesResponse {
  const { query, categories, counts, baselines } = input;
  const { total } = counts;
  const groups = describeList(input, query.by, categories.by, (key) => counts.groups.get(key), total.cases, {});
  if (query.then !== null && categories.then !== null) {
    const then = query.then;
    for (const group of groups) {
      const cells = counts.cells.get(group.key);
      group.groups = describeList(input, then, categories.then, (key) => cells?.get(key), group.cases, { [query.by]: group.key });
    }
  }
  return {
    query,
    total: {
      ...countsOut(total),
      caseFatality: proportion(total.fatal, total.knownOutcome, query.ci),
      share: proportion(total.cases, total.cases, query.ci),
      comparisons: compareProportion(baselines, "case_fatality", total.fatal, total.knownOutcome),
    },
    groups,
  };
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
    const group = describe(context, counts, parentCases, { ...parentKeys, [dimension]: key });
    if (dimension === "sex" && key === "male") {
      group.comparisons.push(...compareProportion(context.baselines, "male_share", counts.cases, knownSex));
    }
    return { key, label, ...group };
  });
}

function describe(context: TContext, counts: TCounts, parentCases: number, cell: TCellKeys): Omit<TAggregateGroup, "key" | "label"> {
  const { query, baselines } = context;
  const comparisons = compareProportion(baselines, "case_fatality", counts.fatal, counts.knownOutcome);
  const base = {
    ...countsOut(counts),
    caseFatality: proportion(counts.fatal, counts.knownOutcome, query.ci),
    share: proportion(counts.cases, parentCases, query.ci),
  };
  const planned = "note" in context.incidence ? context.incidence : context.incidence.personYears(cell);
  if ("note" in planned) return { ...base, incidence: null, incidenceNote: planned.note, comparisons };
  // Events are the cell's cases with onset inside the incidence period, as its person-years are.
  const rate = incidenceRate(counts.inPeriod, planned.personYears);
  if (!rate) return { ...base, incidence: null, incidenceNote: "No person-years of exposure", comparisons };
  comparisons.push(...compareIncidence(baselines, rate.events, rate.personYears));
  const { per100k, lower, upper, personYears, events } = rate;
  return { ...base, incidence: { per100k, lower, upper, personYears, events }, comparisons };
}
