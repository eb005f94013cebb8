// The 2011 international expert consensus criteria for NMS: eight weighted criteria whose
// priority points add up to 100, scored with the range that unknown findings leave open.
//
// Gurrera RJ, Caroff SN, Cohen A, et al. An international consensus study of neuroleptic
// malignant syndrome diagnostic criteria using the Delphi method. J Clin Psychiatry
// 2011;72(9):1222–1228.
import {
  allOf,
  atLeast,
  ckElevationStatus,
  hyperthermiaStatus,
  statusOf,
  type TCriterionResult,
  type TCriterionStatus,
  type TNmsFindings,
} from "./types";

/**
 * Priority-point cut-off with the best agreement with (modified) DSM-IV-TR criteria:
 * Gurrera RJ, Mortillaro G, Velamoor V, Caroff SN. A validation study of the international
 * consensus diagnostic criteria for neuroleptic malignant syndrome. J Clin Psychopharmacol
 * 2017;37(1):67–71 (sensitivity 69.6%, specificity 90.7%).
 */
export const CONSENSUS_2011_CUTOFF = 74;

export const CONSENSUS_2011_CRITERION_KEYS = [
  "dopamineExposure",
  "hyperthermia",
  "rigidity",
  "mentalStatusAlteration",
  "ckElevation",
  "sympatheticLability",
  "hypermetabolism",
  "negativeWorkup",
] as const;
export type TConsensus2011CriterionKey = (typeof CONSENSUS_2011_CRITERION_KEYS)[number];

export type TConsensus2011Criterion = TCriterionResult<TConsensus2011CriterionKey> & { points: number };

export type TConsensus2011Result = {
  /** Points of the criteria met (equal to minScore: unknown criteria score nothing). */
  score: number;
  minScore: number;
  /** Points if every unknown criterion turned out to be met. */
  maxScore: number;
  criteria: TConsensus2011Criterion[];
  /** true: score ≥ cut-off; false: even maxScore < cut-off; null: the unknowns decide. */
  meetsCutoff: boolean | null;
};

type TCriterionDefinition = {
  key: TConsensus2011CriterionKey;
  label: string;
  points: number;
  status: (findings: TNmsFindings) => TCriterionStatus;
};

/** The published table, in its order; the points sum to 100. */
const CRITERIA: readonly TCriterionDefinition[] = [
  {
    key: "dopamineExposure",
    label: "Exposure to a dopamine antagonist, or dopamine-agonist withdrawal, within 72 h",
    points: 20,
    // The 72-hour window is the caller's to judge when deriving the exposure flag.
    status: (f) => statusOf(f.dopamineBlockerExposure),
  },
  {
    key: "hyperthermia",
    label: "Hyperthermia > 38.0 °C",
    points: 18,
    // Published as "on at least 2 occasions"; we store only the maximum temperature, so a
    // maximum above 38.0 °C counts as met and one at or below it as not met.
    status: (f) => hyperthermiaStatus(f.maxTempC),
  },
  { key: "rigidity", label: "Rigidity", points: 17, status: (f) => statusOf(f.rigidity) },
  {
    key: "mentalStatusAlteration",
    label: "Mental status alteration",
    points: 13,
    status: (f) => statusOf(f.mentalStatusChange),
  },
  {
    key: "ckElevation",
    label: "Creatine kinase ≥ 4 × upper limit of normal",
    points: 10,
    status: (f) => ckElevationStatus(f.ckMax, f.ckUln, 4, true),
  },
  {
    key: "sympatheticLability",
    label: "Sympathetic nervous system lability (≥ 2 of: labile/raised BP, diaphoresis, urinary incontinence)",
    points: 10,
    // The paper asks for at least 2 of 4 signs: BP elevation, BP fluctuation, diaphoresis,
    // urinary incontinence. The case report folds both BP signs into one flag, counted once,
    // so a case with labile BP alone is not met — a conservative reading.
    status: (f) => atLeast(2, [statusOf(f.bpLability), statusOf(f.diaphoresis), statusOf(f.incontinence)]),
  },
  {
    key: "hypermetabolism",
    label: "Hypermetabolism (tachycardia and tachypnoea)",
    points: 5,
    // Published as heart rate ≥ 25% and respiratory rate ≥ 50% above baseline; the report
    // records tachycardia and tachypnoea as flags, and both are needed.
    status: (f) => allOf([statusOf(f.tachycardia), statusOf(f.tachypnoea)]),
  },
  {
    key: "negativeWorkup",
    label: "Negative work-up for infectious, toxic, metabolic and neurologic causes",
    points: 7,
    status: (f) => statusOf(f.negativeWorkup),
  },
];

/** Priority points with the range left open by unknown findings. */
export function scoreConsensus2011(findings: TNmsFindings): TConsensus2011Result {
  const criteria = CRITERIA.map(({ key, label, points, status }) => ({
    key,
    label,
    points,
    status: status(findings),
  }));
  const pointsWith = (status: TCriterionStatus) => criteria.filter((c) => c.status === status).reduce((sum, c) => sum + c.points, 0);
  const score = pointsWith("met");
  const maxScore = score + pointsWith("unknown");
  const meetsCutoff = score >= CONSENSUS_2011_CUTOFF ? true : maxScore < CONSENSUS_2011_CUTOFF ? false : null;
  return { score, minScore: score, maxScore, criteria, meetsCutoff };
}
