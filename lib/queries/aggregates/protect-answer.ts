// Pure: the researcher disclosure rule applied where aggregate answers are made (docs/security.md,
// "Disclosure policy"). Before decoration every count of the table is perturbed by its cell key
// (lib/stats/cell-key.ts), so case fatality, shares, incidence and p-values all follow from the
// perturbed counts; after decoration every perturbed count from 1 to threshold−1 becomes null
// (suppressed, never 0) with every figure derived from it.
import { MAX_NOISE, perturbCount } from "@/lib/stats/cell-key";
import type { TAggregateGroup, TAggregateTotal, TAggregatesResponse, TCountTable, TCounts, TDisclosure } from "./types";

export const CELL_KEY_NOTE =
  `Researcher counts are perturbed by at most ±${MAX_NOISE} with the cell-key method (the same cases always get the same change, ` +
  "so repeating or rephrasing a query reproduces it); counts that would read 1 to threshold−1 are null (suppressed) with " +
  "every figure derived from them. A 0 is a true zero. Totals are perturbed on their own: they need not equal the sum of their parts.";

export const cellKeyDisclosure = (threshold: number): TDisclosure => ({
  method: "cell-key",
  threshold,
  maxNoise: MAX_NOISE,
  note: CELL_KEY_NOTE,
});

/**
 * One record's counts perturbed, then made consistent — each count perturbed alone could break
 * fatal ≤ known ≤ cases, or exceed its parent's (a group's cases over the total's), and a
 * proportion of x > n has no meaning. Capping uses only published (perturbed) values, so it
 * reveals nothing more; a cap never turns a count into 0 (perturbCount keeps non-zero ≥ 1).
 */
function perturbed(counts: TCounts, parent?: TCounts): TCounts {
  const keys = counts.keys;
  if (!keys) throw new Error("perturbation needs the cell keys (countAggregateCells with cellKeys: true)");
  const cap = (value: number, limit: number | undefined) => (limit === undefined ? value : Math.min(value, limit));
  const cases = cap(perturbCount(counts.cases, keys.cases), parent?.cases);
  const knownOutcome = Math.min(cap(perturbCount(counts.knownOutcome, keys.knownOutcome), parent?.knownOutcome), cases);
  return {
    cases,
    knownOutcome,
    fatal: Math.min(cap(perturbCount(counts.fatal, keys.fatal), parent?.fatal), knownOutcome),
    inPeriod: Math.min(cap(perturbCount(counts.inPeriod, keys.inPeriod), parent?.inPeriod), cases),
    undated: Math.min(cap(perturbCount(counts.undated, keys.undated), parent?.undated), cases),
  };
}

/** Every count of the table replaced by its perturbed value (the keys are dropped); no part exceeds its whole. */
export function perturbCountTable(table: TCountTable): TCountTable {
  const total = perturbed(table.total);
  const groups = new Map([...table.groups].map(([key, counts]) => [key, perturbed(counts, total)]));
  const cells = new Map(
    [...table.cells].map(([key, row]) => {
      const group = groups.get(key);
      return [key, new Map([...row].map(([inner, counts]) => [inner, perturbed(counts, group)]))];
    }),
  );
  return { total, groups, cells };
}

const isSmall = (value: number | null, threshold: number) => value !== null && value > 0 && value < threshold;

type TFigures = Pick<
  TAggregateGroup,
  "cases" | "fatal" | "knownOutcome" | "caseFatality" | "share" | "comparisons" | "rate" | "rateReason"
>;

/** One cell's figures with its small counts nulled, and what follows from them. */
function hideFigures<T extends TFigures>(figures: T, parentHidden: boolean, threshold: number): T {
  const casesHidden = isSmall(figures.cases, threshold);
  const fatalityHidden = isSmall(figures.fatal, threshold) || isSmall(figures.knownOutcome, threshold);
  // A rate's numerator is a count too (and its undated cases another).
  const rate = figures.rate;
  const rateHidden = rate !== null && (casesHidden || isSmall(rate.cases, threshold) || isSmall(rate.undated, threshold));
  return {
    ...figures,
    rate: rateHidden ? null : rate,
    ...(rateHidden ? { rateReason: "Suppressed: too few cases to publish" } : {}),
    cases: casesHidden ? null : figures.cases,
    fatal: isSmall(figures.fatal, threshold) ? null : figures.fatal,
    knownOutcome: isSmall(figures.knownOutcome, threshold) ? null : figures.knownOutcome,
    caseFatality: fatalityHidden ? null : figures.caseFatality,
    share: casesHidden || parentHidden ? null : figures.share,
    comparisons: figures.comparisons.filter((c) =>
      c.metric === "case_fatality" ? !fatalityHidden : c.metric === "incidence_per_100k_py" ? !rateHidden && !casesHidden : !casesHidden,
    ),
  };
}

function hideGroups(groups: readonly TAggregateGroup[], parentHidden: boolean, threshold: number): TAggregateGroup[] {
  // male_share compares male with male + female: either hidden, and the comparison would show it.
  const sexHidden = groups.some((g) => (g.key === "male" || g.key === "female") && isSmall(g.cases, threshold));
  return groups.map((group) => {
    const out = hideFigures(group, parentHidden, threshold);
    if (sexHidden) out.comparisons = out.comparisons.filter((c) => c.metric !== "male_share");
    if (group.groups) out.groups = hideGroups(group.groups, out.cases === null, threshold);
    return out;
  });
}

/** The decorated answer (computed from perturbed counts) with every small count suppressed. */
export function hideSmallCounts(answer: TAggregatesResponse, threshold: number): TAggregatesResponse {
  const total: TAggregateTotal = hideFigures(answer.total, false, threshold);
  return { ...answer, disclosure: cellKeyDisclosure(threshold), total, groups: hideGroups(answer.groups, total.cases === null, threshold) };
}
