// What the report says about the patient's drugs and clinical course: the drugs with role and
// dates, measurements, and every yes / no / unknown finding grouped as the case form groups them.
import { BOOLEAN_FIELD_LABELS, DOSE_CHANGE_LABELS, DRUG_ROLE_LABELS, FORMULATION_LABELS } from "@/lib/domain/case-field-labels";
import {
  CLINICAL_FLAG_FIELDS,
  COMPLICATION_FIELDS,
  RISK_FACTOR_FIELDS,
  SERIOUSNESS_FIELDS,
  TREATMENT_FIELDS,
  type BooleanCaseField,
} from "@/lib/domain/case-schema";
import { DRUG_CLASS_LABELS } from "@/lib/domain/vocabulary";
import type { TCaseView } from "@/lib/queries/get-case";
import { MISSING, formatDate, formatMeasure, formatYesNo } from "@/lib/format";
import styles from "../../case-pages.module.css";

const measure = (value: number | null | undefined, unit: string) => (value == null ? "Unknown" : `${formatMeasure(value)} ${unit}`);

export function DrugsTable({ view }: { view: TCaseView }) {
  return (
    <table className="data" data-testid="case-drugs">
      <thead>
        <tr>
          <th scope="col">Reported name</th>
          <th scope="col">Catalogue drug (class)</th>
          <th scope="col">Role</th>
          <th scope="col">Dose</th>
          <th scope="col">Route</th>
          <th scope="col">Form</th>
          <th scope="col">Start</th>
          <th scope="col">Stop</th>
          <th scope="col">Dose change</th>
        </tr>
      </thead>
      <tbody>
        {view.drugs.map((drug, i) => (
          <tr key={i}>
            <th scope="row">{drug.name}</th>
            <td>
              {drug.catalogue ? `${drug.catalogue.displayName} (${DRUG_CLASS_LABELS[drug.catalogue.drugClass]})` : "Not in the catalogue"}
            </td>
            <td>{DRUG_ROLE_LABELS[drug.role]}</td>
            <td>{drug.dose || MISSING}</td>
            <td>{drug.route || MISSING}</td>
            <td>{drug.formulation ? FORMULATION_LABELS[drug.formulation] : MISSING}</td>
            <td>{formatDate(drug.startDate)}</td>
            <td>{formatDate(drug.stopDate)}</td>
            <td>
              {drug.doseChange
                ? `${DOSE_CHANGE_LABELS[drug.doseChange]}${drug.doseChangeDate ? `, ${formatDate(drug.doseChangeDate)}` : ""}`
                : MISSING}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const GROUPS: { title: string; fields: readonly BooleanCaseField[] }[] = [
  { title: "Seriousness (ICH criteria)", fields: SERIOUSNESS_FIELDS },
  { title: "Clinical features", fields: CLINICAL_FLAG_FIELDS },
  { title: "Risk factors", fields: RISK_FACTOR_FIELDS },
  { title: "Complications", fields: COMPLICATION_FIELDS },
  { title: "Treatment", fields: [...TREATMENT_FIELDS, "rechallenge", "rechallengeRecurred"] },
];

export function ClinicalFindings({ view }: { view: TCaseView }) {
  const ckTimes = view.ckMax != null && view.ckUln ? ` (${(view.ckMax / view.ckUln).toFixed(1)} × upper limit)` : "";
  return (
    <div className={styles.findings}>
      <dl className={styles.facts}>
        <div>
          <dt>Maximum temperature</dt>
          <dd>{measure(view.maxTempC, "°C")}</dd>
        </div>
        <div>
          <dt>Maximum CK</dt>
          <dd>
            {measure(view.ckMax, "U/L")}
            {ckTimes}
          </dd>
        </div>
        <div>
          <dt>CK upper limit of normal</dt>
          <dd>{measure(view.ckUln, "U/L")}</dd>
        </div>
        <div>
          <dt>White cell count</dt>
          <dd>{measure(view.wbc, "×10⁹/L")}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{measure(view.durationDays, "days")}</dd>
        </div>
      </dl>
      <div className={styles.columns}>
        {GROUPS.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl className={styles.flags}>
              {group.fields.map((field) => (
                <div key={field} data-value={String(view[field] ?? "unknown")}>
                  <dt>{BOOLEAN_FIELD_LABELS[field]}</dt>
                  <dd>{formatYesNo(view[field])}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
