// What the NMS case-definition scorers share: the findings they read, the met / not met /
// unknown status of a criterion, the three-valued logic that combines statuses, and the
// measurement thresholds more than one definition uses. Pure: no I/O, no framework.

/** A clinical finding: true = present, false = absent, null = unknown / not reported. */
export type TTriState = boolean | null;

export const CRITERION_STATUSES = ["met", "not_met", "unknown"] as const;
export type TCriterionStatus = (typeof CRITERION_STATUSES)[number];

/** One criterion of a case definition as shown to the user. */
export type TCriterionResult<K extends string = string> = {
  key: K;
  label: string;
  status: TCriterionStatus;
};

/**
 * The clinical findings the case definitions read, named as on the case report.
 * `dopamineBlockerExposure` is derived by the caller: an attributing antidopaminergic drug,
 * or a withdrawn dopaminergic drug. Measurements are null when not reported.
 */
export type TNmsFindings = {
  dopamineBlockerExposure: TTriState;
  /** Highest recorded body temperature, °C. */
  maxTempC: number | null;
  rigidity: TTriState;
  mentalStatusChange: TTriState;
  /** Peak creatine kinase, U/L. */
  ckMax: number | null;
  /** The reporting laboratory's upper limit of normal for CK, U/L. */
  ckUln: number | null;
  /** White cell count, ×10⁹/L. */
  wbc: number | null;
  bpLability: TTriState;
  tachycardia: TTriState;
  tachypnoea: TTriState;
  diaphoresis: TTriState;
  incontinence: TTriState;
  tremor: TTriState;
  negativeWorkup: TTriState;
};

/** Hyperthermia is "> 38.0 °C" in the 2011 consensus criteria and in DSM-5's description. */
export const HYPERTHERMIA_ABOVE_C = 38.0;

/**
 * Leukocytosis: WBC greater than 11.0 ×10⁹/L in non-pregnant adults (Riley LK, Rupert J.
 * Evaluation of patients with leukocytosis. Am Fam Physician 2015;92(11):1004–1011).
 */
export const LEUKOCYTOSIS_ABOVE_PER_NL = 11.0;

/**
 * When the laboratory's CK upper limit of normal is not reported we do not guess a typical
 * value (≈200 U/L would over-call CK elevation for labs and populations with higher limits).
 * Instead a CK criterion is met only if it would be met even against this deliberately high
 * ULN, and is otherwise unknown — never not met. Limitation: a few laboratories and
 * populations have ULNs above 400 U/L, for which a CK this rule calls elevated may not be.
 */
export const CONSERVATIVE_HIGH_CK_ULN = 400;

/** Status of a reported tri-state finding; undefined is read as unknown, like null. */
export function statusOf(finding: TTriState | undefined): TCriterionStatus {
  if (finding === true) return "met";
  if (finding === false) return "not_met";
  return "unknown";
}

function isMeasured(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Status of "value > threshold" (or ≥ when `inclusive`); a missing or non-finite value is unknown. */
export function measurementStatus(value: number | null | undefined, threshold: number, inclusive = false): TCriterionStatus {
  if (!isMeasured(value)) return "unknown";
  const exceeds = inclusive ? value >= threshold : value > threshold;
  return exceeds ? "met" : "not_met";
}

/** Temperature > 38.0 °C. We store only the maximum, so "on two occasions" cannot be checked. */
export function hyperthermiaStatus(maxTempC: number | null | undefined): TCriterionStatus {
  return measurementStatus(maxTempC, HYPERTHERMIA_ABOVE_C);
}

export function leukocytosisStatus(wbc: number | null | undefined): TCriterionStatus {
  return measurementStatus(wbc, LEUKOCYTOSIS_ABOVE_PER_NL);
}

/**
 * Status of "CK ≥ multiple × ULN" (or "> multiple × ULN" when not `inclusive`).
 * Missing CK → unknown. Missing, zero or non-finite ULN → met only if CK clears
 * multiple × CONSERVATIVE_HIGH_CK_ULN, otherwise unknown (see that constant).
 */
export function ckElevationStatus(
  ckMax: number | null | undefined,
  ckUln: number | null | undefined,
  multiple: number,
  inclusive: boolean,
): TCriterionStatus {
  if (!isMeasured(ckMax)) return "unknown";
  if (isMeasured(ckUln) && ckUln > 0) return measurementStatus(ckMax, multiple * ckUln, inclusive);
  const clearsHighUln = measurementStatus(ckMax, multiple * CONSERVATIVE_HIGH_CK_ULN, inclusive);
  return clearsHighUln === "met" ? "met" : "unknown";
}

/**
 * Three-valued "at least `needed` of these": met when enough are already met, not met when
 * even counting every unknown as met would fall short, unknown otherwise. `atLeast(1, …)`
 * is "any of", `atLeast(n, …)` over n statuses is "all of".
 */
export function atLeast(needed: number, statuses: readonly TCriterionStatus[]): TCriterionStatus {
  const met = statuses.filter((s) => s === "met").length;
  const unknown = statuses.filter((s) => s === "unknown").length;
  if (met >= needed) return "met";
  if (met + unknown < needed) return "not_met";
  return "unknown";
}

export function allOf(statuses: readonly TCriterionStatus[]): TCriterionStatus {
  return atLeast(statuses.length, statuses);
}

/** A yes/no verdict from its worst case (unknowns absent) and best case (unknowns present). */
export function verdictFromBounds(meetsInWorstCase: boolean, meetsInBestCase: boolean): boolean | null {
  if (meetsInWorstCase) return true;
  if (!meetsInBestCase) return false;
  return null;
}

/** Keys of criteria with the given status, in criterion order. */
export function keysWithStatus<K extends string>(criteria: readonly TCriterionResult<K>[], status: TCriterionStatus): K[] {
  return criteria.filter((c) => c.status === status).map((c) => c.key);
}
