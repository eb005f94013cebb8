// Runs every NMS case definition and the Naranjo causality scale on one case, and says
// how each case field becomes a scorer input — the one place that mapping is decided.
import {
  ckElevationStatus,
  hyperthermiaStatus,
  scoreConsensus2011,
  scoreDsm5,
  scoreLevenson1985,
  type TConsensus2011Result,
  type TDsm5Result,
  type TLevensonResult,
  type TNmsFindings,
  type TTriState,
} from "@/lib/stats/case-definition";
import { naranjoScore, type TNaranjoAnswer, type TNaranjoAnswers, type TNaranjoResult } from "@/lib/stats/naranjo";

/**
 * The clinical fields of a case report (Prisma names), plus flags the caller derives:
 * - `dopamineBlockerExposure`: an attributing (suspect / interacting) antidopaminergic drug,
 *   or a withdrawn dopaminergic drug;
 * - `improvedAfterStop`: from the outcome (recovered / recovering after the drug was stopped);
 * - `onsetAfterDrugStart`: from drug start and onset dates.
 * EEG slowing is recorded on the case but is part of none of these definitions.
 */
export type TCaseClinicalFields = TNmsFindings & {
  onsetAfterDrugStart: TTriState;
  drugStopped: TTriState;
  improvedAfterStop: TTriState;
  rechallenge: TTriState;
  rechallengeRecurred: TTriState;
  rapidDoseEscalation: TTriState;
};

export type TCaseScores = {
  consensus: TConsensus2011Result;
  levenson: TLevensonResult;
  dsm5: TDsm5Result;
  naranjo: TNaranjoResult;
};

function yesNoUnknown(finding: TTriState): TNaranjoAnswer {
  if (finding === true) return "yes";
  if (finding === false) return "no";
  return "dont_know";
}

/** Picks the scorers' inputs so that extra fields on a case row never leak into a result. */
export function nmsFindingsOf(fields: TCaseClinicalFields): TNmsFindings {
  return {
    dopamineBlockerExposure: fields.dopamineBlockerExposure,
    maxTempC: fields.maxTempC,
    rigidity: fields.rigidity,
    mentalStatusChange: fields.mentalStatusChange,
    ckMax: fields.ckMax,
    ckUln: fields.ckUln,
    wbc: fields.wbc,
    bpLability: fields.bpLability,
    tachycardia: fields.tachycardia,
    tachypnoea: fields.tachypnoea,
    diaphoresis: fields.diaphoresis,
    incontinence: fields.incontinence,
    tremor: fields.tremor,
    negativeWorkup: fields.negativeWorkup,
  };
}

/**
 * Naranjo answers from case fields, item by item. "Don't know" and "no" both score 0 on the
 * items without a negative weight, so we answer "no" only when the report says so.
 */
export function naranjoAnswersOf(fields: TCaseClinicalFields): TNaranjoAnswers {
  const objectiveEvidence =
    ckElevationStatus(fields.ckMax, fields.ckUln, 4, true) === "met" || hyperthermiaStatus(fields.maxTempC) === "met";
  return {
    // Q1: NMS after antidopaminergic drugs or dopaminergic withdrawal is conclusively
    // documented; for any other drug we cannot say.
    previousReports: fields.dopamineBlockerExposure === true ? "yes" : "dont_know",
    // Q2: timing as the caller derived it from drug start and onset dates.
    appearedAfterDrug: yesNoUnknown(fields.onsetAfterDrugStart),
    // Q3: only meaningful when the drug was actually stopped (dechallenge).
    improvedOnWithdrawal: fields.drugStopped === true ? yesNoUnknown(fields.improvedAfterStop) : "dont_know",
    // Q4: only meaningful when the drug was given again; "no" recurrence scores −1.
    reappearedOnRechallenge: fields.rechallenge === true ? yesNoUnknown(fields.rechallengeRecurred) : "dont_know",
    // Q5 is reversed: a negative work-up means no alternative cause ("no", +2); a work-up
    // that found something means there is one ("yes", −1).
    alternativeCauses: fields.negativeWorkup === true ? "no" : fields.negativeWorkup === false ? "yes" : "dont_know",
    // Q6 placebo, Q7 toxic drug level, Q9 earlier similar reaction: not recorded on a case.
    placeboReaction: "dont_know",
    toxicConcentration: "dont_know",
    previousSimilarReaction: "dont_know",
    // Q8: rapid dose escalation before onset is the closest recorded sign of dose response;
    // its absence does not show the reaction was dose-independent, so no "no".
    doseResponse: fields.rapidDoseEscalation === true ? "yes" : "dont_know",
    // Q10: a measured CK ≥ 4 × ULN or temperature > 38.0 °C is objective evidence.
    objectiveEvidence: objectiveEvidence ? "yes" : "dont_know",
  };
}

export function scoreCase(fields: TCaseClinicalFields): TCaseScores {
  const findings = nmsFindingsOf(fields);
  return {
    consensus: scoreConsensus2011(findings),
    levenson: scoreLevenson1985(findings),
    dsm5: scoreDsm5(findings),
    naranjo: naranjoScore(naranjoAnswersOf(fields)),
  };
}
