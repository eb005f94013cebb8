// Levenson's criteria for NMS: three major and six minor manifestations; NMS is probable
// with all three major, or two major and four minor (Levenson JL. Neuroleptic malignant
// syndrome. Am J Psychiatry 1985;142(10):1137–1145).
import {
  ckElevationStatus,
  keysWithStatus,
  leukocytosisStatus,
  measurementStatus,
  statusOf,
  verdictFromBounds,
  type TCriterionResult,
  type TCriterionStatus,
  type TNmsFindings,
} from "./types";

/**
 * Levenson gives no numeric threshold for fever; we take ≥ 38.0 °C, the usual clinical
 * definition, which is one step looser than the consensus criteria's > 38.0 °C.
 */
export const LEVENSON_FEVER_FROM_C = 38.0;

export const LEVENSON_MAJOR_KEYS = ["fever", "rigidity", "elevatedCk"] as const;
export const LEVENSON_MINOR_KEYS = [
  "tachycardia",
  "abnormalBloodPressure",
  "tachypnoea",
  "alteredConsciousness",
  "diaphoresis",
  "leukocytosis",
] as const;
export type TLevensonCriterionKey = (typeof LEVENSON_MAJOR_KEYS)[number] | (typeof LEVENSON_MINOR_KEYS)[number];

export type TLevensonCriterion = TCriterionResult<TLevensonCriterionKey> & { kind: "major" | "minor" };

export type TLevensonResult = {
  criteria: TLevensonCriterion[];
  met: TLevensonCriterionKey[];
  notMet: TLevensonCriterionKey[];
  unknown: TLevensonCriterionKey[];
  majorMet: number;
  minorMet: number;
  /** Probable NMS: true / false when the unknowns cannot change it, else null. */
  meets: boolean | null;
};

type TCriterionDefinition = {
  key: TLevensonCriterionKey;
  label: string;
  kind: "major" | "minor";
  status: (findings: TNmsFindings) => TCriterionStatus;
};

const CRITERIA: readonly TCriterionDefinition[] = [
  {
    key: "fever",
    label: "Fever ≥ 38.0 °C",
    kind: "major",
    status: (f) => measurementStatus(f.maxTempC, LEVENSON_FEVER_FROM_C, true),
  },
  { key: "rigidity", label: "Rigidity", kind: "major", status: (f) => statusOf(f.rigidity) },
  {
    key: "elevatedCk",
    label: "Elevated creatine kinase (> upper limit of normal)",
    kind: "major",
    status: (f) => ckElevationStatus(f.ckMax, f.ckUln, 1, false),
  },
  { key: "tachycardia", label: "Tachycardia", kind: "minor", status: (f) => statusOf(f.tachycardia) },
  {
    key: "abnormalBloodPressure",
    label: "Abnormal blood pressure",
    kind: "minor",
    status: (f) => statusOf(f.bpLability),
  },
  { key: "tachypnoea", label: "Tachypnoea", kind: "minor", status: (f) => statusOf(f.tachypnoea) },
  {
    key: "alteredConsciousness",
    label: "Altered consciousness",
    kind: "minor",
    status: (f) => statusOf(f.mentalStatusChange),
  },
  { key: "diaphoresis", label: "Diaphoresis", kind: "minor", status: (f) => statusOf(f.diaphoresis) },
  {
    key: "leukocytosis",
    label: "Leukocytosis (WBC > 11.0 ×10⁹/L)",
    kind: "minor",
    status: (f) => leukocytosisStatus(f.wbc),
  },
];

function isProbable(major: number, minor: number): boolean {
  return major === 3 || (major >= 2 && minor >= 4);
}

/**
 * Levenson criteria with every criterion's status. The rule only ever gains from more met
 * findings, so checking the worst case (unknowns absent) and the best case (unknowns
 * present) decides exactly whether the unknowns could change the verdict.
 */
export function scoreLevenson1985(findings: TNmsFindings): TLevensonResult {
  const criteria = CRITERIA.map(({ key, label, kind, status }) => ({ key, label, kind, status: status(findings) }));
  const count = (kind: "major" | "minor", statuses: readonly TCriterionStatus[]) =>
    criteria.filter((c) => c.kind === kind && statuses.includes(c.status)).length;
  const majorMet = count("major", ["met"]);
  const minorMet = count("minor", ["met"]);
  const meets = verdictFromBounds(
    isProbable(majorMet, minorMet),
    isProbable(count("major", ["met", "unknown"]), count("minor", ["met", "unknown"])),
  );
  return {
    criteria,
    met: keysWithStatus(criteria, "met"),
    notMet: keysWithStatus(criteria, "not_met"),
    unknown: keysWithStatus(criteria, "unknown"),
    majorMet,
    minorMet,
    meets,
  };
}
