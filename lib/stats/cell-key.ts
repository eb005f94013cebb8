// Pure: the cell-key method of statistical agencies (ABS TableBuilder; Eurostat's census tables)
// for counts published to researchers (docs/security.md, "Disclosure policy"). Every case has a
// fixed random record key; a cell's key is the sum of its cases' keys modulo 2^32, so the same
// set of cases always has the same key — whichever query, filter or date range selects it — and
// the noise drawn from that key is the same every time. Repeating or rephrasing a query gives
// the identical answer (nothing to average away), and the difference of two overlapping
// answers carries the noise of both, so a small count cannot be derived from them.

/** Cell keys are integers in [0, CELL_KEY_MODULUS). */
export const CELL_KEY_MODULUS = 2 ** 32;

/** The largest change perturbation makes to a count. */
export const MAX_NOISE = 2;

/**
 * Noise −2 … +2 with probabilities .1 .2 .4 .2 .1 (mean 0, variance 1.2), read from the cell key
 * as a uniform number: cumulative upper bounds of each outcome.
 */
const NOISE_TABLE: readonly { upTo: number; noise: number }[] = [
  { upTo: 0.1, noise: -2 },
  { upTo: 0.3, noise: -1 },
  { upTo: 0.7, noise: 0 },
  { upTo: 0.9, noise: 1 },
  { upTo: 1, noise: 2 },
];

/**
 * The perturbed count. A true zero stays 0 (an empty cell describes nobody); any other count
 * stays at least 1, so a published 0 always means "no case". Keys outside the range are reduced.
 */
export function perturbCount(count: number, cellKey: number): number {
  if (count <= 0) return 0;
  const u = (((cellKey % CELL_KEY_MODULUS) + CELL_KEY_MODULUS) % CELL_KEY_MODULUS) / CELL_KEY_MODULUS;
  const noise = NOISE_TABLE.find((row) => u < row.upTo)?.noise ?? 0;
  return Math.max(1, count + noise);
}

/**
 * What a researcher sees of one count: the perturbed value, or null (suppressed) when the
 * perturbed value lies in 1 … threshold−1. A published number is never a small count, and a
 * suppressed one is never a zero.
 */
export function protectCount(count: number, cellKey: number, threshold: number): number | null {
  const perturbed = perturbCount(count, cellKey);
  return perturbed > 0 && perturbed < threshold ? null : perturbed;
}
