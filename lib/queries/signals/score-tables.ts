// 2×2 tables → the statistics and flags of the signals API: PRR, ROR, IC and (when a prior could
// be fitted over the NMS column) EBGM, each as {estimate, lower, upper, reason} — nulls, never NaN.
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

/**
 * `wellPosed`: the prior describes the whole database's NMS column (every drug of every period,
 * catalogue or not), has at least MIN_PRIOR_PAIRS pairs and converged — only then do EB05 values
 * raise EBGM flags; otherwise `notWellPosed` says why and EBGM is shown without a flag.
 */
export type TPriorFit =
  | {
      fitted: true;
      pairs: number;
      otherDrugs: number;
      prior: GammaMixturePrior;
      negativeLogLikelihood: number;
      converged: boolean;
      warning: string | null;
      wellPosed: boolean;
      notWellPosed: string | null;
    }
  | { fitted: false; pairs: number; reason: string };

/**
 * Fits DuMouchel's prior over the NMS column's (N = a, E) pairs with N ≥ 1, as openEBGM does: the
 * catalogue drugs' tables and `others`, every other drug of the file with its (a, drug reports).
 * `wholeColumn` says whether every period chosen tallied every drug (docs/signals.md).
 */
export function fitPriorOverColumn(
  tables: readonly TSubjectTable[],
  others: readonly { reports: number; nms: number }[],
  totals: { reports: number; nms: number },
  wholeColumn: boolean,
): TPriorFit {
  const catalogue = tables.flatMap(({ table }) => {
    const e = table ? expectedCases(table) : null;
    return table && table.a >= 1 && e !== null && e > 0 ? [{ n: table.a, e }] : [];
  });
  const rest =
    totals.reports > 0
      ? others.filter((o) => o.nms >= 1 && o.reports >= o.nms).map((o) => ({ n: o.nms, e: (o.reports * totals.nms) / totals.reports }))
      : [];
  const pairs = [...catalogue, ...rest.filter((p) => p.e > 0)];
  if (pairs.length < MIN_PRIOR_PAIRS) {
    return {
      fitted: false,
      pairs: pairs.length,
      reason: `EBGM needs a prior fitted over at least ${MIN_PRIOR_PAIRS} drugs with NMS reports; these periods have ${pairs.length}.`,
    };
  }
  const fit = fitGammaMixturePrior(pairs);
  const notWellPosed = !wholeColumn
    ? "The EBGM prior is fitted over catalogue drugs only (some periods were imported before every drug of the file was tallied): a hand-picked set of suspected causes centres the prior on large ratios, so EBGM raises no flag. Re-import those periods."
    : !fit.converged
      ? "The EBGM prior fit did not converge, so EBGM raises no flag."
      : null;
  return {
    fitted: true,
    pairs: pairs.length,
    otherDrugs: rest.length,
    prior: fit.prior,
    negativeLogLikelihood: fit.negativeLogLikelihood,
    converged: fit.converged,
    warning: priorWarning(fit.prior, fit.converged),
    wellPosed: notWellPosed === null,
    notWellPosed,
  };
}

/**
 * A component with shape α has coefficient of variation 1/√α: past α = 10⁴ it is a point mass
 * at α/β, and drugs drawn to it get EB05 ≈ EB95 — true of the fit, but worth saying, because it
 * comes from few drugs that look alike rather than from knowledge.
 */
const POINT_MASS_SHAPE = 1e4;
function priorWarning(prior: GammaMixturePrior, converged: boolean): string | null {
  const spike = [
    { a: prior.alpha1, b: prior.beta1 },
    { a: prior.alpha2, b: prior.beta2 },
  ].find((c) => c.a > POINT_MASS_SHAPE);
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
  options: { thresholds: SignalThresholds; prior: GammaMixturePrior | null; ebgmUnavailable: string | null; ebgmNoFlag?: string | null },
): TSignalRow {
  const { subject, margins, table } = entry;
  const base = {
    kind: subject.kind,
    key: subject.key,
    label: subject.label,
    drugClass: subject.drugClass,
    a: margins.cases,
    drugReports: margins.drugReports,
  };
  if (!table) {
    const reason = entry.reason ?? "No 2×2 table.";
    const none = missing(reason);
    return {
      ...base,
      table: null,
      expected: null,
      prr: { ...none, chiSquare: null, pValue: null },
      ror: none,
      ic: none,
      ebgm: none,
      flags: NO_FLAGS,
      reason,
    };
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
    prr: {
      estimate: s.prr.estimate,
      lower: s.prr.lower,
      upper: s.prr.upper,
      reason: s.prr.reason,
      chiSquare: s.prr.chiSquare,
      pValue: s.prr.chiSquarePValue,
    },
    ror: { estimate: s.ror.estimate, lower: s.ror.lower, upper: s.ror.upper, reason: s.ror.reason },
    ic: { estimate: s.ic.ic, lower: s.ic.lower, upper: s.ic.upper, reason: s.ic.reason },
    ebgm,
    flags: options.ebgmNoFlag && s.ebgm ? withoutEbgmFlag(s.flags) : s.flags,
    reason: null,
  };
}

/** The flags with EBGM's set to "cannot be judged" (an ill-posed prior). */
function withoutEbgmFlag(flags: SignalFlags): SignalFlags {
  return { ...flags, ebgm: null, any: flags.prr === true || flags.ror === true || flags.ic === true };
}
