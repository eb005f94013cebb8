// The case form's state (what the inputs hold: text, units, yes/no/unknown) and its mapping to
// the case schema's input: numbers parsed, units converted to °C / years / kg, blanks to null.
// Validation is then ZCaseInput's, the same schema the API applies.
import { BOOLEAN_CASE_FIELDS, ZCaseInput, type BooleanCaseField, type DOSE_CHANGES, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { toCelsius, toKilograms, toYears, type TAgeUnit, type TTemperatureUnit, type TWeightUnit } from "@/lib/domain/units";
import type { DrugRole, Formulation, Outcome, ReporterType, Sex } from "@/lib/domain/vocabulary";
import type { CaseStatus } from "@/lib/domain/case-validity";

export type TTriState = "yes" | "no" | "unknown";
export type TDrugRowState = {
  key: string;
  name: string;
  role: DrugRole;
  dose: string;
  route: string;
  formulation: Formulation | "";
  startDate: string;
  stopDate: string;
  doseChange: (typeof DOSE_CHANGES)[number] | "";
  doseChangeDate: string;
};

export type TCaseFormState = {
  sourceId: string;
  receivedDate: string;
  onsetDate: string;
  onsetUnknown: boolean;
  country: string;
  reporterType: ReporterType;
  /** complete = "complete when the minimum criteria are met, else a draft" (the server settles it). */
  status: CaseStatus;
  followUpDue: string;
  sex: Sex;
  patientInitials: string;
  age: string;
  ageUnit: TAgeUnit;
  weight: string;
  weightUnit: TWeightUnit;
  maxTemp: string;
  tempUnit: TTemperatureUnit;
  ckMax: string;
  ckUln: string;
  wbc: string;
  flags: Record<BooleanCaseField, TTriState>;
  outcome: Outcome;
  durationDays: string;
  narrative: string;
  drugs: TDrugRowState[];
};

/** Field-level messages by schema path ("maxTempC", "drugs.0.name"), as the API names them. */
export type TIssues = Record<string, string>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export const emptyDrugRow = (key: string): TDrugRowState => ({
  key,
  name: "",
  role: "suspect",
  dose: "",
  route: "",
  formulation: "",
  startDate: "",
  stopDate: "",
  doseChange: "",
  doseChangeDate: "",
});

export function emptyFormState(sourceId: string): TCaseFormState {
  return {
    sourceId,
    receivedDate: "",
    onsetDate: "",
    onsetUnknown: false,
    country: "",
    reporterType: "unknown",
    status: "complete",
    followUpDue: "",
    sex: "unknown",
    patientInitials: "",
    age: "",
    ageUnit: "years",
    weight: "",
    weightUnit: "kg",
    maxTemp: "",
    tempUnit: "C",
    ckMax: "",
    ckUln: "",
    wbc: "",
    flags: Object.fromEntries(BOOLEAN_CASE_FIELDS.map((f) => [f, "unknown"])) as Record<BooleanCaseField, TTriState>,
    outcome: "unknown",
    durationDays: "",
    narrative: "",
    drugs: [emptyDrugRow("drug-0")],
  };
}

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? "" : String(value));
const tri = (value: boolean | null | undefined): TTriState => (value === true ? "yes" : value === false ? "no" : "unknown");

/** A stored case (API shape) as form state: canonical units, blanks for nulls. */
export function formStateOf(stored: TCaseInputRaw): TCaseFormState {
  return {
    sourceId: stored.sourceId,
    receivedDate: text(stored.receivedDate),
    onsetDate: text(stored.onsetDate),
    country: text(stored.country),
    reporterType: stored.reporterType ?? "unknown",
    sex: stored.sex ?? "unknown",
    onsetUnknown: stored.onsetUnknown ?? false,
    // A draft is edited to be completed: the form offers "complete" and the server settles it.
    status: stored.status === "follow_up_requested" ? "follow_up_requested" : "complete",
    followUpDue: text(stored.followUpDue),
    patientInitials: text(stored.patientInitials),
    age: text(stored.ageYears),
    ageUnit: "years",
    weight: text(stored.weightKg),
    weightUnit: "kg",
    maxTemp: text(stored.maxTempC),
    tempUnit: "C",
    ckMax: text(stored.ckMax),
    ckUln: text(stored.ckUln),
    wbc: text(stored.wbc),
    flags: Object.fromEntries(BOOLEAN_CASE_FIELDS.map((f) => [f, tri(stored[f])])) as Record<BooleanCaseField, TTriState>,
    outcome: stored.outcome ?? "unknown",
    durationDays: text(stored.durationDays),
    narrative: text(stored.narrative),
    drugs: (stored.drugs ?? []).map((d, i) => ({
      key: `drug-${i}`,
      name: d.name,
      role: d.role,
      dose: text(d.dose),
      route: text(d.route),
      formulation: d.formulation ?? "",
      startDate: text(d.startDate),
      stopDate: text(d.stopDate),
      doseChange: d.doseChange ?? "",
      doseChangeDate: text(d.doseChangeDate),
    })),
  };
}

/** The case the form describes, and the issues found before the schema could see it (text that is no number). */
export function toCaseInput(state: TCaseFormState, source: TCaseInputRaw["source"]): { input: TCaseInputRaw; issues: TIssues } {
  const issues: TIssues = {};
  const blank = (value: string) => (value.trim() === "" ? null : value.trim());
  const number = (path: string, value: string, convert: (n: number) => number = (n) => n): number | null => {
    const trimmed = value.trim();
    if (trimmed === "") return null;
    if (!NUMBER.test(trimmed)) {
      issues[path] = "must be a number (use . for decimals)";
      return null;
    }
    return convert(Number(trimmed));
  };
  const flags = Object.fromEntries(
    BOOLEAN_CASE_FIELDS.map((f) => [f, state.flags[f] === "yes" ? true : state.flags[f] === "no" ? false : null]),
  ) as Record<BooleanCaseField, boolean | null>;
  const input: TCaseInputRaw = {
    source,
    sourceId: state.sourceId,
    receivedDate: blank(state.receivedDate),
    onsetDate: blank(state.onsetDate),
    onsetUnknown: state.onsetUnknown && !blank(state.onsetDate),
    country: blank(state.country),
    reporterType: state.reporterType,
    // Not naming "complete" lets the server save an incomplete case as a draft instead of refusing it.
    ...(state.status === "complete" ? {} : { status: state.status }),
    followUpDue: state.status === "follow_up_requested" ? blank(state.followUpDue) : null,
    sex: state.sex,
    patientInitials: blank(state.patientInitials),
    ageYears: number("ageYears", state.age, (n) => toYears(n, state.ageUnit)),
    weightKg: number("weightKg", state.weight, (n) => toKilograms(n, state.weightUnit)),
    maxTempC: number("maxTempC", state.maxTemp, (n) => toCelsius(n, state.tempUnit)),
    ckMax: number("ckMax", state.ckMax),
    ckUln: number("ckUln", state.ckUln),
    wbc: number("wbc", state.wbc),
    ...flags,
    outcome: state.outcome,
    durationDays: number("durationDays", state.durationDays),
    narrative: blank(state.narrative),
    drugs: state.drugs.map((d) => ({
      name: d.name,
      role: d.role,
      dose: blank(d.dose),
      route: blank(d.route),
      formulation: d.formulation || null,
      startDate: blank(d.startDate),
      stopDate: blank(d.stopDate),
      doseChange: d.doseChange || null,
      doseChangeDate: blank(d.doseChangeDate),
    })),
  };
  return { input, issues };
}

/** Every problem with the form, by path: unparseable numbers first, then the schema's first issue per path. */
export function validateForm(state: TCaseFormState, source: TCaseInputRaw["source"]): { input: TCaseInputRaw; issues: TIssues } {
  const { input, issues } = toCaseInput(state, source);
  const parsed = ZCaseInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".") || "(form)";
      issues[path] ??= issue.message;
    }
  }
  return { input, issues };
}
