// The candidate pairs of a store: blocked pairs scored at or above the threshold (for the
// population's size: thresholdFor), each once.
import { forEachBlockedPair, type TBlockingOptions, type TBlockingStats } from "./blocking";
import type { TFrequencyCounts } from "./frequencies";
import { thresholdFor, type TMatchConfig } from "./match-config";
import type { MatchStore } from "./match-record";
import { Scorer } from "./score-pair";

export type TCandidatePair = { i: number; j: number; score: number };

export function findCandidatePairs(
  store: MatchStore,
  counts: TFrequencyCounts,
  config: TMatchConfig,
  options: TBlockingOptions = {},
): { pairs: TCandidatePair[]; stats: TBlockingStats; threshold: number } {
  const scorer = new Scorer(store, counts, config);
  const threshold = thresholdFor(config, counts.total);
  const seen = new Set<number>();
  const pairs: TCandidatePair[] = [];
  const stats = forEachBlockedPair(
    store,
    (i, j) => {
      const key = i * store.size + j;
      if (seen.has(key)) return;
      const score = scorer.score(i, j);
      if (score < threshold) return;
      seen.add(key);
      pairs.push({ i, j, score });
    },
    options,
  );
  return { pairs, stats, threshold };
}
