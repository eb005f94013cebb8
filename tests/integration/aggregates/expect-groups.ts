// Assertions shared by the aggregates integration tests: hand-derived counts in, and every
// interval recomputed with lib/stats on those counts (never typed in).
import { expect } from "vitest";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import type { TAggregateGroup, TAggregatesResponse } from "@/lib/queries/aggregates/types";
import { proportion, type ProportionMethod } from "@/lib/stats";

/** [key, cases, fatal, knownOutcome] */
export type TExpectedRow = readonly [string, number, number, number];

export const aggregates = (qs: string): Promise<TAggregatesResponse> => getAggregates(parseAggregateQuery(new URLSearchParams(qs)));

/** Categories in this exact order, each with these counts, its case fatality and its share of `parentCases`. */
export function expectGroups(
  groups: readonly TAggregateGroup[],
  expected: readonly TExpectedRow[],
  parentCases: number,
  ci: ProportionMethod,
): void {
  expect(groups.map((g) => g.key)).toEqual(expected.map(([key]) => key));
  for (const [key, cases, fatal, knownOutcome] of expected) {
    const group = groups.find((g) => g.key === key)!;
    expect({ key, cases: group.cases, fatal: group.fatal, knownOutcome: group.knownOutcome }).toEqual({ key, cases, fatal, knownOutcome });
    expect(group.caseFatality, `${key} case fatality`).toEqual(proportion(fatal, knownOutcome, ci));
    expect(group.share, `${key} share`).toEqual(proportion(cases, parentCases, ci));
  }
}

export function expectTotal(answer: TAggregatesResponse, cases: number, fatal: number, knownOutcome: number): void {
  const { ci } = answer.query;
  expect(answer.total).toMatchObject({ cases, fatal, knownOutcome });
  expect(answer.total.caseFatality).toEqual(proportion(fatal, knownOutcome, ci));
  expect(answer.total.share).toEqual(proportion(cases, cases, ci));
}

/** Expected rows for a long category list where only some keys have cases. */
export function withZeros(keys: readonly string[], nonZero: Record<string, readonly [number, number, number]>): TExpectedRow[] {
  return keys.map((key) => [key, ...(nonZero[key] ?? [0, 0, 0])] as const);
}
