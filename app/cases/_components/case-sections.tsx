"use client";
// The form's field sections other than the drugs and the yes/no/unknown findings: report,
// patient, clinical measurements, outcome and narrative, each in the schema's units.
import { REPORTER_TYPE_LABELS } from "@/lib/domain/case-field-labels";
import {
  AGE_UNITS,
  TEMPERATURE_UNITS,
  WEIGHT_UNITS,
  looksLikeFahrenheit,
  toCelsius,
  toKilograms,
  toYears,
  type TAgeUnit,
  type TTemperatureUnit,
  type TWeightUnit,
} from "@/lib/domain/units";
import { OUTCOMES, OUTCOME_LABELS, REPORTER_TYPES, SEXES, SEX_LABELS } from "@/lib/domain/vocabulary";
import { useCaseForm, useFieldAria } from "./case-form-context";
import { Field } from "./field";
import { CheckField, DateField, SelectField, TextField } from "./inputs";
import { MeasureField } from "./measure-field";
import styles from "./case-form.module.css";

const options = <T extends string>(keys: readonly T[], labels: Record<T, string>) => keys.map((k) => [k, labels[k]] as const);

export function ReportFields({ identity }: { identity: { source: string; sourceId: string; version?: number } | null }) {
  return (
    <div className={styles.grid}>
      {identity ? (
        <div className={styles.field}>
          <span className={styles.label}>Report</span>
          <span className={styles.readOnly}>
            {identity.source} · {identity.sourceId}
            {identity.version ? ` · version ${identity.version}` : ""}
          </span>
        </div>
      ) : (
        <TextField stateKey="sourceId" hint="Your reference for this report; unique among manual cases." autoComplete="off" />
      )}
      <DateField stateKey="receivedDate" />
      <DateField stateKey="onsetDate" />
      <CheckField stateKey="onsetUnknown" hint="The reporter does not know when it began." />
      <TextField stateKey="country" hint="Two-letter code, e.g. GB" maxLength={2} autoComplete="off" />
      <SelectField stateKey="reporterType" options={options(REPORTER_TYPES, REPORTER_TYPE_LABELS)} />
    </div>
  );
}

export function PatientFields() {
  return (
    <div className={styles.grid}>
      <SelectField stateKey="sex" options={options(SEXES, SEX_LABELS)} />
      <TextField stateKey="patientInitials" hint="Any of age, sex or this identifies the patient." maxLength={20} autoComplete="off" />
      <MeasureField
        valueKey="age"
        path="ageYears"
        units={{ key: "ageUnit", options: AGE_UNITS, canonical: "years", convert: (v, u) => toYears(v, u as TAgeUnit) }}
      />
      <MeasureField
        valueKey="weight"
        path="weightKg"
        units={{ key: "weightUnit", options: WEIGHT_UNITS, canonical: "kg", convert: (v, u) => toKilograms(v, u as TWeightUnit) }}
      />
    </div>
  );
}

export function MeasurementFields() {
  return (
    <div className={styles.grid}>
      <MeasureField
        valueKey="maxTemp"
        path="maxTempC"

        units={{ key: "tempUnit", options: TEMPERATURE_UNITS, canonical: "C", convert: (v, u) => toCelsius(v, u as TTemperatureUnit) }}
        advice={(value, unit) => (unit === "C" && looksLikeFahrenheit(value) ? `${value} looks like °F: switch the unit to °F.` : null)}
      />
      <MeasureField valueKey="ckMax" path="ckMax" unit="U/L" />
      <MeasureField valueKey="ckUln" path="ckUln" unit="U/L" />
      <MeasureField valueKey="wbc" path="wbc" unit="×10⁹/L" />
    </div>
  );
}

export function OutcomeFields() {
  return (
    <div className={styles.grid}>
      <SelectField stateKey="outcome" options={options(OUTCOMES, OUTCOME_LABELS)} />
      <MeasureField valueKey="durationDays" path="durationDays" unit="days" />
    </div>
  );
}

export function NarrativeField() {
  const form = useCaseForm();
  const aria = useFieldAria("narrative");
  return (
    <Field path="narrative" wide>
      <textarea
        {...aria}
        className={styles.textarea}
        rows={6}
        value={form.state.narrative}
        onChange={(e) => form.set("narrative", e.target.value, "narrative")}
        onBlur={() => form.touch("narrative")}
      />
    </Field>
  );
}
