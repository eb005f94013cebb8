// The literature-shaped distributions behind the demo data, each citing its source: the
// published case series and reviews named beside each. Shared by cases and exposure.
import type { AgeBand, DrugClass, Outcome, ReporterType } from "@/lib/domain/vocabulary";
import { type Prng, weighted } from "./prng";

export const FIRST_ONSET_YEAR = 1995;
export const LAST_ONSET_YEAR = 2025;
export const ONSET_YEARS = Array.from({ length: LAST_ONSET_YEAR - FIRST_ONSET_YEAR + 1 }, (_, i) => FIRST_ONSET_YEAR + i);
/** Brief: "more recent years somewhat more reports" — weight rises linearly to 2.5× by 2025. */
export const onsetYearWeight = (year: number): number => 1 + 0.05 * (year - FIRST_ONSET_YEAR);
export const ONSET_YEAR_TABLE = weighted(ONSET_YEARS.map((year) => [year, onsetYearWeight(year)] as const));
/** Brief: received 0–120 days after onset; most reports arrive within weeks (median 20 days). */
export const RECEIVED_DELAY = { median: 20, sigma: 0.9, max: 120 } as const;

/** Brief: class mix weighted to first-generation; overview: "typical antipsychotics appear to
 * have a higher risk than atypicals", and dopaminergic withdrawal and antiemetics also cause NMS. */
export const CLASS_WEIGHTS: Readonly<Record<DrugClass, number>> = {
  first_generation: 0.4,
  second_generation: 0.35,
  antiemetic: 0.1,
  dopaminergic_withdrawal: 0.08,
  other_antidopaminergic: 0.07,
};
export const CLASS_TABLE = weighted(Object.entries(CLASS_WEIGHTS) as [DrugClass, number][]);
/** Brief: one suspect, sometimes two (≈12%), sometimes of the same class. */
export const SECOND_SUSPECT_RATE = 0.12;
export const SAME_CLASS_SECOND_RATE = 0.4;

/** Relative weight of each agent within its class, by catalogue name. Overview: "butyrophenones or
 * phenothiazines … greatest risk", "specifically … haloperidol", high potency is a risk factor;
 * the atypicals, metoclopramide, levodopa/pramipexole and tetrabenazine… are the ones it names. */
export const DRUG_WEIGHTS: Readonly<Record<string, number>> = {
  haloperidol: 12,
  fluphenazine: 7,
  chlorpromazine: 4,
  perphenazine: 2.5,
  trifluoperazine: 2,
  zuclopenthixol: 2,
  flupentixol: 2,
  levomepromazine: 1,
  sulpiride: 1,
  tiotixene: 1,
  pimozide: 1,
  thioridazine: 1,
  loxapine: 1,
  risperidone: 7,
  olanzapine: 6,
  quetiapine: 5,
  clozapine: 5,
  aripiprazole: 4,
  ziprasidone: 2,
  paliperidone: 2,
  amisulpride: 1.5,
  lurasidone: 1,
  asenapine: 0.8,
  cariprazine: 0.8,
  brexpiprazole: 0.8,
  metoclopramide: 7,
  prochlorperazine: 3,
  promethazine: 2,
  droperidol: 2,
  domperidone: 1,
  levodopa: 8,
  pramipexole: 2.5,
  ropinirole: 2,
  amantadine: 1.5,
  rotigotine: 1,
  bromocriptine: 0.7,
  tetrabenazine: 3,
  amoxapine: 2,
  reserpine: 1.5,
  deutetrabenazine: 1,
  desipramine: 1,
  dosulepin: 1,
  phenelzine: 1,
};
/** Agents not listed above are rarely reported: a small weight, more for high potency (a risk factor). */
export const POTENCY_DEFAULT_WEIGHT = { high: 0.5, medium: 0.35, low: 0.25, none: 0.3 } as const;
/** Overview: "long-acting forms … increase the risk"; share of suspects given as depot, where one exists. */
export const DEPOT_RATE: Readonly<Record<DrugClass, number>> = {
  first_generation: 0.25,
  second_generation: 0.12,
  antiemetic: 0,
  dopaminergic_withdrawal: 0,
  other_antidopaminergic: 0,
};
/** Parenteral share of non-depot suspects (IM haloperidol for agitation; IV antiemetics). */
export const PARENTERAL_RATE: Readonly<Record<DrugClass, number>> = {
  first_generation: 0.3,
  second_generation: 0.05,
  antiemetic: 0.45,
  dopaminergic_withdrawal: 0,
  other_antidopaminergic: 0,
};
/** Brief: 0–3 concomitant drugs; lithium among them sometimes (overview: lithium co-medication raises risk). */
export const CONCOMITANT_COUNT_TABLE = weighted([
  [0, 35],
  [1, 30],
  [2, 22],
  [3, 13],
] as const);
export const LITHIUM_CONCOMITANT_RATE = 0.09;
export const LITHIUM = "lithium";
/** Usual co-medications of psychiatric and Parkinson's patients; none is an NMS trigger, so they
 * are not drawn from the catalogue and stay unmapped (kept verbatim) unless it lists them. */
export const CONCOMITANT_TABLE = weighted([
  ["lorazepam", 10],
  ["benztropine", 6],
  ["valproate", 7],
  ["sertraline", 5],
  ["clonazepam", 5],
  ["diazepam", 4],
  ["carbamazepine", 3],
  ["biperiden", 3],
  ["propranolol", 3],
  ["zolpidem", 2],
  ["mirtazapine", 3],
  ["paracetamol", 4],
] as const);

/** Overview: males more often affected, "male:female … as high as 2:1"; brief: male share ≈ 0.6. */
export const SEX_SHARES = { male: 0.6, female: 0.38, unknown: 0.02 } as const;
export const SEX_TABLE = weighted(Object.entries(SEX_SHARES) as [keyof typeof SEX_SHARES, number][]);
/** Brief: age missing in ≈15% ("many real reports lack it"). */
export const AGE_MISSING_RATE = 0.15;
/** Overview: "males, especially those under forty, are at greatest risk" → a young component; brief: normal 35 sd 14 clipped 12–95. */
export const YOUNG_AGE = { mean: 35, sd: 14, min: 12, max: 95 } as const;
/** Overview: Parkinson's disease (dopaminergic withdrawal) and dementia (Lewy body) patients → an elderly component. */
export const ELDERLY_AGE = { mean: 72, sd: 9, min: 45, max: 98 } as const;
/** Share of the elderly component by the primary suspect's class (brief: withdrawal and antiemetic cases). */
export const ELDERLY_SHARE: Readonly<Record<DrugClass, number>> = {
  first_generation: 0.08,
  second_generation: 0.1,
  antiemetic: 0.35,
  dopaminergic_withdrawal: 0.85,
  other_antidopaminergic: 0.15,
};

export type TAgeDraw = { ageYears: number | null; elderlyComponent: boolean };

export function sampleAge(prng: Prng, primaryClass: DrugClass): TAgeDraw {
  const elderlyComponent = prng.bernoulli(ELDERLY_SHARE[primaryClass]);
  const shape = elderlyComponent ? ELDERLY_AGE : YOUNG_AGE;
  const age = Math.round(prng.truncatedNormal(shape.mean, shape.sd, shape.min, shape.max));
  // Drawn even when missing so the missing rate does not shift the rest of the case's stream.
  return { ageYears: prng.bernoulli(AGE_MISSING_RATE) ? null : age, elderlyComponent };
}

/** Overview: "onset is often within a few weeks … but can occur at any time" → log-normal with a
 * median of 7 days (brief), plus an 8% "any time" component spread over two years. */
export function sampleLatencyDays(prng: Prng): number {
  if (prng.bernoulli(0.08)) return prng.int(30, 730);
  return Math.min(365, Math.max(0, Math.round(prng.lognormal(7, 1.0))));
}
/** Dopaminergic withdrawal: onset days after the stop or reduction (overview: "abruptly reduced"). */
export function sampleWithdrawalLagDays(prng: Prng): number {
  return Math.min(14, Math.max(0, Math.round(prng.lognormal(2, 0.7))));
}

/** Overview: "symptoms can last anywhere from eight hours to forty days"; brief: median 9 days.
 * Drawn in whole hours so the lower clip is exactly 8 hours (1/3 day). */
export function sampleDurationDays(prng: Prng): number {
  const hours = Math.round(prng.lognormal(9, 0.9) * 24);
  return Math.min(40 * 24, Math.max(8, hours)) / 24;
}

/** Overview: mortality "20%–38%" in earlier studies, "below 10%" by 2009; brief: a smooth fall from
 * ~20% in 1995 to ~6% by 2015, flat after (half-cosine, so no kink at either end). */
export function baseFatality(year: number): number {
  if (year >= 2015) return 0.06;
  const t = Math.max(0, (year - 1995) / 20);
  return 0.06 + (0.14 * (1 + Math.cos(Math.PI * t))) / 2;
}
/** Risk multipliers chosen so their case-mix average is ≈1, keeping baseFatality the population value. */
export function fatalityRisk(year: number, ageYears: number | null, organInjury: boolean): number {
  const ageFactor = ageYears !== null && ageYears >= 65 ? 1.7 : 0.85;
  return Math.min(0.9, baseFatality(year) * ageFactor * (organInjury ? 1.5 : 0.8));
}
/** Brief: outcome unknown in ≈12%; the non-fatal known outcomes split as below. */
export const UNKNOWN_OUTCOME_RATE = 0.12;
export const NON_FATAL_OUTCOME_TABLE = weighted<Outcome>([
  ["recovered", 0.6],
  ["recovered_with_sequelae", 0.13],
  ["recovering", 0.17],
  ["not_recovered", 0.1],
]);

/** Brief: countries weighted toward the large spontaneous-reporting systems. */
export const COUNTRY_TABLE = weighted([
  ["US", 30],
  ["JP", 12],
  ["GB", 10],
  ["DE", 9],
  ["FR", 8],
  ["CA", 6],
  ["AU", 5],
  ["IT", 5],
  ["ES", 4],
  ["IN", 4],
  ["BR", 4],
  ["NL", 3],
] as const);
export const REPORTER_TABLE = weighted<ReporterType>([
  ["physician", 55],
  ["other_health_professional", 17],
  ["consumer", 10],
  ["pharmacist", 8],
  ["unknown", 8],
  ["lawyer", 2],
]);

/** Brief: each tri-state field unknown (null) at a realistic 5–45%; "yes" rates are among the known.
 * Rigidity ~90%, mental status ~80%, dantrolene ~30%, bromocriptine ~25%, ICU ~50% are the brief's. */
export const INDEPENDENT_TRI_STATES = [
  ["dehydration", 0.35, 0.4],
  ["agitation", 0.25, 0.55],
  ["catatonia", 0.35, 0.18],
  ["rigidity", 0.05, 0.9],
  ["mentalStatusChange", 0.08, 0.8],
  ["bpLability", 0.3, 0.55],
  ["tachycardia", 0.2, 0.7],
  ["tachypnoea", 0.35, 0.45],
  ["diaphoresis", 0.3, 0.6],
  ["incontinence", 0.45, 0.25],
  ["tremor", 0.25, 0.5],
  ["negativeWorkup", 0.35, 0.75],
  ["seizures", 0.2, 0.08],
  ["cooling", 0.2, 0.65],
  ["dantrolene", 0.15, 0.3],
  ["bromocriptine", 0.15, 0.25],
  ["amantadine", 0.2, 0.08],
  ["benzodiazepine", 0.2, 0.45],
  ["ect", 0.25, 0.04],
  ["icu", 0.15, 0.5],
] as const;
/** Overview: "slowing on an EEG is reported in around 50% of cases"; most reports have no EEG. */
export const EEG_DONE_RATE = 0.2;
export const EEG_SLOWING_RATE = 0.5;

export function triState(prng: Prng, unknownRate: number, yesRate: number): boolean | null {
  const u = prng.next();
  if (u < unknownRate) return null;
  return (u - unknownRate) / (1 - unknownRate) < yesRate;
}

/** Target incidence per 100,000 person-years by class at the 2011 level. Overview: "about 15 per
 * 100,000 … per year" (2011, inpatients on neuroleptics) and typicals riskier than atypicals. */
export const TARGET_INCIDENCE_PER_100K: Readonly<Record<DrugClass, number>> = {
  first_generation: 14,
  second_generation: 5,
  antiemetic: 2,
  dopaminergic_withdrawal: 4,
  other_antidopaminergic: 3,
};
/** Overview: awareness and atypicals "have likely reduced" incidence: 1.3× in 1995 easing to 1× by 2011. */
export function incidenceTrend(year: number): number {
  return year >= 2011 ? 1 : 1 + (0.3 * (2011 - Math.max(1995, year))) / 16;
}
/** Mean years of exposure per exposed person (antiemetics are short courses), for `persons`. */
export const YEARS_PER_PERSON: Readonly<Record<DrugClass, number>> = {
  first_generation: 1.5,
  second_generation: 1.5,
  antiemetic: 0.1,
  dopaminergic_withdrawal: 3,
  other_antidopaminergic: 1,
};
export type TKnownAgeBand = Exclude<AgeBand, "unknown">;
