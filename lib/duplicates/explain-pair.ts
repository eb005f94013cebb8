// Why a pair scored what it did: each field's weight (bits) with today's frequencies, for the
// review page. The same records and weights as the scan (load-match-records.ts, score-pair.ts).
import { withTransaction } from "@/lib/db/transaction";
import { MatchStore, Scorer, emptyParts, matchConfig, thresholdFor, type TScoreParts } from "@/lib/stats/record-linkage";
import { loadFrequencies } from "./load-frequencies";
import { streamMatchRecords, type TLoadedRecord } from "./load-match-records";

export async function explainPair(a: string, b: string): Promise<{ total: number; parts: TScoreParts; threshold: number } | null> {
  const { counts, records } = await withTransaction(
    async ({ sql }) => {
      const counts = await loadFrequencies(sql);
      const records: TLoadedRecord[] = [];
      await streamMatchRecords(sql, { sql: `c."id" IN ($1::uuid, $2::uuid)`, params: [a, b] }, (batch) => records.push(...batch));
      return { counts, records };
    },
    { snapshot: true },
  );
  const first = records.find((r) => r.id === a);
  const second = records.find((r) => r.id === b);
  if (!first || !second) return null;
  const store = new MatchStore();
  store.add(first);
  store.add(second);
  const config = matchConfig();
  const parts = emptyParts();
  const total = new Scorer(store, counts, config).score(0, 1, parts);
  return { total, parts, threshold: thresholdFor(config, counts.total) };
}
