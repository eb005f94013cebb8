// The aggregates answer for one normalised query: plan incidence from the stored
// denominators, run the one GROUP BY, then decorate with intervals and stored baselines.
import { readEnv } from "@/lib/db/config";
import { onReadServer } from "@/lib/db/replicas";
import { getBaselines } from "@/lib/queries/get-baselines";
import { cachedAnswer } from "./answer-cache";
import { STAFF, type TAudience } from "./audience";
import { countAggregateCells, type TCountOptions } from "./count-aggregate-cells";
import { protectCount } from "@/lib/stats/cell-key";
import { countUnmatchedSuspects } from "./count-unmatched-suspects";
import { decorate } from "./decorate";
import { categoriesOf } from "./descriptors";
import { getExposureStrata, type TExposureStratum } from "./get-exposure-strata";
import { incidenceClasses, planIncidence, type TIncidencePlan } from "./incidence";
import { hideSmallCounts, perturbCountTable } from "./protect-answer";
import type { TAggregateQuery } from "./query-schema";
import type { TAggregatesResponse, TCountTable } from "./types";

export type { TAggregatesResponse } from "./types";

export type TAggregateOptions = Pick<TCountOptions, "source"> & { audience?: TAudience };

/**
 * The answer from the rollup (or the case tables), through the exact answer cache; a caller
 * asking for the case tables (`source: "cases"`, the rollup's reference) always recomputes.
 * `audience` (default staff): a researcher's answer passes the disclosure rule here, where the
 * answer is made, so every route and page that shows it shows the protected counts.
 * Read from a replica when one is usable (lib/db/replicas.ts), every part of it from the same server.
 */
export function getAggregates(query: TAggregateQuery, options: TAggregateOptions = {}): Promise<TAggregatesResponse> {
  return onReadServer(() => answerAggregates(query, options));
}

async function answerAggregates(query: TAggregateQuery, options: TAggregateOptions): Promise<TAggregatesResponse> {
  const audience = options.audience ?? STAFF;
  const compute = async () => {
    if (audience.kind === "staff") return computeAggregates(query, options);
    // Perturbation needs each cell's record-key sums, which the rollup holds beside its counts.
    const answer = await computeAggregates(query, { source: options.source, cellKeys: true });
    const hidden = hideSmallCounts(answer, audience.threshold);
    // The unmatched-suspect count is a count of cases like any other: the same cell-key rule.
    const unmatched = await countUnmatchedSuspects(query, options);
    return {
      ...hidden,
      unmatchedSuspects: { cases: protectCount(unmatched.cases, unmatched.cellKey, audience.threshold), workbench: unmatched.workbench },
    };
  };
  if (options.source === "cases" || !readEnv().aggregateCache) return compute();
  return cachedAnswer(JSON.stringify([audience, query]), compute);
}

async function computeAggregates(query: TAggregateQuery, options: TCountOptions): Promise<TAggregatesResponse> {
  const [baselines, exposure] = await Promise.all([getBaselines(), getExposureStrata(incidenceClasses(query))]);
  const incidence = planIncidence(query, exposure.strata);
  const exact = await countAggregateCells(query, "period" in incidence ? incidence.period : null, options);
  const counts = options.cellKeys ? perturbCountTable(exact) : exact;
  const categories = {
    by: categoriesOf(query.by, query, new Set(counts.groups.keys())),
    then: query.then ? categoriesOf(query.then, query, innerKeys(counts)) : null,
  };
  const { cellKey: _key, ...unmatchedSuspects } = await countUnmatchedSuspects(query, options);
  const ageCounts = await countByAgeForStandardising(query, incidence, exposure.strata, options);
  return { ...decorate({ query, categories, counts, baselines, incidence, datasets: exposure.datasets, ageCounts }), unmatchedSuspects };
}

/**
 * Class rates are age-standardised (docs/epidemiology.md) when the query is by drugClass alone and
 * some exposure is split by age band: one more GROUP BY (class × age band) gives the band numerators.
 * Not for researchers' perturbed answers, whose protection covers the published cells only.
 */
async function countByAgeForStandardising(
  query: TAggregateQuery,
  plan: TIncidencePlan,
  strata: readonly TExposureStratum[],
  options: TCountOptions,
) {
  if (query.by !== "drugClass" || query.then !== null || query.ageBand.length > 0 || options.cellKeys || !("period" in plan))
    return undefined;
  if (!strata.some((s) => s.ageBand !== "all")) return undefined;
  return (await countAggregateCells({ ...query, then: "ageBand" }, plan.period, options)).cells;
}

/** Second-dimension keys seen in any group, so every group lists the same categories. */
function innerKeys(counts: TCountTable): Set<string> {
  return new Set([...counts.cells.values()].flatMap((cells) => [...cells.keys()]));
}
