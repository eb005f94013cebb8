// DSM-5 neuroleptic malignant syndrome (333.92, medication-induced movement disorders):
// essential features plus associated features, and the older DSM-IV-TR research rule.
//
// American Psychiatric Association. Diagnostic and Statistical Manual of Mental Disorders,
// 5th ed. (DSM-5). Arlington, VA: APA; 2013. DSM-IV-TR (2000) research criteria for NMS.
import {
  allOf,
  atLeast,
  ckElevationStatus,
  hyperthermiaStatus,
  keysWithStatus,
  leukocytosisStatus,
  statusOf,
  type TCriterionResult,
  type TCriterionStatus,
  type TNmsFindings,
} from "./types";

/** DSM-IV-TR criterion B: two (or more) associated features. DSM-5 gives no count. */
export const DSM_IV_TR_MIN_ASSOCIATED = 2;

export type TDsm5EssentialKey = "dopamineExposure" | "severeRigidity" | "elevatedTemperature";
export type TDsm5AssociatedKey =
  | "diaphoresis"
  | "dysphagia"
  | "tremor"
  | "incontinence"
  | "consciousnessChange"
  | "mutism"
  | "tachycardia"
  | "bloodPressure"
  | "leukocytosis"
  | "muscleInjury";

export type TDsm5Result = {
  essential: TCriterionResult<TDsm5EssentialKey>[];
  associated: TCriterionResult<TDsm5AssociatedKey>[];
  /** Associated features known to be present. */
  associatedCount: number;
  /** Associated features not known either way (always ≥ 2: dysphagia and mutism are not captured). */
  associatedUnknown: number;
  /** DSM-IV-TR criterion C, shown for context only: neither verdict below requires it. */
  otherCausesExcluded: TCriterionStatus;
  /** All essential features met: true / false, or null while any is unknown. */
  meets: boolean | null;
  /** Essential features plus ≥ 2 associated features (DSM-IV-TR criteria A and B). */
  meetsDsmIvTr: boolean | null;
};

type TFeature<K extends string> = {
  key: K;
  label: string;
  status: (findings: TNmsFindings) => TCriterionStatus;
};

/** The case report does not capture these; they stay unknown, never absent. */
const notCaptured = (): TCriterionStatus => "unknown";

const ESSENTIAL: readonly TFeature<TDsm5EssentialKey>[] = [
  {
    key: "dopamineExposure",
    label: "Exposure to a dopamine antagonist",
    status: (f) => statusOf(f.dopamineBlockerExposure),
  },
  // The report has one rigidity flag without a severity grade; a reported rigidity stands in
  // for "severe" here (the 2017 validation also accepted less-than-severe rigidity).
  { key: "severeRigidity", label: "Severe muscle rigidity", status: (f) => statusOf(f.rigidity) },
  {
    key: "elevatedTemperature",
    label: "Elevated temperature (> 38.0 °C)",
    status: (f) => hyperthermiaStatus(f.maxTempC),
  },
];

const ASSOCIATED: readonly TFeature<TDsm5AssociatedKey>[] = [
  { key: "diaphoresis", label: "Diaphoresis", status: (f) => statusOf(f.diaphoresis) },
  { key: "dysphagia", label: "Dysphagia", status: notCaptured },
  { key: "tremor", label: "Tremor", status: (f) => statusOf(f.tremor) },
  { key: "incontinence", label: "Incontinence", status: (f) => statusOf(f.incontinence) },
  {
    key: "consciousnessChange",
    label: "Change in level of consciousness",
    status: (f) => statusOf(f.mentalStatusChange),
  },
  { key: "mutism", label: "Mutism", status: notCaptured },
  { key: "tachycardia", label: "Tachycardia", status: (f) => statusOf(f.tachycardia) },
  { key: "bloodPressure", label: "Elevated or labile blood pressure", status: (f) => statusOf(f.bpLability) },
  { key: "leukocytosis", label: "Leukocytosis (WBC > 11.0 ×10⁹/L)", status: (f) => leukocytosisStatus(f.wbc) },
  {
    key: "muscleInjury",
    label: "Laboratory evidence of muscle injury (CK > upper limit of normal)",
    status: (f) => ckElevationStatus(f.ckMax, f.ckUln, 1, false),
  },
];

function evaluate<K extends string>(features: readonly TFeature<K>[], findings: TNmsFindings) {
  return features.map(({ key, label, status }) => ({ key, label, status: status(findings) }));
}

function toVerdict(status: TCriterionStatus): boolean | null {
  return status === "unknown" ? null : status === "met";
}

export function scoreDsm5(findings: TNmsFindings): TDsm5Result {
  const essential = evaluate(ESSENTIAL, findings);
  const associated = evaluate(ASSOCIATED, findings);
  const essentialStatus = allOf(essential.map((e) => e.status));
  const associatedStatuses = associated.map((a) => a.status);
  return {
    essential,
    associated,
    associatedCount: keysWithStatus(associated, "met").length,
    associatedUnknown: keysWithStatus(associated, "unknown").length,
    otherCausesExcluded: statusOf(findings.negativeWorkup),
    meets: toVerdict(essentialStatus),
    meetsDsmIvTr: toVerdict(allOf([essentialStatus, atLeast(DSM_IV_TR_MIN_ASSOCIATED, associatedStatuses)])),
  };
}
