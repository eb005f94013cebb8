// The aggregates answer for one normalised query (SPEC §4): plan incidence from the stored
// denominators, run the one GROUP BY, then decorate with intervals and stored baselines.
import { readEnv } from "@/lib/db/config";
import { getBaselines } from "@/lib/queries/get-baselines";
import { cachedAnswer } from "./answer-cache";
import { countAggregateCells, type TCountOptions } from "./count-aggregate-cells";
import { decorate } from "./decorate";
import { DIMENSION_SQL, type TCategory } from "./dimensions";
import { getExposureStrata } from "./get-exposure-strata";
import { incidenceClasses, planIncidence } from "./incidence";
import type { TAggregateQuery, TDimension } from "./query-schema";
import type { TAggregatesResponse, TCountTable } from "./types";

export type { TAggregatesResponse } from "./types";

/**
 * The answer from the rollup (or the case tables), through the exact answer cache; a caller
 * asking for the case tables (`source: "cases"`, the rollup's reference) always recomputes.
 */
export async function getAggregates(query: TAggregateQuery, options: TCountOptions = {}): Promise<TAggregatesResponse> {
  if (options.source === "cases" || !readEnv().aggregateCache) return computeAggregates(query, options);
  return cachedAnswer(JSON.stringify(query), () => computeAggregates(query, options));
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
  const unmatchedSuspects = await countUnmatchedSuspects(query);
  return { ...decorate({ query, categories, counts, baselines, incidence, datasets: exposure.datasets }), unmatchedSuspects };
}

function categoriesOf(dimension: TDimension, query: TAggregateQuery, present: ReadonlySet<string>): TCategory[] {
  return DIMENSION_SQL[dimension].categories({ query, present });
}

/** Second-dimension keys seen in any group, so every group lists the same categories. */
function innerKeys(counts: TCountTable): Set<string> {
  return new Set([...counts.cells.values()].flatMap((cells) => [...cells.keys()]));
}
