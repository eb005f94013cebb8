// The dashboard's state is its URL: the filter part of the one aggregates query,
// parsed with ZAggregateQuery itself so the overview, the API and the export read a URL alike.
import { paramsObject } from "@/lib/domain/search-params";
import { QUERY_FILTER_PARAMS, ZAggregateQuery, type TAggregateQuery, type TDimension } from "@/lib/queries/aggregates/query-schema";
import { querySearch, type TQueryFilters } from "@/lib/queries/aggregates/query-url";

export type TDashboardFilters = TQueryFilters;
export type TFilterIssue = { path: string; message: string };
export type TParsedFilters = { ok: true; filters: TDashboardFilters; search: string } | { ok: false; issues: TFilterIssue[] };

/** The canonical search string of some filters: fixed key order, sorted values, defaults left out. */
export const filterSearch = (filters: TDashboardFilters): URLSearchParams => querySearch(filters);

/**
 * The filters of a URL (anything else, such as a listing's page or sort, is ignored here).
 * ZAggregateQuery needs a dimension, so a placeholder `by` is added and dropped again: the
 * filters are validated and normalised exactly as the API would (same messages).
 */
export function parseDashboardFilters(params: URLSearchParams): TParsedFilters {
  const own = new URLSearchParams();
  for (const key of QUERY_FILTER_PARAMS) for (const value of params.getAll(key)) own.append(key, value);
  own.set("by", "drugClass");
  const parsed = ZAggregateQuery.safeParse(paramsObject(own));
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
  }
  const { by: _by, then: _then, ...filters } = parsed.data;
  return { ok: true, filters, search: filterSearch(filters).toString() };
}

/** The full aggregates query for one panel: the page's filters grouped by a dimension (and a second). */
export function aggregateQuery(filters: TDashboardFilters, by: TDimension, then: TDimension | null = null): TAggregateQuery {
  return { ...filters, by, then };
}

/** The same query as GET /api/v1/aggregates takes it (for "open in the API" links and tests). */
export function aggregateApiPath(query: TAggregateQuery): string {
  return `/api/v1/aggregates?${querySearch(query).toString()}`;
}
