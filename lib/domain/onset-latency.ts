// Onset latency: days from the latest drug start or dose change before NMS onset, in the fixed
// buckets the overview's "within the first weeks" is read against. Pure: shared by the latency
// query, the line-listing filter that drills into one bucket, and the charts.

export const LATENCY_BUCKETS = ["0-3", "4-7", "8-14", "15-30", "31-90", "over-90", "unknown"] as const;
export type LatencyBucket = (typeof LATENCY_BUCKETS)[number];

export const LATENCY_LABELS: Record<LatencyBucket, string> = {
  "0-3": "0–3 days",
  "4-7": "4–7 days",
  "8-14": "8–14 days",
  "15-30": "15–30 days",
  "31-90": "31–90 days",
  "over-90": "> 90 days",
  unknown: "Unknown",
};

/** Upper bound (days, inclusive) of each known bucket, in order; above the last is "over-90". */
export const LATENCY_UPPER_DAYS: readonly (readonly [LatencyBucket, number])[] = [
  ["0-3", 3],
  ["4-7", 7],
  ["8-14", 14],
  ["15-30", 30],
  ["31-90", 90],
];

/** Buckets that read as "within the first weeks" (up to 30 days) on the chart and in the summary. */
export const FIRST_WEEKS_BUCKETS: readonly LatencyBucket[] = ["0-3", "4-7", "8-14", "15-30"];

/** The bucket of a latency in days; null (no dated trigger before onset) is "unknown". */
export function latencyBucketOf(days: number | null): LatencyBucket {
  if (days === null || !Number.isFinite(days) || days < 0) return "unknown";
  return LATENCY_UPPER_DAYS.find(([, upper]) => days <= upper)?.[0] ?? "over-90";
}
