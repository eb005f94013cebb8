// How common each value is among the stored reports: the u-probabilities of frequency-adjusted
// agreement weights (agreeing on haloperidol says less than agreeing on molindone). Counted by
// the database for a scan (lib/duplicates/load-frequencies.ts) or from a store here.
import { MATCH_FLAGS, MAX_MATCH_DRUGS, type MatchStore, type TMatchFlag } from "./match-record";

export type TValueCounts = ReadonlyMap<string, number>;
export type TFrequencyCounts = {
  /** Reports counted. */
  total: number;
  drug: TValueCounts;
  country: TValueCounts;
  /** Keyed by whole years ("42"). */
  age: TValueCounts;
  sex: TValueCounts;
  outcome: TValueCounts;
  reporterType: TValueCounts;
  /** Per flag: reports where it is known, and where it is true. */
  flags: Partial<Record<TMatchFlag, { known: number; yes: number }>>;
  /** Days between the earliest and latest onset (the range chance agreement spreads over). */
  onsetSpanDays: number;
};

/** Below this a frequency is not trusted (a value seen once in a small database). */
export const MIN_FREQUENCY = 0.0005;

/**
 * Relative frequency of `value`, Laplace-smoothed: (count + 1) / (total + distinct + 1), at least
 * MIN_FREQUENCY. An empty population gives 1 / 2 for everything — weights near neutral, never infinite.
 */
export function relativeFrequency(counts: TValueCounts, total: number, value: string): number {
  const f = ((counts.get(value) ?? 0) + 1) / (total + counts.size + 1);
  return Math.min(1, Math.max(MIN_FREQUENCY, f));
}

/** Share of reports (where the flag is known) with it true, smoothed to stay inside (0, 1). */
export function flagShare(counts: TFrequencyCounts, flag: TMatchFlag): number {
  const c = counts.flags[flag] ?? { known: 0, yes: 0 };
  return (c.yes + 1) / (c.known + 2);
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The counts of a store's own reports (tests and the bench; the app counts in SQL). */
export function countFrequencies(store: MatchStore): TFrequencyCounts {
  const drug = new Map<string, number>();
  const country = new Map<string, number>();
  const age = new Map<string, number>();
  const sex = new Map<string, number>();
  const outcome = new Map<string, number>();
  const reporterType = new Map<string, number>();
  const flags: TFrequencyCounts["flags"] = {};
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < store.size; i++) {
    for (let s = 0; s < MAX_MATCH_DRUGS; s++) {
      const code = store.drugs[i * MAX_MATCH_DRUGS + s] ?? 0;
      if (code) bump(drug, store.drugCodes.values[code] ?? "");
    }
    const c = store.country[i] ?? 0;
    if (c) bump(country, store.countryCodes.values[c] ?? "");
    const a = store.age[i] ?? Number.NaN;
    if (Number.isFinite(a)) bump(age, String(Math.round(a)));
    if (store.sex[i]) bump(sex, store.sexCodes.values[store.sex[i] ?? 0] ?? "");
    if (store.outcome[i]) bump(outcome, store.outcomeCodes.values[store.outcome[i] ?? 0] ?? "");
    if (store.reporter[i]) bump(reporterType, store.reporterCodes.values[store.reporter[i] ?? 0] ?? "");
    MATCH_FLAGS.forEach((flag, bit) => {
      if (!((store.flagKnown[i] ?? 0) & (1 << bit))) return;
      const entry = (flags[flag] ??= { known: 0, yes: 0 });
      entry.known++;
      if ((store.flagTrue[i] ?? 0) & (1 << bit)) entry.yes++;
    });
    if (store.hasOnset(i)) {
      first = Math.min(first, store.onset[i] ?? 0);
      last = Math.max(last, store.onset[i] ?? 0);
    }
  }
  return {
    total: store.size,
    drug,
    country,
    age,
    sex,
    outcome,
    reporterType,
    flags,
    onsetSpanDays: Number.isFinite(first) ? last - first + 1 : 0,
  };
}
