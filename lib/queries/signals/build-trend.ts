// The trend of one drug or class: its table after each period (cumulative sums, periods in
// order) and the IC with IC025 at each — how the signal built up, and when IC025 crossed 0.
import { informationComponentFromTable, signalFlags, type SignalThresholds, type TwoByTwo } from "@/lib/stats/disproportionality";
import { cumulativeTables, type TSubject } from "./build-tables";
import type { TInterval } from "./score-tables";

export type TTrendPoint = {
  period: string;
  /** Cumulative NMS reports naming the drug (or class) up to and including this period. */
  a: number;
  table: TwoByTwo | null;
  expected: number | null;
  /** Cumulative IC with IC025 (lower) and IC975 (upper). */
  ic: TInterval;
  /** Whether IC025 is above the threshold at this point; null when it cannot be judged. */
  signal: boolean | null;
};

export type TTrend = { kind: TSubject["kind"]; key: string; label: string; points: TTrendPoint[] };

export function buildTrend(periods: Parameters<typeof cumulativeTables>[0], subject: TSubject, thresholds: SignalThresholds): TTrend {
  const points = cumulativeTables(periods, subject).map(({ period, table: entry }): TTrendPoint => {
    const base = { period, a: entry.margins.cases, table: entry.table };
    if (!entry.table) {
      const reason = entry.reason ?? "No 2×2 table.";
      return { ...base, expected: null, ic: { estimate: null, lower: null, upper: null, reason }, signal: null };
    }
    // Before the drug's first report its IC025 is only the shrinkage prior's tail (IC025 near −10 at
    // small E): a gap on the chart, not a plunge.
    if (entry.table.a === 0) {
      const reason = "No NMS reports naming it yet: no IC to show.";
      return { ...base, expected: null, ic: { estimate: null, lower: null, upper: null, reason }, signal: null };
    }
    const ic = informationComponentFromTable(entry.table);
    return {
      ...base,
      expected: ic.expected,
      ic: { estimate: ic.ic, lower: ic.lower, upper: ic.upper, reason: ic.reason },
      signal: signalFlags({ ic }, thresholds).ic,
    };
  });
  return { kind: subject.kind, key: subject.key, label: subject.label, points };
}
