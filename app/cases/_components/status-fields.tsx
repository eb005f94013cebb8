"use client";
// The case's validity and status: which of ICH E2D's four minimum criteria the form still misses
// (checked as the user types, with the rule the server applies), the status to save with, and the
// follow-up due date. An incomplete case saved as "complete" is stored as a draft that counts
// nowhere until completed (docs/case-processing.md).
import { CASE_STATUS_LABELS, missingCriteria } from "@/lib/domain/case-validity";
import type { TCaseInputRaw } from "@/lib/domain/case-schema";
import { useCaseForm } from "./case-form-context";
import { DueDateField, SelectField } from "./inputs";
import styles from "./case-form.module.css";

/** "Complete" first: it saves a complete case as complete and an incomplete one as a draft. */
const STATUS_OPTIONS: readonly (readonly [string, string])[] = [
  ["complete", "Complete (a draft while criteria are missing)"],
  ["follow_up_requested", CASE_STATUS_LABELS.follow_up_requested],
  ["draft", "Draft (keep out of every figure)"],
];
const CRITERIA_LABELS = {
  patient: "Identifiable patient",
  reporter: "Identifiable reporter",
  drug: "Suspect drug",
  event: "Event with onset",
} as const;

export function StatusFields({ input }: { input: TCaseInputRaw }) {
  const form = useCaseForm();
  const missing = missingCriteria({ ...input, onsetUnknown: input.onsetUnknown ?? false });
  const missed = new Set(missing.map((m) => m.criterion));
  return (
    <div className={styles.grid}>
      <div className={`${styles.field} ${styles.wide}`} data-testid="minimum-criteria">
        <span className={styles.label}>Minimum criteria (ICH E2D)</span>
        <ul className={styles.criteria}>
          {(Object.keys(CRITERIA_LABELS) as (keyof typeof CRITERIA_LABELS)[]).map((key) => (
            <li key={key} data-met={!missed.has(key)}>
              {missed.has(key) ? "✗" : "✓"} {CRITERIA_LABELS[key]}
              {missed.has(key) && <span className={styles.hint}> — {missing.find((m) => m.criterion === key)?.message}</span>}
            </li>
          ))}
        </ul>
        <p className={styles.hint} role="status">
          {missing.length === 0
            ? "A valid case: it counts in every figure once saved."
            : form.state.status === "complete"
              ? "Saves as a draft: a draft counts nowhere until the missing criteria are given."
              : null}
        </p>
      </div>
      <SelectField stateKey="status" options={STATUS_OPTIONS} />
      {form.state.status === "follow_up_requested" && <DueDateField stateKey="followUpDue" />}
    </div>
  );
}
