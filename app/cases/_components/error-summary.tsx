"use client";
// What stops a save, above the save button: every field in error (each a link to its input),
// issues the API raised about no particular field, or why the save failed (conflict, session).
import type { TApiIssue } from "@/lib/client/api-fetch";
import { fieldId } from "./case-form-context";
import { labelOf } from "./field-labels";
import type { TSaveOutcome } from "./save-case";
import styles from "./case-form.module.css";

export function ErrorSummary({ fields, other }: { fields: TApiIssue[]; other: TApiIssue[] }) {
  const total = fields.length + other.length;
  if (total === 0) return null;
  return (
    <div className={styles.summary} role="alert">
      <p>{total === 1 ? "One field needs" : `${total} fields need`} attention before the case can be saved:</p>
      <ul>
        {fields.map((issue) => (
          <li key={issue.path}>
            <a href={`#${fieldId(issue.path)}`}>
              {labelOf(issue.path)} {issue.message}
            </a>
          </li>
        ))}
        {other.map((issue) => (
          <li key={issue.path}>
            {labelOf(issue.path)} {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SaveFailure({ outcome }: { outcome: Extract<TSaveOutcome, { kind: "conflict" | "failed" }> }) {
  return (
    <div className={styles.summary} role="alert">
      <p>{outcome.message}</p>
      {outcome.kind === "conflict" && (
        <button type="button" className={styles.secondary} onClick={() => window.location.reload()}>
          Reload the case
        </button>
      )}
    </div>
  );
}
