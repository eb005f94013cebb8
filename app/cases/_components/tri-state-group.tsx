"use client";
// Yes / no / unknown findings as radio groups, one row per field: "unknown" is the default and
// is stored as null, never as "no" — an absent finding and an unrecorded one differ.
import type { BooleanCaseField } from "@/lib/domain/case-schema";
import { BOOLEAN_FIELD_LABELS } from "@/lib/domain/case-field-labels";
import { fieldId, useCaseForm } from "./case-form-context";
import type { TTriState } from "./case-form-state";
import { FieldMessages } from "./field";
import styles from "./case-form.module.css";

const CHOICES: readonly [TTriState, string][] = [
  ["yes", "Yes"],
  ["no", "No"],
  ["unknown", "Unknown"],
];

function TriStateRow({ field }: { field: BooleanCaseField }) {
  const form = useCaseForm();
  const id = fieldId(field);
  const label = BOOLEAN_FIELD_LABELS[field];
  const error = form.errorFor(field);
  return (
    <div className={styles.triRow}>
      <span id={`${id}-label`} className={styles.triLabel}>
        {label}
      </span>
      <div
        role="radiogroup"
        id={id}
        aria-labelledby={`${id}-label`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={styles.triChoices}
      >
        {CHOICES.map(([value, text]) => (
          <label key={value} className={styles.triChoice}>
            <input
              type="radio"
              name={field}
              value={value}
              checked={form.state.flags[field] === value}
              onChange={() => form.setFlag(field, value)}
            />
            {text}
          </label>
        ))}
      </div>
      <div className={styles.triMessages}>
        <FieldMessages path={field} />
      </div>
    </div>
  );
}

/** One section's findings, e.g. the risk factors. */
export function TriStateGroup({ fields }: { fields: readonly BooleanCaseField[] }) {
  return (
    <div className={styles.triGrid}>
      {fields.map((field) => (
        <TriStateRow key={field} field={field} />
      ))}
    </div>
  );
}
