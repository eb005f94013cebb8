// Pure: an observed proportion or rate against every stored baseline of its measure — tested only
// where measure, population and period match, else shown as context with the reason (docs/epidemiology.md).
import { compareWithBaseline } from "@/lib/stats";
import type { TStoredBaseline } from "@/lib/queries/get-baselines";
import type { TComparison } from "./types";

/**
 * "About x" and a study's point estimate are tested as the equivalence region x·(1 ± 20%): a
 * point figure is itself an estimate, so an exact null would call 11% "above" "about 10%" at
 * n = 10,000. The verdict is "consistent" when the estimate lies in the region, else the exact
 * test runs against the nearer edge (the least favourable null).
 */
export const EQUIVALENCE_MARGIN = 0.2;

/** What the observation is: its measure, how the cases were found, and its class and onset years. */
export type TObservation = {
  /** The baseline metric this observation measures (case_fatality, male_share, incidence_per_100k_py). */
  metric: string;
  /**
   * How the numerator's cases were ascertained: spontaneous reports (this application's cases),
   * or a declared complete ascertainment of an exposed population (rate kind "incidence").
   */
  ascertainment: "spontaneous_reports" | "complete";
  /** For a rate: the exposure's setting(s). */
  settings?: readonly string[];
  /** The group's single drug class, or null when it spans classes. */
  drugClass: string | null;
  /** Onset years the observation covers; null ends = not restricted (the data's own span, unknown here). */
  period: { start: number | null; end: number | null };
};

type TRange = { low: number; high: number };

const PERIOD_WORDS = (b: Pick<TStoredBaseline, "periodStart" | "periodEnd">) => `${b.periodStart ?? "…"}–${b.periodEnd ?? "…"}`;

/** The region a baseline is tested as, or null with no figure (qualitative) or one outside [0, ceiling]. */
export function testedRange(baseline: TStoredBaseline, ceiling: number): TRange | null {
  const { value, low, high, statement } = baseline;
  const inDomain = (x: number | null) => x === null || (Number.isFinite(x) && x >= 0 && x <= ceiling);
  if (!inDomain(value) || !inDomain(low) || !inDomain(high)) return null;
  let range: TRange | null = null;
  if (statement === "point" || statement === "about") {
    if (value !== null) range = { low: value * (1 - EQUIVALENCE_MARGIN), high: Math.min(ceiling, value * (1 + EQUIVALENCE_MARGIN)) };
  } else if (statement === "range") {
    if (low !== null && high !== null) range = { low, high };
  } else if (statement === "at_most") {
    // "As high as 2:1": the bound the source supports below (low, e.g. 50% male) up to the stated maximum.
    if (high !== null) range = { low: low ?? 0, high };
  } else if (statement === "at_least") {
    if (low !== null) range = { low, high: high ?? ceiling };
  }
  return range && range.low <= range.high ? range : null;
}

const CASE_BASED_SETTINGS = new Set(["case_reports"]);

/**
 * Why a baseline cannot be tested against this observation, or null when it can. Rules, in order:
 * a figure to test; the same measure; the same kind of population (spontaneous reports only against
 * figures whose denominator is also reported cases, never a cohort or an inpatient series; a
 * reporting rate never against an incidence); the same drug class when the figure is class-specific;
 * and onset years that overlap the figure's period (an unrestricted query is not assumed to).
 */
export function notComparableReason(baseline: TStoredBaseline, observation: TObservation): string | null {
  if (baseline.statement === "qualitative") return "A qualitative statement: there is no figure to test";
  if (baseline.metric !== observation.metric) {
    return observation.metric === "incidence_per_100k_py" && baseline.metric === "incidence_proportion"
      ? "Different measures: the figure is an incidence proportion (cases per patient treated), the rate is per 100,000 person-years"
      : `Different measures (${baseline.metric} vs ${observation.metric})`;
  }
  if (observation.metric === "incidence_per_100k_py") {
    if (observation.ascertainment === "spontaneous_reports") {
      return "A reporting rate counts the cases that were reported, an unknown and varying fraction of all cases: it is not an incidence and is never tested against one";
    }
    if (!(observation.settings ?? []).includes(baseline.setting)) {
      return `Different populations: the figure is for ${baseline.setting} patients, the exposure for ${(observation.settings ?? []).join(", ") || "an unstated setting"}`;
    }
  } else if (observation.ascertainment === "spontaneous_reports" && !CASE_BASED_SETTINGS.has(baseline.setting)) {
    return `Different populations: the figure comes from a ${baseline.design.replace("_", " ")} of ${baseline.setting} patients (${baseline.population}); spontaneous reports are neither such a cohort nor followed in the same way, so no significance verdict is given`;
  }
  if (baseline.drugClass !== null && observation.drugClass !== baseline.drugClass) {
    return `The figure is for ${baseline.drugClass} only`;
  }
  const { start, end } = observation.period;
  if (baseline.periodStart === null && baseline.periodEnd === null) return "The figure's period is not stated";
  if (start === null && end === null) {
    return `The figure is for ${PERIOD_WORDS(baseline)}: choose an onset period (from/to) overlapping it to test against it`;
  }
  const overlaps =
    (start === null || baseline.periodEnd === null || start <= baseline.periodEnd) &&
    (end === null || baseline.periodStart === null || end >= baseline.periodStart);
  if (!overlaps)
    return `Different periods: the onset years ${start ?? "…"}–${end ?? "…"} do not overlap the figure's ${PERIOD_WORDS(baseline)}`;
  return null;
}

function describeBaseline(baseline: TStoredBaseline, range: TRange | null) {
  const { key, metric, value, low, high, citation, statement } = baseline;
  return { baseline: key, metric, value, low, high, statement, testedRange: range, citation };
}

function compareAll(
  baselines: readonly TStoredBaseline[],
  metrics: readonly string[],
  ceiling: number,
  observation: TObservation,
  data: { observed: number; trials: number } | { observed: number; exposure: number },
): TComparison[] {
  return baselines.flatMap((baseline): TComparison[] => {
    if (!metrics.includes(baseline.metric)) return [];
    const range = testedRange(baseline, ceiling);
    const reason = notComparableReason(baseline, observation) ?? (range ? null : "The figure has no testable value");
    if (reason !== null) return [{ ...describeBaseline(baseline, range), pValue: null, verdict: "not_comparable", reason }];
    // No denominator (compareWithBaseline → null): nothing observed, so no verdict rather than a vacuous one.
    const result = range
      ? compareWithBaseline({ ...data, baselineValue: range.low, baselineLow: range.low, baselineHigh: range.high })
      : null;
    if (!result)
      return [
        {
          ...describeBaseline(baseline, range),
          pValue: null,
          verdict: "not_comparable",
          reason: "Nothing observed: the denominator is zero",
        },
      ];
    return [{ ...describeBaseline(baseline, range), pValue: result.pValue, verdict: result.verdict }];
  });
}

/** A proportion metric (case_fatality, male_share): x of n against each baseline of the metric (exact binomial). */
export function compareProportion(
  baselines: readonly TStoredBaseline[],
  observation: TObservation,
  observed: number,
  trials: number,
): TComparison[] {
  return compareAll(baselines, [observation.metric], 1, observation, { observed, trials });
}

/** A rate per 100,000 person-years: events in person-years against rate and incidence-proportion baselines (exact Poisson). */
export function compareRate(
  baselines: readonly TStoredBaseline[],
  observation: TObservation,
  events: number,
  personYears: number,
): TComparison[] {
  return compareAll(baselines, ["incidence_per_100k_py", "incidence_proportion"], Number.MAX_VALUE, observation, {
    observed: events,
    exposure: personYears,
  });
}
