// Pure: a case's dated events — drug starts, dose changes and stops, NMS onset, the report's
// receipt — in date order with their day relative to onset, then the outcome (which has no date).
import { DOSE_CHANGE_LABELS, DRUG_ROLE_LABELS } from "@/lib/domain/case-field-labels";
import { OUTCOME_LABELS } from "@/lib/domain/vocabulary";
import type { TCaseView } from "@/lib/queries/get-case";
import { formatMeasure } from "@/lib/format";

export type TTimelineKind = "drug-start" | "dose-change" | "drug-stop" | "onset" | "received" | "outcome";
export type TTimelineEvent = {
  kind: TTimelineKind;
  /** ISO date, or null for the outcome and for drugs reported without dates. */
  date: string | null;
  /** Days from onset (negative before it); null without a date or an onset date. */
  dayFromOnset: number | null;
  text: string;
};

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
/** Order within a day: causes before onset, onset before the report about it. */
const SAME_DAY_ORDER: Record<TTimelineKind, number> = {
  "drug-start": 0,
  "dose-change": 1,
  "drug-stop": 2,
  onset: 3,
  received: 4,
  outcome: 5,
};

type TTimelineInput = Pick<TCaseView, "onsetDate" | "receivedDate" | "outcome" | "durationDays" | "drugs">;

export function caseTimeline(view: TTimelineInput): TTimelineEvent[] {
  const onset = view.onsetDate ?? null;
  const event = (kind: TTimelineKind, date: string | null | undefined, text: string): TTimelineEvent => ({
    kind,
    date: date ?? null,
    dayFromOnset: date && onset ? dayOf(date) - dayOf(onset) : null,
    text,
  });
  const events: TTimelineEvent[] = [];
  for (const drug of view.drugs) {
    const name = drug.catalogue?.displayName ?? drug.name;
    const role = DRUG_ROLE_LABELS[drug.role].toLowerCase();
    if (drug.startDate) events.push(event("drug-start", drug.startDate, `${name} started (${role})${drug.dose ? `, ${drug.dose}` : ""}`));
    if (drug.doseChange && drug.doseChange !== "unchanged" && drug.doseChangeDate) {
      events.push(event("dose-change", drug.doseChangeDate, `${name}: dose ${DOSE_CHANGE_LABELS[drug.doseChange].toLowerCase()}`));
    }
    if (drug.stopDate) events.push(event("drug-stop", drug.stopDate, `${name} stopped`));
  }
  if (onset) events.push(event("onset", onset, "Onset of NMS"));
  if (view.receivedDate) events.push(event("received", view.receivedDate, "Report received"));
  events.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || SAME_DAY_ORDER[a.kind] - SAME_DAY_ORDER[b.kind]);

  const duration =
    view.durationDays != null ? ` after ${formatMeasure(view.durationDays)} ${view.durationDays === 1 ? "day" : "days"}` : "";
  events.push(event("outcome", null, `Outcome: ${OUTCOME_LABELS[view.outcome]}${duration}`));
  return events;
}

/** "day −5", "day of onset", "day +3"; empty without a reference. */
export function formatDayFromOnset(day: number | null): string {
  if (day === null) return "";
  if (day === 0) return "day of onset";
  return `day ${day > 0 ? "+" : "−"}${Math.abs(day)}`;
}
