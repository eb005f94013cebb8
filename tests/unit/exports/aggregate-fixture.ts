// Hand-built aggregates answers (the shape getAggregates returns) for the export unit tests.
import { proportion } from "@/lib/stats";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import type { TAggregateGroup, TAggregatesResponse, TComparison } from "@/lib/queries/aggregates/types";

export type TCounts = { cases: number; fatal: number; knownOutcome: number };

const comparison = (metric: string): TComparison => ({
  baseline: `b-${metric}`,
  metric,
  value: 0.1,
  low: null,
  high: null,
  statement: "point",
  testedRange: { low: 0.08, high: 0.12 },
  citation: "test",
  pValue: 0.5,
  verdict: "consistent",
});

export function group(key: string, c: TCounts, parentCases: number, extra: Partial<TAggregateGroup> = {}): TAggregateGroup {
  return {
    key,
    label: key.toUpperCase(),
    ...c,
    caseFatality: proportion(c.fatal, c.knownOutcome, "wilson"),
    share: proportion(c.cases, parentCases, "wilson"),
    rate: null,
    comparisons: [comparison("case_fatality")],
    ...extra,
  };
}

const sum = (xs: TCounts[]): TCounts =>
  xs.reduce((a, b) => ({ cases: a.cases + b.cases, fatal: a.fatal + b.fatal, knownOutcome: a.knownOutcome + b.knownOutcome }), {
    cases: 0,
    fatal: 0,
    knownOutcome: 0,
  });

/** A one-dimension answer from counts per key (the total is their sum unless given). */
export function line(params: string, counts: Record<string, TCounts>, total = sum(Object.values(counts))): TAggregatesResponse {
  const query = ZAggregateQuery.parse(Object.fromEntries(new URLSearchParams(params)));
  return {
    query,
    disclosure: { method: "exact" },
    total: {
      ...total,
      caseFatality: proportion(total.fatal, total.knownOutcome, "wilson"),
      share: proportion(total.cases, total.cases, "wilson"),
      rate: null,
      comparisons: [comparison("case_fatality")],
    },
    groups: Object.entries(counts).map(([key, c]) => group(key, c, total.cases)),
  };
}

/** A cross-tab from counts[row][column]; returns it and the `then`-only answer (column totals). */
export function crossTab(
  params: string,
  counts: Record<string, Record<string, TCounts>>,
): { answer: TAggregatesResponse; columns: TAggregatesResponse } {
  const query = ZAggregateQuery.parse(Object.fromEntries(new URLSearchParams(params)));
  const rows = Object.entries(counts);
  const columnKeys = Object.keys(rows[0]![1]);
  const rowTotals = rows.map(([, cells]) => sum(Object.values(cells)));
  const total = sum(rowTotals);
  const answer = line(params, Object.fromEntries(rows.map(([key], i) => [key, rowTotals[i]!])), total);
  answer.groups.forEach((g, i) => (g.groups = columnKeys.map((key) => group(key, rows[i]![1][key]!, g.cases ?? 0))));
  const columns = line(
    `by=${query.then}`,
    Object.fromEntries(columnKeys.map((key) => [key, sum(rows.map(([, cells]) => cells[key]!))])),
    total,
  );
  return { answer, columns };
}
