// Configurable signal rules over computed statistics; the defaults are the published ones
// (Evans 2001 for PRR, van Puijenbroek 2002 for ROR, Norén 2013 for IC, DuMouchel 1999/EB05).
import type { EbgmScores } from "./ebgm";
import type { IcResult } from "./information-component";
import type { PrrResult } from "./prr";
import type { RorResult } from "./ror";

/** Each rule says in its name whether the comparison is ≥ (AtLeast) or > (Above). */
export interface SignalThresholds {
  prr: { estimateAtLeast: number; chiSquareAtLeast: number; casesAtLeast: number };
  ror: { lowerAbove: number; casesAtLeast: number };
  ic: { lowerAbove: number; casesAtLeast: number };
  ebgm: { eb05AtLeast: number; casesAtLeast: number };
}

/**
 * Every rule asks for a ≥ 3, as practitioners do (Evans 2001's a ≥ 3; the EMA's screening
 * guideline EMA/849944/2016 and Uppsala's IC practice use at least three reports): with one or
 * two cases an interval can clear its threshold on a single report, which no reviewer would act on.
 */
export const DEFAULT_SIGNAL_THRESHOLDS: SignalThresholds = Object.freeze({
  prr: Object.freeze({ estimateAtLeast: 2, chiSquareAtLeast: 4, casesAtLeast: 3 }),
  ror: Object.freeze({ lowerAbove: 1, casesAtLeast: 3 }),
  ic: Object.freeze({ lowerAbove: 0, casesAtLeast: 3 }),
  ebgm: Object.freeze({ eb05AtLeast: 2, casesAtLeast: 3 }),
});

/** Whatever statistics were computed for one drug–event combination; absent ones are skipped. */
export interface SignalInputs {
  prr?: PrrResult;
  ror?: RorResult;
  ic?: IcResult;
  ebgm?: EbgmScores;
}

/**
 * true = signal, false = no signal, null = cannot be judged: the statistic was not supplied,
 * or the quantity the rule needs is undefined (e.g. an infinite PRR, an ROR interval lost
 * to a zero cell). `any` is true when at least one rule fired.
 */
export interface SignalFlags {
  prr: boolean | null;
  ror: boolean | null;
  ic: boolean | null;
  ebgm: boolean | null;
  any: boolean;
}

export function signalFlags(stats: SignalInputs, thresholds: SignalThresholds = DEFAULT_SIGNAL_THRESHOLDS): SignalFlags {
  const { prr, ror, ic, ebgm } = stats;
  const t = thresholds;
  const flags = {
    prr:
      prr === undefined || prr.estimate === null || prr.chiSquare === null
        ? null
        : prr.estimate >= t.prr.estimateAtLeast && prr.chiSquare >= t.prr.chiSquareAtLeast && prr.cases >= t.prr.casesAtLeast,
    ror: ror === undefined || ror.lower === null ? null : ror.lower > t.ror.lowerAbove && ror.cases >= t.ror.casesAtLeast,
    ic: ic === undefined || ic.lower === null ? null : ic.lower > t.ic.lowerAbove && ic.observed >= t.ic.casesAtLeast,
    ebgm: ebgm === undefined ? null : ebgm.eb05 >= t.ebgm.eb05AtLeast && ebgm.n >= t.ebgm.casesAtLeast,
  };
  return { ...flags, any: flags.prr === true || flags.ror === true || flags.ic === true || flags.ebgm === true };
}

/** Defaults overridden rule by rule, e.g. `withThresholds({ prr: { casesAtLeast: 5 } })`. */
export function withThresholds(overrides: { [K in keyof SignalThresholds]?: Partial<SignalThresholds[K]> }): SignalThresholds {
  const d = DEFAULT_SIGNAL_THRESHOLDS;
  return {
    prr: { ...d.prr, ...overrides.prr },
    ror: { ...d.ror, ...overrides.ror },
    ic: { ...d.ic, ...overrides.ic },
    ebgm: { ...d.ebgm, ...overrides.ebgm },
  };
}
