// Pure: an aggregates answer with small cells suppressed for publication: each count
// (cases, fatal, knownOutcome) is its own table with its own totals, so a hidden death count
// cannot be read off the total deaths (with outcome as a dimension, where fatal and knownOutcome
// follow from the case counts, they are hidden with them); every figure derived from a hidden
// count — case fatality, share, p-values, incidence — is hidden too.
import type { ProportionInterval } from "@/lib/stats";
import type { TSuppressionOptions } from "@/lib/stats/suppression";
import type { TAggregateGroup, TAggregatesResponse, TComparison, TRate } from "@/lib/queries/aggregates/types";
import { MEASURES, independentMasks, outcomeMasks, type TGridValues, type TMasks, type TMeasure } from "./suppression-masks";

export type TSuppressedField = "cases" | "fatal" | "knownOutcome" | "rate";
export type TExportFigures = {
  cases: number | null;
  fatal: number | null;
  knownOutcome: number | null;
  caseFatality: ProportionInterval | null;
  share: ProportionInterval | null;
  comparisons: TComparison[];
  /** True when the cell's case count is suppressed — then every figure of the cell is null. */
  suppressed: boolean;
  /** Every figure nulled by suppression (a true zero is never listed: it stays 0). */
  suppressedFields: TSuppressedField[];
};
export type TExportGroup = TExportFigures & {
  key: string;
  label: string;
  rate: TRate | null;
  rateReason?: string;
  groups?: TExportGroup[];
};
export type TExportTable = { total: TExportFigures; groups: TExportGroup[]; columns: TExportGroup[] | null };

/**
 * The column totals in the cross-tab's column order: the second dimension's own answer where it
 * has the category, else the column's sum (a category only the cross-tab lists).
 */
function columnTotals(answer: TAggregatesResponse, columns: TAggregatesResponse): TAggregateGroup[] {
  const byKey = new Map(columns.groups.map((c) => [c.key, c]));
  return (answer.groups[0]?.groups ?? []).map((first, j) => {
    const sum = (m: TMeasure) => answer.groups.reduce((a, row) => a + (row.groups?.[j]?.[m] ?? 0), 0);
    return (
      byKey.get(first.key) ?? {
        key: first.key,
        label: first.label,
        cases: sum("cases"),
        fatal: sum("fatal"),
        knownOutcome: sum("knownOutcome"),
        caseFatality: null,
        share: null,
        rate: null,
        comparisons: [],
      }
    );
  });
}

/** Each measure on the grid with totals: one row (groups, total), or rows × columns with totals. */
function gridValues(answer: TAggregatesResponse, columns: readonly TAggregateGroup[] | null): TGridValues {
  // A count the answer already suppressed (null: a researcher's answer, protect-answer.ts) enters
  // as 1 — a small non-zero count, so it stays hidden and its complements are chosen as for one.
  const v = (value: number | null | undefined) => (value === null ? 1 : (value ?? 0));
  const of = (m: TMeasure) =>
    columns
      ? [
          ...answer.groups.map((row) => [...columns.map((_, j) => v(row.groups?.[j]?.[m])), v(row[m])]),
          [...columns.map((c) => v(c[m])), v(answer.total[m])],
        ]
      : [[...answer.groups.map((g) => v(g[m])), v(answer.total[m])]];
  return { cases: of("cases"), fatal: of("fatal"), knownOutcome: of("knownOutcome") };
}

function masksFor(answer: TAggregatesResponse, columns: readonly TAggregateGroup[] | null, options: TSuppressionOptions): TMasks {
  const masks = independentMasks(gridValues(answer, columns), columns !== null, options);
  const { by, then } = answer.query;
  if (by === "outcome")
    return outcomeMasks(
      masks.cases,
      answer.groups.map((g) => g.key),
      columns !== null,
    );
  if (then === "outcome" && columns)
    return outcomeMasks(
      masks.cases,
      columns.map((c) => c.key),
      false,
    );
  return masks;
}

/** Hidden flags of grid position (i, j) per measure. */
const at = (masks: TMasks, i: number, j: number) =>
  Object.fromEntries(MEASURES.map((m) => [m, masks[m][i]![j]!])) as Record<TMeasure, boolean>;

type TFigureInput = Pick<TAggregateGroup, TMeasure | "caseFatality" | "share" | "comparisons">;

/** One cell's figures given which of its counts are hidden and whether its parent's count is. */
function figures(source: TFigureInput, hidden: Record<TMeasure, boolean>, parentHidden: boolean): TExportFigures {
  const suppressedFields = MEASURES.filter((m) => hidden[m]);
  const fatalityHidden = hidden.fatal || hidden.knownOutcome;
  return {
    cases: hidden.cases ? null : source.cases,
    fatal: hidden.fatal ? null : source.fatal,
    knownOutcome: hidden.knownOutcome ? null : source.knownOutcome,
    caseFatality: fatalityHidden ? null : source.caseFatality,
    // share = cases / parent's cases: either one hidden, and the share would reveal it.
    share: hidden.cases || parentHidden ? null : source.share,
    // A p-value is a function of its counts: keep only those whose counts are all published.
    comparisons: source.comparisons.filter((c) => (c.metric === "case_fatality" ? !fatalityHidden : !hidden.cases)),
    suppressed: hidden.cases,
    suppressedFields,
  };
}

/** Groups of one list (a 1-D answer's groups, a cross-tab's rows, a row's cells or the columns) with their masks. */
function describeGroups(
  groups: readonly TAggregateGroup[],
  hiddenAt: (k: number) => Record<TMeasure, boolean>,
  parentHidden: boolean,
  threshold: number,
  inner?: (group: TAggregateGroup, index: number, hidden: boolean) => TExportGroup[] | undefined,
): TExportGroup[] {
  // male_share compares male with male + female: hidden either, and the comparison would leak it.
  const sexHidden = groups.some((g, k) => (g.key === "male" || g.key === "female") && hiddenAt(k).cases);
  return groups.map((group, k) => {
    const hidden = hiddenAt(k);
    const out = figures(group, hidden, parentHidden);
    if (sexHidden) out.comparisons = out.comparisons.filter((c) => c.metric !== "male_share");
    // A rate's cases (and undated cases) are counts with no published total: primary suppression is enough.
    const small = (n: number) => n > 0 && n < threshold;
    const rateHidden = group.rate !== null && (hidden.cases || small(group.rate.cases) || small(group.rate.undated));
    if (rateHidden) {
      out.suppressedFields.push("rate");
      out.comparisons = out.comparisons.filter((c) => c.metric !== "incidence_per_100k_py" && c.metric !== "incidence_proportion");
    }
    const described: TExportGroup = { key: group.key, label: group.label, ...out, rate: rateHidden ? null : group.rate };
    if (rateHidden) described.rateReason = "Suppressed: too few cases to publish";
    else if (group.rateReason !== undefined) described.rateReason = group.rateReason;
    const children = inner?.(group, k, hidden.cases);
    if (children) described.groups = children;
    return described;
  });
}

export type TSuppressAggregatesOptions = TSuppressionOptions & { threshold: number };

/**
 * answer: the aggregates answer; columns: for a cross-tab, the answer of the same query by the
 * second dimension alone (its groups are the column totals anyone can fetch), else null.
 */
export function suppressAggregates(
  answer: TAggregatesResponse,
  columns: TAggregatesResponse | null,
  options: TSuppressAggregatesOptions,
): TExportTable {
  const { threshold } = options;
  const columnGroups = answer.query.then !== null && columns ? columnTotals(answer, columns) : null;
  const masks = masksFor(answer, columnGroups, options);
  if (!columnGroups) {
    const totalHidden = at(masks, 0, answer.groups.length);
    const groups = describeGroups(answer.groups, (k) => at(masks, 0, k), totalHidden.cases, threshold);
    return { total: figures(answer.total, totalHidden, false), groups, columns: null };
  }
  const R = answer.groups.length;
  const C = columnGroups.length;
  const totalHidden = at(masks, R, C);
  const groups = describeGroups(
    answer.groups,
    (i) => at(masks, i, C),
    totalHidden.cases,
    threshold,
    (group, i, rowHidden) => describeGroups(group.groups ?? [], (j) => at(masks, i, j), rowHidden, threshold),
  );
  const columnsOut = describeGroups(columnGroups, (j) => at(masks, R, j), totalHidden.cases, threshold);
  return { total: figures(answer.total, totalHidden, false), groups, columns: columnsOut };
}

/** The same shape with nothing hidden (staff exports without `suppress=true`). */
export function unsuppressedAggregates(answer: TAggregatesResponse, columns: TAggregatesResponse | null): TExportTable {
  return suppressAggregates(answer, columns, { threshold: 0 });
}
