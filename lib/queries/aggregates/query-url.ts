// The aggregates query → its URL parameters: the one builder behind the dashboard's URL, the
// drill-down links, "open in the API" links and the export's provenance string. Parsing the
// result with ZAggregateQuery gives the same query back (tests/unit/aggregates/descriptors.test.ts).
import { FILTER_KEYS } from "./descriptors";
import type { TAggregateQuery } from "./query-schema";

/** The query without its dimensions: what a page's filters are. */
export type TQueryFilters = Omit<TAggregateQuery, "by" | "then">;
type TQueryParts = TQueryFilters & { by?: TAggregateQuery["by"]; then?: TAggregateQuery["then"] };

/**
 * The canonical search parameters: fixed key order (by, then, from, to, the filters in descriptor
 * order, meetsConsensus, ci, duplicates), sorted values, defaults left out — except the interval
 * method when `explicitCi` (an export's provenance names it, since its intervals depend on it).
 */
export function querySearch(query: TQueryParts, options: { explicitCi?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.by) params.set("by", query.by);
  if (query.then) params.set("then", query.then);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  for (const key of FILTER_KEYS) for (const value of query[key]) params.append(key, value);
  if (query.meetsConsensus !== null) params.set("meetsConsensus", String(query.meetsConsensus));
  if (options.explicitCi || query.ci !== "wilson") params.set("ci", query.ci);
  if (query.duplicates === "suspected") params.set("duplicates", "suspected");
  return params;
}
