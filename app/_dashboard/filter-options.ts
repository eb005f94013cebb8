// What the filter bar offers: one select per filter descriptor, with the aggregates engine's own
// categories and labels (so a filter reads as its bars do), drugs grouped by class, and the
// countries that occur in the data.
import { aggregateQuery } from "@/lib/dashboard/filters";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASS_LABELS } from "@/lib/domain/vocabulary";
import { DESCRIPTORS, FILTER_KEYS, categoriesOf, noFilterValues, type TFilterKey } from "@/lib/queries/aggregates/descriptors";
import type { TFilterOptions, TOption } from "./filter-bar";
import { loadAggregates } from "./load";

const NO_FILTERS = aggregateQuery({ from: null, to: null, ...noFilterValues(), meetsConsensus: null, ci: "wilson" }, "country");

/** A filter's options without a query; drugs grouped by class, countries only as far as the URL names them. */
function optionsOf(key: TFilterKey, countries: readonly string[]): TOption[] {
  if (key === "drug") return DRUG_CATALOGUE.map((d) => ({ value: d.name, label: d.displayName, group: DRUG_CLASS_LABELS[d.drugClass] }));
  if (key === "country") return countries.map((code) => ({ value: code, label: code }));
  return categoriesOf(key, NO_FILTERS).map(({ key: value, label }) => ({ value, label }));
}

/** Every select, in descriptor order, with the options that need no query. */
export function staticFilterOptions(countries: readonly string[] = []): TFilterOptions {
  return FILTER_KEYS.map((key) => ({
    key,
    label: DESCRIPTORS[key].label,
    all: DESCRIPTORS[key].allLabel,
    options: optionsOf(key, countries),
  }));
}

export async function loadFilterOptions(): Promise<TFilterOptions> {
  // Countries come from the unfiltered data, so a filter never hides the other countries' option.
  const countries = await loadAggregates(NO_FILTERS);
  const options = countries.groups.map((g) => ({ value: g.key, label: g.key === "unknown" ? "Unknown" : `${g.label} (${g.key})` }));
  return staticFilterOptions().map((select) => (select.key === "country" ? { ...select, options } : select));
}
