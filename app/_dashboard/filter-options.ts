// What the filter bar offers: the aggregates engine's own categories and labels (so a filter reads
// as its bars do), drugs grouped by class, and the countries that occur in the data.
import { aggregateQuery } from "@/lib/dashboard/filters";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASS_LABELS } from "@/lib/domain/vocabulary";
import { DIMENSION_SQL } from "@/lib/queries/aggregates/dimensions";
import type { TAggregateQuery, TDimension } from "@/lib/queries/aggregates/query-schema";
import type { TFilterOptions, TOption } from "./filter-bar";
import { loadAggregates } from "./load";

const NO_FILTERS = aggregateQuery(
  { from: null, to: null, drugClass: [], drug: [], sex: [], ageBand: [], outcome: [], country: [], source: [], meetsConsensus: null, ci: "wilson" },
  "country",
);

/** A fixed vocabulary's categories without a query (they do not depend on the data). */
const fixed = (dimension: TDimension, query: TAggregateQuery = NO_FILTERS): TOption[] =>
  DIMENSION_SQL[dimension].categories({ query, present: new Set() }).map(({ key, label }) => ({ value: key, label }));

/** Every option that needs no query; countries only as far as the URL names them. */
export function staticFilterOptions(countries: readonly string[] = []): TFilterOptions {
  return {
    drugClass: fixed("drugClass"),
    drug: DRUG_CATALOGUE.map((d) => ({ value: d.name, label: d.displayName, group: DRUG_CLASS_LABELS[d.drugClass] })),
    sex: fixed("sex"),
    ageBand: fixed("ageBand"),
    outcome: fixed("outcome"),
    country: countries.map((code) => ({ value: code, label: code })),
    source: fixed("source"),
  };
}

export async function loadFilterOptions(): Promise<TFilterOptions> {
  // Countries come from the unfiltered data, so a filter never hides the other countries' option.
  const countries = await loadAggregates(NO_FILTERS);
  return {
    ...staticFilterOptions(),
    country: countries.groups.map((g) => ({ value: g.key, label: g.key === "unknown" ? "Unknown" : `${g.label} (${g.key})` })),
  };
}
