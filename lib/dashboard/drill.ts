// Drill-down: the line-listing URL behind one bar — the page's filters with the bar's own
// category put in place of its dimension's filter — so the listing counts exactly that bar.
import type { LatencyBucket } from "@/lib/domain/onset-latency";
import { FILTER_KEYS, type TFilterKey } from "@/lib/queries/aggregates/descriptors";
import { filterSearch, type TDashboardFilters } from "./filters";

/** The category one bar stands for: a filter's category, an onset `year`, or a `latency` bucket. */
export type TDrillTarget = Partial<Record<TFilterKey, string>> & {
  year?: string;
  latency?: LatencyBucket;
};

const maxIso = (a: string | null, b: string) => (a !== null && a > b ? a : b);
const minIso = (a: string | null, b: string) => (a !== null && a < b ? a : b);

/**
 * `/cases?…` for a bar, or null when no listing filter can express it. A bar's category replaces
 * its dimension's filter when it is one of the filtered values: the bar lies inside that filter,
 * so the narrower condition selects the same cases. A category outside its dimension's filter
 * has no listing — for a sex or an outcome that bar is empty anyway; for a drug class it holds
 * cases of a filtered class that also have this one ("class A and class B"), which the listing's
 * "any of" filters cannot say. Cases without an onset year have none either. A year becomes the
 * onset range that year shares with the page's range. The interval method is dropped.
 */
export function drillHref(filters: TDashboardFilters, target: TDrillTarget): string | null {
  // The listing shows every live case (confirmed duplicates under their master), suspected or not.
  const next: TDashboardFilters = { ...filters, ci: "wilson", duplicates: undefined };
  for (const key of FILTER_KEYS) {
    const value = target[key];
    if (value === undefined) continue;
    const filtered: readonly string[] = filters[key];
    if (filtered.length > 0 && !filtered.includes(value)) return null;
    next[key] = [value] as never;
  }
  if (target.year !== undefined) {
    if (!/^\d{4}$/.test(target.year)) return null;
    next.from = maxIso(filters.from, `${target.year}-01-01`);
    next.to = minIso(filters.to, `${target.year}-12-31`);
  }
  const params = filterSearch(next);
  if (target.latency !== undefined) params.set("latency", target.latency);
  return `/cases?${params.toString()}`;
}
