// Category names for chart axes, broken onto lines with "\n" (and shortened where a unit is on
// the axis title) so neighbouring ticks never collide. Tooltips, tables and screen readers keep
// the full names.
import type { LatencyBucket } from "@/lib/domain/onset-latency";
import type { AgeBand, DrugClass } from "@/lib/domain/vocabulary";

export const CLASS_AXIS_LABELS: Record<DrugClass, string> = {
  first_generation: "First-generation\n(typical)",
  second_generation: "Second-generation\n(atypical)",
  antiemetic: "Antiemetic",
  dopaminergic_withdrawal: "Dopaminergic\nwithdrawal",
  other_antidopaminergic: "Other\nantidopaminergic",
};

export const AGE_AXIS_LABELS: Record<AgeBand, string> = {
  "0-17": "0–17",
  "18-39": "18–39",
  "40-64": "40–64",
  "65+": "65+",
  unknown: "Unknown",
};

export const LATENCY_AXIS_LABELS: Record<LatencyBucket, string> = {
  "0-3": "0–3",
  "4-7": "4–7",
  "8-14": "8–14",
  "15-30": "15–30",
  "31-90": "31–90",
  "over-90": "> 90",
  unknown: "Unknown",
};

/** The axis name of a category, or its full label when no short form is declared. */
export function axisLabelOf(labels: Record<string, string>, key: string, fallback: string): string {
  return labels[key] ?? fallback;
}
