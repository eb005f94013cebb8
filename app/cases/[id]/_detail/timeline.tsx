// The case as it happened: drug starts, dose changes and stops, onset, receipt, then the outcome,
// as an ordered list (readable aloud, printable) with each event's day relative to onset.
import { caseTimeline, formatDayFromOnset } from "@/lib/cases/case-timeline";
import type { TCaseView } from "@/lib/queries/get-case";
import { formatDate } from "@/lib/format";
import styles from "../../case-pages.module.css";

export function CaseTimeline({ view }: { view: TCaseView }) {
  const events = caseTimeline(view);
  return (
    <ol className={styles.timeline} aria-label="Timeline of the case">
      {events.map((event, i) => (
        <li key={i} className={styles[`event-${event.kind}`]} data-event={event.kind}>
          <span className={styles.when}>
            {event.kind === "outcome" ? "Outcome" : formatDate(event.date)}
            {event.dayFromOnset !== null && <span className={styles.day}> · {formatDayFromOnset(event.dayFromOnset)}</span>}
          </span>
          <span>{event.text}</span>
        </li>
      ))}
    </ol>
  );
}
