"use client";
// A number with its unit: people report °F, ages in months or days and weights in pounds; the
// value is converted to the schema's unit before validation, and the converted value is shown.
import { useCaseForm, useFieldAria } from "./case-form-context";
import type { TCaseFormState } from "./case-form-state";
import { Field } from "./field";
import { labelOf } from "./field-labels";
import { UNIT_LABELS } from "@/lib/domain/units";
import styles from "./case-form.module.css";

type TValueKey = "age" | "weight" | "maxTemp" | "ckMax" | "ckUln" | "wbc" | "durationDays";
type TUnitKey = "ageUnit" | "weightUnit" | "tempUnit";

type TProps = {
  valueKey: TValueKey;
  path: string;
  /** Fixed unit shown after the input when there is no choice. */
  unit?: string;
  /** Unit choice: the state key holding it, its options, and the canonical value to show when converted. */
  units?: { key: TUnitKey; options: readonly string[]; canonical: string; convert: (value: number, unit: string) => number };
  /** Extra advice while the field is in error (e.g. "°F? switch the unit"). */
  advice?: (value: number, unit: string) => string | null;
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export function MeasureField({ valueKey, path, unit, units, advice }: TProps) {
  const label = labelOf(path);
  const form = useCaseForm();
  const raw = form.state[valueKey].trim();
  const value = NUMBER.test(raw) ? Number(raw) : null;
  const chosen = units ? (form.state[units.key] as string) : null;
  const converted =
    units && chosen && value !== null && chosen !== units.options[0]
      ? `= ${units.convert(value, chosen)} ${UNIT_LABELS[units.canonical as keyof typeof UNIT_LABELS] ?? units.canonical}`
      : null;
  const hint = (form.errorFor(path) && value !== null && chosen !== null && advice?.(value, chosen)) || converted;
  const aria = useFieldAria(path, Boolean(hint));
  return (
    <Field path={path} hint={hint ?? undefined}>
      <div className={styles.withUnit}>
        <input
          {...aria}
          className={styles.input}
          inputMode="decimal"
          autoComplete="off"
          value={form.state[valueKey]}
          onChange={(e) => form.set(valueKey, e.target.value, path)}
          onBlur={() => form.touch(path)}
        />
        {units ? (
          <select
            aria-label={`${label} unit`}
            className={styles.unit}
            value={chosen ?? ""}
            onChange={(e) => form.set(units.key, e.target.value as TCaseFormState[TUnitKey], path)}
          >
            {units.options.map((option) => (
              <option key={option} value={option}>
                {UNIT_LABELS[option as keyof typeof UNIT_LABELS] ?? option}
              </option>
            ))}
          </select>
        ) : (
          unit && <span className={styles.unitText}>{unit}</span>
        )}
      </div>
    </Field>
  );
}
