// The clinical half of a synthetic case: findings, complications, treatments, outcome and a
// narrative, with the dependencies that matter for analysis (CK → rhabdomyolysis → AKI → death).
import { OUTCOME_LABELS, type DrugClass, type Outcome, type Sex } from "@/lib/domain/vocabulary";
import type { TSuspect } from "./seed-drug";
import * as dist from "./distributions";
import { type Prng, weighted } from "./prng";

export type TClinicalContext = {
  onsetYear: number;
  primaryClass: DrugClass;
  sex: Sex;
  age: dist.TAgeDraw;
  suspects: readonly TSuspect[];
  lithium: boolean;
};

/** Most laboratories quote a CK upper limit of about 200 U/L; a few use their own. */
const CK_ULN_TABLE = weighted([
  [200, 80],
  [170, 8],
  [190, 5],
  [250, 4],
  [300, 3],
] as const);
const WEIGHT_BY_SEX: Record<Sex, { mean: number; sd: number }> = {
  male: { mean: 80, sd: 15 },
  female: { mean: 67, sd: 14 },
  unknown: { mean: 74, sd: 16 },
};

const round1 = (x: number): number => Math.round(x * 10) / 10;

type TIndependentField = (typeof dist.INDEPENDENT_TRI_STATES)[number][0];

export function buildClinical(prng: Prng, ctx: TClinicalContext) {
  const { ageYears } = ctx.age;
  const weightShape = ageYears !== null && ageYears < 18 ? { mean: 55, sd: 12 } : WEIGHT_BY_SEX[ctx.sex];
  const weightKg = prng.bernoulli(0.45) ? null : round1(prng.truncatedNormal(weightShape.mean, weightShape.sd, 30, 180));
  // Brief: temperature ~N(39.2, 0.9) (so some 37.x, below the consensus 38 °C); CK log-normal,
  // median ~1800 U/L and wide; WBC ~N(13, 4). Each sometimes unreported.
  const maxTempC = prng.bernoulli(0.06) ? null : round1(prng.truncatedNormal(39.2, 0.9, 36, 43.5));
  const ckMax = prng.bernoulli(0.1) ? null : Math.round(Math.min(400_000, Math.max(40, prng.lognormal(1800, 1.3))));
  const ckUln = ckMax === null ? null : prng.weightedPick(CK_ULN_TABLE);
  const wbc = prng.bernoulli(0.15) ? null : round1(prng.truncatedNormal(13, 4, 2, 45));

  const flags = {} as Record<TIndependentField, boolean | null>;
  for (const [field, unknownRate, yesRate] of dist.INDEPENDENT_TRI_STATES) flags[field] = dist.triState(prng, unknownRate, yesRate);

  // Overview: rhabdomyolysis from muscle breakdown (so with CK), and myoglobin "can result in kidney damage".
  const rhabdoRate = ckMax === null ? 0.3 : ckMax > 10_000 ? 0.8 : ckMax > 3_000 ? 0.4 : 0.1;
  const rhabdomyolysis = dist.triState(prng, ckMax === null ? 0.3 : 0.12, rhabdoRate);
  const acuteKidneyInjury = dist.triState(prng, 0.2, rhabdomyolysis ? 0.4 : 0.12);
  const hyperkalaemia = dist.triState(prng, 0.3, acuteKidneyInjury ? 0.35 : 0.07);
  const organInjury = rhabdomyolysis === true || acuteKidneyInjury === true;

  const escalated = ctx.suspects.some((s) => s.drug.doseChange === "increased");
  const fertileFemale = ctx.sex === "female" && ageYears !== null && ageYears >= 16 && ageYears <= 45;
  const risk = {
    lewyBodyDementia: ctx.age.elderlyComponent ? dist.triState(prng, 0.4, 0.3) : dist.triState(prng, 0.5, 0.01),
    // Overview: "postpartum women may be at a greater risk".
    postpartum: fertileFemale ? dist.triState(prng, 0.5, 0.05) : ctx.sex === "male" ? false : null,
    // Known from the drug list, as are depot form and potency.
    lithiumCoMedication: ctx.lithium,
    depotFormulation: ctx.suspects.some((s) => s.drug.formulation === "depot"),
    rapidDoseEscalation: escalated ? dist.triState(prng, 0.2, 0.7) : dist.triState(prng, 0.4, 0.1),
    highPotencyAgent: ctx.suspects.some((s) => s.entry.potency === "high"),
  };
  // Stopping the trigger makes no sense when the trigger was stopping a dopaminergic drug.
  const drugStopped = ctx.primaryClass === "dopaminergic_withdrawal" ? null : dist.triState(prng, 0.03, 0.95);
  const eegSlowing = prng.bernoulli(dist.EEG_DONE_RATE) ? prng.bernoulli(dist.EEG_SLOWING_RATE) : null;

  const outcome = prng.bernoulli(dist.UNKNOWN_OUTCOME_RATE)
    ? "unknown"
    : prng.bernoulli(dist.fatalityRisk(ctx.onsetYear, ageYears, organInjury))
      ? "fatal"
      : prng.weightedPick(dist.NON_FATAL_OUTCOME_TABLE);
  const durationDays = dist.sampleDurationDays(prng);
  // Overview: re-introduction "may also trigger a recurrence, although in most cases it does not".
  const rechallenge = outcome === "fatal" ? null : dist.triState(prng, 0.6, 0.12);
  const rechallengeRecurred = rechallenge === true ? dist.triState(prng, 0.1, 0.3) : null;

  return {
    weightKg,
    ...risk,
    dehydration: flags.dehydration,
    agitation: flags.agitation,
    catatonia: flags.catatonia,
    maxTempC,
    ckMax,
    ckUln,
    wbc,
    rigidity: flags.rigidity,
    mentalStatusChange: flags.mentalStatusChange,
    bpLability: flags.bpLability,
    tachycardia: flags.tachycardia,
    tachypnoea: flags.tachypnoea,
    diaphoresis: flags.diaphoresis,
    incontinence: flags.incontinence,
    tremor: flags.tremor,
    eegSlowing,
    negativeWorkup: flags.negativeWorkup,
    rhabdomyolysis,
    hyperkalaemia,
    acuteKidneyInjury,
    seizures: flags.seizures,
    drugStopped,
    cooling: flags.cooling,
    dantrolene: flags.dantrolene,
    bromocriptine: flags.bromocriptine,
    amantadine: flags.amantadine,
    benzodiazepine: flags.benzodiazepine,
    ect: flags.ect,
    icu: flags.icu,
    outcome,
    durationDays,
    rechallenge,
    rechallengeRecurred,
    narrative: narrativeOf(ctx, maxTempC, outcome),
  } as const;
}

const SEX_NOUN: Record<Sex, string> = { male: "male patient", female: "female patient", unknown: "patient" };

/** One generated sentence; it names no person, place or institution (synthetic data only). */
function narrativeOf(ctx: TClinicalContext, maxTempC: number | null, outcome: Outcome): string {
  const { ageYears } = ctx.age;
  const article = ageYears !== null && (ageYears === 18 || ageYears === 11 || (ageYears >= 80 && ageYears < 90)) ? "An" : "A";
  const who = ageYears === null ? `A ${SEX_NOUN[ctx.sex]} of unreported age` : `${article} ${ageYears}-year-old ${SEX_NOUN[ctx.sex]}`;
  const first = ctx.suspects[0];
  const after = (days: number) => `${days} day${days === 1 ? "" : "s"} after`;
  const trigger = !first
    ? "an unreported drug"
    : first.drug.role === "withdrawn"
      ? `${after(first.latencyDays)} ${first.drug.doseChange === "stopped" ? "stopping" : "reducing"} ${first.entry.displayName}`
      : `${after(first.latencyDays)} starting ${first.entry.displayName}${first.drug.formulation === "depot" ? " (depot)" : ""}`;
  const fever = maxTempC === null ? "temperature not reported" : `maximum temperature ${maxTempC.toFixed(1)} °C`;
  return `Synthetic demo report. ${who} developed suspected NMS ${trigger}; ${fever}. Outcome: ${OUTCOME_LABELS[outcome].toLowerCase()}.`;
}
