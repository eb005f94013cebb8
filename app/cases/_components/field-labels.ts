// The visible label of every case-form path, used by the fields themselves and by the error
// summary, so a message reads the same in both places.
import { BOOLEAN_FIELD_LABELS } from "@/lib/domain/case-field-labels";
import {
  CLINICAL_FLAG_FIELDS,
  COMPLICATION_FIELDS,
  RISK_FACTOR_FIELDS,
  SERIOUSNESS_FIELDS,
  TREATMENT_FIELDS,
} from "@/lib/domain/case-schema";

const LABELS: Record<string, string> = {
  ...BOOLEAN_FIELD_LABELS,
  sourceId: "Report ID",
  receivedDate: "Received",
  onsetDate: "Onset",
  onsetUnknown: "Onset date unknown",
  status: "Status",
  followUpDue: "Follow-up due",
  patientInitials: "Patient initials or ID",
  country: "Country",
  reporterType: "Reporter",
  sex: "Sex",
  ageYears: "Age",
  weightKg: "Weight",
  maxTempC: "Maximum temperature",
  ckMax: "Maximum CK",
  ckUln: "CK upper limit of normal",
  wbc: "White cell count",
  outcome: "Outcome",
  durationDays: "Duration of the episode",
  narrative: "Case narrative",
  drugs: "Drugs",
};

export const DRUG_FIELD_LABELS: Record<string, string> = {
  name: "Name",
  role: "Role",
  dose: "Dose",
  route: "Route",
  formulation: "Formulation",
  startDate: "Started",
  stopDate: "Stopped",
  doseChange: "Dose change",
  doseChangeDate: "Changed on",
};

/** Whether the form shows an input for a path (else the API's issue is listed in the summary only). */
export function hasField(path: string): boolean {
  const drug = /^drugs\.\d+\.(\w+)$/.exec(path);
  return drug ? drug[1]! in DRUG_FIELD_LABELS : path in LABELS;
}

/** "maxTempC" → "Maximum temperature"; "drugs.1.stopDate" → "Drug 2: stopped". */
export function labelOf(path: string): string {
  const drug = /^drugs\.(\d+)\.(\w+)$/.exec(path);
  if (drug) return `Drug ${Number(drug[1]) + 1}: ${(DRUG_FIELD_LABELS[drug[2]!] ?? drug[2]!).toLowerCase()}`;
  return LABELS[path] ?? path;
}

/** Top-level paths in the order the form shows them, so the error summary reads top to bottom. */
const PAGE_ORDER: readonly string[] = [
  "status",
  "followUpDue",
  "sourceId",
  "receivedDate",
  "onsetDate",
  "onsetUnknown",
  "country",
  "reporterType",
  "sex",
  "patientInitials",
  "ageYears",
  "weightKg",
  "drugs",
  ...SERIOUSNESS_FIELDS,
  ...RISK_FACTOR_FIELDS,
  "maxTempC",
  "ckMax",
  "ckUln",
  "wbc",
  ...CLINICAL_FLAG_FIELDS,
  ...COMPLICATION_FIELDS,
  ...TREATMENT_FIELDS,
  "outcome",
  "durationDays",
  "rechallenge",
  "rechallengeRecurred",
  "narrative",
];
const DRUG_FIELDS = Object.keys(DRUG_FIELD_LABELS);

/** Compares two paths by where their fields are on the page (unknown paths last). */
export function byPageOrder(a: string, b: string): number {
  const key = (path: string) => {
    const [head = "", index = "0", field = ""] = path.split(".");
    const at = PAGE_ORDER.indexOf(head);
    return [at < 0 ? PAGE_ORDER.length : at, Number(index) || 0, DRUG_FIELDS.indexOf(field)];
  };
  const [x, y] = [key(a), key(b)];
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
}
