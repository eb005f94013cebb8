"use client";
// A labelled form field: its input, an optional hint, and its error as the user types — the
// error names the field, so it reads whole when a screen reader announces the description.
import type { ReactNode } from "react";
import { fieldId, useCaseForm } from "./case-form-context";
import { labelOf } from "./field-labels";
import styles from "./case-form.module.css";

/** The hint and the error of a path; the error names the field in full ("Drug 2: stopped …"). */
export function FieldMessages({ path, hint }: { path: string; hint?: ReactNode }) {
  const error = useCaseForm().errorFor(path);
  const id = fieldId(path);
  return (
    <>
      {error && (
        <p id={`${id}-error`} className={styles.error} data-error-for={path}>
          {labelOf(path)} {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
    </>
  );
}

export function Field({
  path,
  label = labelOf(path),
  hint,
  wide,
  children,
}: {
  path: string;
  label?: string;
  hint?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? `${styles.field} ${styles.wide}` : styles.field}>
      <label htmlFor={fieldId(path)} className={styles.label}>
        {label}
      </label>
      {children}
      <FieldMessages path={path} hint={hint} />
    </div>
  );
}
