"use client";
// Text, date and select fields bound to one key of the form state. Each edit is validated with
// the case schema at once; the error shows from the first edit or blur of the field on.
import type { InputHTMLAttributes } from "react";
import { ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import { useCaseForm, useFieldAria } from "./case-form-context";
import type { TCaseFormState } from "./case-form-state";
import { Field, FieldMessages } from "./field";
import { labelOf } from "./field-labels";
import styles from "./case-form.module.css";

type TStringKey = { [K in keyof TCaseFormState]: TCaseFormState[K] extends string ? K : never }[keyof TCaseFormState];
type TBooleanKey = { [K in keyof TCaseFormState]: TCaseFormState[K] extends boolean ? K : never }[keyof TCaseFormState];
type TCommon = { stateKey: TStringKey; path?: string; label?: string; hint?: string; wide?: boolean };

export function TextField({
  stateKey,
  path = stateKey,
  label,
  hint,
  wide,
  ...input
}: TCommon & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  const form = useCaseForm();
  const aria = useFieldAria(path, Boolean(hint));
  return (
    <Field path={path} label={label} hint={hint} wide={wide}>
      <input
        {...input}
        {...aria}
        className={styles.input}
        value={form.state[stateKey]}
        onChange={(e) => form.set(stateKey, e.target.value, path)}
        onBlur={() => form.touch(path)}
      />
    </Field>
  );
}

/** A date that may lie ahead (a follow-up due date). */
export function DueDateField(props: TCommon) {
  return <TextField {...props} {...ISO_DATE_INPUT} />;
}

/** A yes/no checkbox bound to a boolean key of the form state. */
export function CheckField({
  stateKey,
  path = stateKey,
  label,
  hint,
}: {
  stateKey: TBooleanKey;
  path?: string;
  label?: string;
  hint?: string;
}) {
  const form = useCaseForm();
  const aria = useFieldAria(path, Boolean(hint));
  return (
    <div className={styles.field}>
      <label className={styles.checkLabel}>
        <input {...aria} type="checkbox" checked={form.state[stateKey]} onChange={(e) => form.set(stateKey, e.target.checked, path)} />
        {label ?? labelOf(path)}
      </label>
      <FieldMessages path={path} hint={hint} />
    </div>
  );
}

export function DateField(props: TCommon) {
  return <TextField {...props} {...ISO_DATE_INPUT} />;
}

export function SelectField({
  stateKey,
  path = stateKey,
  label,
  hint,
  options,
}: TCommon & { options: readonly (readonly [string, string])[] }) {
  const form = useCaseForm();
  const aria = useFieldAria(path, Boolean(hint));
  return (
    <Field path={path} label={label} hint={hint}>
      <select
        {...aria}
        className={styles.input}
        value={form.state[stateKey]}
        onChange={(e) => form.set(stateKey, e.target.value, path)}
        onBlur={() => form.touch(path)}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}
