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

export const cellKeyDisclosure = (threshold: number): TDisclosure => ({ method: "cell-key", threshold, maxNoise: MAX_NOISE, note: CELL_KEY_NOTE });

function perturbed(counts: TCounts): TCounts {
  const keys = counts.keys;
  if (!keys) throw new Error("perturbation needs the cell keys (countAggregateCells with cellKeys: true)");
  return {
    cases: perturbCount(counts.cases, keys.cases),
    fatal: perturbCount(counts.fatal, keys.fatal),
    knownOutcome: perturbCount(counts.knownOutcome, keys.knownOutcome),
    inPeriod: perturbCount(counts.inPeriod, keys.inPeriod),
    undated: perturbCount(counts.undated, keys.undated),
  };
}

/** Every count of the table replaced by its perturbed value (the keys are dropped). */
export function perturbCountTable(table: TCountTable): TCountTable {
  const mapValues = <V, W>(map: ReadonlyMap<string, V>, f: (v: V) => W) => new Map([...map].map(([k, v]) => [k, f(v)]));
  return {
    total: perturbed(table.total),
    groups: mapValues(table.groups, perturbed),
    cells: mapValues(table.cells, (cells) => mapValues(cells, perturbed)),
  };
}

const isSmall = (value: number | null, threshold: number) => value !== null && value > 0 && value < threshold;

type TFigures = Pick<TAggregateGroup, "cases" | "fatal" | "knownOutcome" | "caseFatality" | "share" | "comparisons" | "rate" | "rateReason">;

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
