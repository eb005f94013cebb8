// 2×2 tables → the statistics and flags of the signals API: PRR, ROR, IC and (when a prior could
// be fitted over the drugs) EBGM, each as {estimate, lower, upper, reason} — nulls, never NaN.
import {
  computeDisproportionality,
  expectedCases,
  fitGammaMixturePrior,
  type GammaMixturePrior,
  type SignalFlags,
  type SignalThresholds,
  type TwoByTwo,
} from "@/lib/stats/disproportionality";
import type { TSubjectTable } from "./build-tables";

/**
 * Fewest drugs with a ≥ 1 to fit the prior over. With one event (NMS) there is one pair per drug,
 * and five prior parameters cannot be estimated from a handful of pairs; openEBGM's guidance is
 * "many" pairs — 20 is a floor, not a guarantee of a stable fit.
 */
export const MIN_PRIOR_PAIRS = 20;

export type TInterval = { estimate: number | null; lower: number | null; upper: number | null; reason: string | null };

export type TSignalRow = {
  kind: "drug" | "class";
  key: string;
  label: string;
  drugClass: string;
  /** Reports naming the drug (or a drug of the class) with NMS. */
  a: number;
  /** Reports naming the drug over all events. */
  drugReports: number;
  table: TwoByTwo | null;
  /** Expected a under independence, (a + b)(a + c)/N. */
  expected: number | null;
  /** PRR with its 95% interval, Yates χ² and its p-value. */
  prr: TInterval & { chiSquare: number | null; pValue: number | null };
  ror: TInterval;
  /** IC with IC025 (lower) and IC975 (upper). */
  ic: TInterval;
  /** EBGM with EB05 (lower) and EB95 (upper). */
  ebgm: TInterval;
  flags: SignalFlags;
  /** Why the table itself is missing, else null. */
  reason: string | null;
};

export type TPriorFit =
  | { fitted: true; pairs: number; prior: GammaMixturePrior; negativeLogLikelihood: number; converged: boolean; warning: string | null }
  | { fitted: false; pairs: number; reason: string };

/** Fits DuMouchel's prior over the drugs' (N = a, E) pairs with N ≥ 1, as openEBGM does. */
export function fitPriorOverDrugs(tables: readonly TSubjectTable[]): TPriorFit {
  const pairs = tables.flatMap(({ table }) => {
    const e = table ? expectedCases(table) : null;
    return table && table.a >= 1 && e !== null && e > 0 ? [{ n: table.a, e }] : [];
  });
  if (pairs.length < MIN_PRIOR_PAIRS) {
    return {
      fitted: false,
      pairs: pairs.length,
      reason: `EBGM needs a prior fitted over at least ${MIN_PRIOR_PAIRS} drugs with NMS reports; these periods have ${pairs.length}.`,
    };
  }
  const fit = fitGammaMixturePrior(pairs);
  return { fitted: true, pairs: pairs.length, prior: fit.prior, negativeLogLikelihood: fit.negativeLogLikelihood, converged: fit.converged, warning: priorWarning(fit.prior, fit.converged) };
}

/**
 * A component with shape α has coefficient of variation 1/√α: past α = 10⁴ it is a point mass
 * at α/β, and drugs drawn to it get EB05 ≈ EB95 — true of the fit, but worth saying, because it
 * comes from few drugs that look alike rather than from knowledge.
 */
const POINT_MASS_SHAPE = 1e4;
function priorWarning(prior: GammaMixturePrior, converged: boolean): string | null {
  const spike = [{ a: prior.alpha1, b: prior.beta1 }, { a: prior.alpha2, b: prior.beta2 }].find((c) => c.a > POINT_MASS_SHAPE);
  if (spike) {
    return `The fitted EBGM prior has a component that is a point mass at λ = ${(spike.a / spike.b).toPrecision(3)}: drugs close to it get EB05 ≈ EB95. With few, similar drugs the prior is poorly determined; read EBGM with care.`;
  }
  return converged ? null : "The EBGM prior fit stopped before meeting its tolerance; EBGM values are approximate.";
}

const NO_FLAGS: SignalFlags = { prr: null, ror: null, ic: null, ebgm: null, any: false };
const missing = (reason: string): TInterval => ({ estimate: null, lower: null, upper: null, reason });

/**
 * One row of the API. `ebgmUnavailable` is the reason EBGM is null when no prior applies (not
 * fitted, or a class: the prior describes single drugs, and a class is not one of its pairs).
 */
export function scoreTable(
  entry: TSubjectTable,
  options: { thresholds: SignalThresholds; prior: GammaMixturePrior | null; ebgmUnavailable: string | null },
): TSignalRow {
  const { subject, margins, table } = entry;
  const base = { kind: subject.kind, key: subject.key, label: subject.label, drugClass: subject.drugClass, a: margins.cases, drugReports: margins.drugReports };
  if (!table) {
    const reason = entry.reason ?? "No 2×2 table.";
    const none = missing(reason);
    return { ...base, table: null, expected: null, prr: { ...none, chiSquare: null, pValue: null }, ror: none, ic: none, ebgm: none, flags: NO_FLAGS, reason };
  }
  const prior = options.ebgmUnavailable === null ? (options.prior ?? undefined) : undefined;
  const s = computeDisproportionality(table, { thresholds: options.thresholds, prior });
  const ebgm: TInterval = s.ebgm
    ? { estimate: s.ebgm.ebgm, lower: s.ebgm.eb05, upper: s.ebgm.eb95, reason: null }
    : missing(options.ebgmUnavailable ?? "Empty table (N = 0): no expected count, EBGM undefined.");
  return {
    ...base,
    table,
    expected: s.ic.expected,
    prr: { estimate: s.prr.estimate, lower: s.prr.lower, upper: s.prr.upper, reason: s.prr.reason, chiSquare: s.prr.chiSquare, pValue: s.prr.chiSquarePValue },
    ror: { estimate: s.ror.estimate, lower: s.ror.lower, upper: s.ror.upper, reason: s.ror.reason },
    ic: { estimate: s.ic.ic, lower: s.ic.lower, upper: s.ic.upper, reason: s.ic.reason },
    ebgm,
    flags: s.flags,
    reason: null,
  };
}
