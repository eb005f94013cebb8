// The dashboard's state is its URL: the filter part of the one aggregates query,
// parsed with ZAggregateQuery itself so the overview, the API and the export read a URL alike.
import { ZAggregateQuery, type TAggregateQuery, type TDimension } from "@/lib/queries/aggregates/query-schema";

/** URL keys the overview reads; anything else (a listing's page or sort) is ignored here. */
export const FILTER_KEYS = [
  "from", "to", "drugClass", "drug", "sex", "ageBand", "outcome", "country", "source", "meetsConsensus", "ci", "duplicates",
] as const;

export type TDashboardFilters = Omit<TAggregateQuery, "by" | "then">;
export type TFilterIssue = { path: string; message: string };
export type TParsedFilters = { ok: true; filters: TDashboardFilters; search: string } | { ok: false; issues: TFilterIssue[] };

type TRawParams = Record<string, string | string[] | undefined>;

/** Next's searchParams object → URLSearchParams, repeated keys kept in order. */
export function toSearchParams(raw: TRawParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

/**
 * The filters of a URL. ZAggregateQuery needs a dimension, so a placeholder `by` is added and
 * dropped again: the filters are validated and normalised exactly as the API would (same messages).
 */
export function parseDashboardFilters(params: URLSearchParams): TParsedFilters {
  const own = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of params.getAll(key)) own.append(key, value);
  own.set("by", "drugClass");
  const parsed = ZAggregateQuery.safeParse(Object.fromEntries(groupKeys(own)));
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
  }
  const { by: _by, then: _then, ...filters } = parsed.data;
  return { ok: true, filters, search: filterSearch(filters).toString() };
}

function groupKeys(params: URLSearchParams): [string, string | string[]][] {
  return [...new Set(params.keys())].map((key) => {
    const all = params.getAll(key);
    return [key, all.length > 1 ? all : all[0]!];
  });
}

/** The canonical search string of some filters: fixed key order, sorted values, defaults left out. */
export function filterSearch(filters: TDashboardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const key of ["drugClass", "drug", "sex", "ageBand", "outcome", "country", "source"] as const) {
    for (const value of filters[key]) params.append(key, value);
  }
  if (filters.meetsConsensus !== null) params.set("meetsConsensus", String(filters.meetsConsensus));
  if (filters.ci !== "wilson") params.set("ci", filters.ci);
  if (filters.duplicates === "suspected") params.set("duplicates", "suspected");
  return params;
}

/** The full aggregates query for one panel: the page's filters grouped by a dimension (and a second). */
export function aggregateQuery(filters: TDashboardFilters, by: TDimension, then: TDimension | null = null): TAggregateQuery {
  return { ...filters, by, then };
}

/** The same query as GET /api/v1/aggregates takes it (for "open in the API" links and tests). */
export function aggregateApiPath(query: TAggregateQuery): string {
  const params = filterSearch(query);
  params.set("by", query.by);
  if (query.then) params.set("then", query.then);
  return `/api/v1/aggregates?${params.toString()}`;
}

/** True when no filter narrows the cases (the interval method is a display choice, not a filter). */
export function isUnfiltered(filters: TDashboardFilters): boolean {
  const { ci: _ci, ...rest } = filters;
  return filterSearch({ ...rest, ci: "wilson" }).toString() === "";
}
