// The matcher's parameters: the m-probabilities (how often a field agrees, or agrees only roughly,
// between two reports of one episode) and the threshold. u-probabilities (how often it agrees by
// chance) come from the data itself (frequencies.ts). Where each number comes from: docs/duplicates.md.
import { z } from "zod";

const probability = z.number().gt(0).lt(1);

export const ZMatchConfig = z.object({
  /** Total weight (bits, log2 likelihood ratio) at or above which a pair is a candidate, in a database of up to referenceSize cases. */
  threshold: z.number().finite(),
  /** Above this many cases the threshold rises by a bit per doubling (thresholdFor). */
  referenceSize: z.number().int().positive(),
  /** Cap on one frequency-adjusted agreement weight, bits: a value seen once is not infinitely telling. */
  maxAgreement: z.number().positive(),
  /** Onset dates: same day, 1–7 days apart, 8–31 days apart (month-only dates, re-keyed dates); the rest is "beyond". */
  onset: z.object({ exact: probability, week: probability, month: probability }),
  /** Age in whole years: same, one year apart; the rest is "beyond". */
  age: z.object({ exact: probability, one: probability }),
  sex: probability,
  country: probability,
  outcome: probability,
  reporterType: probability,
  /** A suspect drug on one report is on the other too. */
  drugShared: probability,
  /** Both name drugs, none in common. */
  drugNoneShared: z.object({ m: probability, u: probability }),
  /** Each drug only one of the two names (a dropped drug). */
  drugExtra: z.object({ m: probability, u: probability }),
  /** Dose and route of a shared drug, where both give them. */
  dose: z.object({ m: probability, u: probability }),
  /** A tri-state clinical field known on both. */
  flag: probability,
  /** Highest temperatures within closeC °C. */
  temperature: z.object({ closeC: z.number().positive(), m: probability, u: probability }),
  /** Highest CK within closeRatio of the larger. */
  ck: z.object({ closeRatio: z.number().positive(), m: probability, u: probability }),
  /** Received dates more than farDays apart (counts only against: see docs/duplicates.md). */
  received: z.object({ farDays: z.number().int().positive(), m: probability, u: probability }),
});
export type TMatchConfig = z.infer<typeof ZMatchConfig>;

export const DEFAULT_MATCH_CONFIG: TMatchConfig = {
  threshold: 16,
  referenceSize: 10_000,
  maxAgreement: 10,
  onset: { exact: 0.7, week: 0.12, month: 0.12 },
  age: { exact: 0.78, one: 0.17 },
  sex: 0.97,
  country: 0.95,
  outcome: 0.8,
  reporterType: 0.6,
  drugShared: 0.95,
  drugNoneShared: { m: 0.02, u: 0.85 },
  drugExtra: { m: 0.2, u: 0.9 },
  dose: { m: 0.85, u: 0.25 },
  flag: 0.93,
  temperature: { closeC: 0.15, m: 0.85, u: 0.1 },
  ck: { closeRatio: 0.02, m: 0.85, u: 0.03 },
  received: { farDays: 365, m: 0.03, u: 0.2 },
};

/** The defaults with the given overrides (e.g. a threshold from the command line), validated. */
export function matchConfig(overrides: Partial<TMatchConfig> = {}): TMatchConfig {
  return ZMatchConfig.parse({ ...DEFAULT_MATCH_CONFIG, ...overrides });
}

/**
 * The threshold for a database of `cases` live cases. A pair's prior odds of being one patient fall
 * as the database grows (each report is compared with more others of different patients), so the
 * likelihood ratio must rise to keep false candidates per report constant: by the likelihood-ratio
 * bound P(weight ≥ t | different patients) ≤ 2^−t, one more bit per doubling does (docs/duplicates.md).
 */
export function thresholdFor(config: TMatchConfig, cases: number): number {
  return config.threshold + Math.max(0, Math.log2(cases / config.referenceSize));
}
