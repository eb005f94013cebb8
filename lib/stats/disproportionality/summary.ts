// Every disproportionality statistic for one 2×2 table at once, with its signal flags —
// the shape a signals endpoint or export needs.
import { ebgmFromTable, type EbgmScores } from "./ebgm";
import type { GammaMixturePrior } from "./ebgm-prior";
import { informationComponentFromTable, type IcResult } from "./information-component";
import { proportionalReportingRatio, type PrrResult } from "./prr";
import { reportingOddsRatio, type RorResult } from "./ror";
import { DEFAULT_SIGNAL_THRESHOLDS, signalFlags, type SignalFlags, type SignalThresholds } from "./thresholds";
import type { RatioOptions, TwoByTwo } from "./two-by-two";

export interface DisproportionalityOptions extends RatioOptions {
  /** Credibility of the IC interval; default 0.95 (IC025–IC975). */
  credibility?: number;
  /** A fitted prior (fitGammaMixturePrior); without one EBGM is not computed. */
  prior?: GammaMixturePrior;
  thresholds?: SignalThresholds;
}

export interface DisproportionalitySummary {
  table: TwoByTwo;
  prr: PrrResult;
  ror: RorResult;
  ic: IcResult;
  /** null when no prior was given or the table is empty. */
  ebgm: EbgmScores | null;
  flags: SignalFlags;
}

/** Computes PRR, ROR, IC (and EBGM given a prior) and flags them; throws as each does. */
export function computeDisproportionality(table: TwoByTwo, options: DisproportionalityOptions = {}): DisproportionalitySummary {
  const prr = proportionalReportingRatio(table, options);
  const ror = reportingOddsRatio(table, options);
  const ic = informationComponentFromTable(table, { credibility: options.credibility });
  const ebgm = options.prior ? ebgmFromTable(table, options.prior) : null;
  const flags = signalFlags({ prr, ror, ic, ebgm: ebgm ?? undefined }, options.thresholds ?? DEFAULT_SIGNAL_THRESHOLDS);
  return { table, prr, ror, ic, ebgm, flags };
}
