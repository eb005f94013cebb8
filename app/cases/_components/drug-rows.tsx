"use client";
// The case's drugs: one row each with name (catalogue autocomplete), role, dose, route,
// formulation, dates and the dose change before onset; rows are added and removed freely.
import { DOSE_CHANGES } from "@/lib/domain/case-schema";
import { DOSE_CHANGE_LABELS, DRUG_ROLE_LABELS, FORMULATION_LABELS } from "@/lib/domain/case-field-labels";
import { normaliseDrugName } from "@/lib/domain/drug-name-normaliser";
import { DRUG_CLASS_LABELS, DRUG_ROLES, FORMULATIONS } from "@/lib/domain/vocabulary";
import { useCaseForm, useFieldAria } from "./case-form-context";
import type { TDrugRowState } from "./case-form-state";
import { DrugNameCombobox } from "./drug-name-combobox";
import { Field } from "./field";
import { DRUG_FIELD_LABELS } from "./field-labels";
import { ISO_DATE_INPUT } from "@/app/_components/iso-date-input";
import styles from "./case-form.module.css";

type TDrugKey = Exclude<keyof TDrugRowState, "key">;

/** What the server will make of the name, by the same normaliser, so the officer sees it now. */
function catalogueHint(name: string): string | undefined {
  if (!name.trim()) return undefined;
  const match = normaliseDrugName(name);
  return match
    ? `Catalogue: ${match.drug.displayName} · ${DRUG_CLASS_LABELS[match.drug.drugClass]}`
    : "Not in the catalogue: kept as typed";
}

function DrugInput({
  index,
  field,
  type = "text",
}: {
  index: number;
  field: Exclude<TDrugKey, "role" | "formulation" | "doseChange" | "name">;
  type?: "text" | "date";
}) {
  const form = useCaseForm();
  const path = `drugs.${index}.${field}`;
  const aria = useFieldAria(path);
  return (
    <Field path={path} label={DRUG_FIELD_LABELS[field]}>
      <input
        {...aria}
        className={styles.input}
        {...(type === "date" ? ISO_DATE_INPUT : { type: "text" })}
        value={form.state.drugs[index]?.[field] ?? ""}
        onChange={(e) => form.setDrug(index, { [field]: e.target.value }, field)}
        onBlur={() => form.touch(path)}
      />
    </Field>
  );
}

function DrugSelect({
  index,
  field,
  options,
  blank,
}: {
  index: number;
  field: "role" | "formulation" | "doseChange";
  options: Record<string, string>;
  blank?: string;
}) {
  const form = useCaseForm();
  const path = `drugs.${index}.${field}`;
  const aria = useFieldAria(path);
  return (
    <Field path={path} label={DRUG_FIELD_LABELS[field]}>
      <select
        {...aria}
        className={styles.input}
        value={form.state.drugs[index]?.[field] ?? ""}
        onChange={(e) => form.setDrug(index, { [field]: e.target.value }, field)}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

function DrugRow({ index, drug, onRemove }: { index: number; drug: TDrugRowState; onRemove: () => void }) {
  const form = useCaseForm();
  const path = `drugs.${index}.name`;
  const hint = catalogueHint(drug.name);
  const aria = useFieldAria(path, Boolean(hint));
  const pick = <T extends string>(keys: readonly T[], labels: Record<T, string>) => Object.fromEntries(keys.map((k) => [k, labels[k]]));
  return (
    <fieldset className={styles.drugRow} data-drug-row={index}>
      <legend className={styles.drugLegend}>Drug {index + 1}</legend>
      <div className={styles.drugGrid}>
        <Field path={path} label={DRUG_FIELD_LABELS.name} hint={hint} wide>
          <DrugNameCombobox
            {...aria}
            value={drug.name}
            onChange={(name) => form.setDrug(index, { name }, "name")}
            onBlur={() => form.touch(path)}
          />
        </Field>
        <DrugSelect index={index} field="role" options={pick(DRUG_ROLES, DRUG_ROLE_LABELS)} />
        <DrugInput index={index} field="dose" />
        <DrugInput index={index} field="route" />
        <DrugSelect index={index} field="formulation" options={pick(FORMULATIONS, FORMULATION_LABELS)} blank="Not given" />
        <DrugInput index={index} field="startDate" type="date" />
        <DrugInput index={index} field="stopDate" type="date" />
        <DrugSelect index={index} field="doseChange" options={pick(DOSE_CHANGES, DOSE_CHANGE_LABELS)} blank="Not reported" />
        <DrugInput index={index} field="doseChangeDate" type="date" />
      </div>
      <button type="button" className={styles.secondary} onClick={onRemove}>
        Remove drug {index + 1}
      </button>
    </fieldset>
  );
}

export function DrugRows({ onAdd, onRemove }: { onAdd: () => void; onRemove: (index: number) => void }) {
  const form = useCaseForm();
  return (
    <>
      {form.state.drugs.length === 0 && (
        <p className={styles.hint}>No drugs yet. A case counts towards a drug class through its suspect, interacting or withdrawn drugs.</p>
      )}
      {form.state.drugs.map((drug, index) => (
        <DrugRow key={drug.key} index={index} drug={drug} onRemove={() => onRemove(index)} />
      ))}
      <FieldErrorsFor path="drugs" />
      <button type="button" className={styles.secondary} onClick={onAdd}>
        Add a drug
      </button>
    </>
  );
}

function FieldErrorsFor({ path }: { path: string }) {
  const error = useCaseForm().errorFor(path);
  return error ? <p className={styles.error}>Drugs: {error}</p> : null;
}
