// Builds one synthetic NMS case report from (seed, index) alone — no database, no clock — so a
// case is the same whatever batch produced it, and millions stream through in flat memory.
import type { TCaseInput } from "@/lib/domain/case-schema";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { type DrugClass, type Formulation, DRUG_CLASSES } from "@/lib/domain/vocabulary";
import * as dist from "./distributions";
import { buildClinical } from "./clinical-factory";
import { Prng, type TWeighted, weighted } from "./prng";
import type { TCatalogueDrug, TDoseChange, TSeedDrug, TSuspect } from "./seed-drug";

export const DEFAULT_SEED = 20261124;
/** PRNG stream of case generation (the exposure factory uses another). */
const CASE_STREAM = 1;

/** A generated case: a TCaseInput with the fields the seed always fills made non-optional. */
export type TSeedCase = Omit<TCaseInput, "drugs"> & {
  source: "manual";
  sourceId: string;
  receivedDate: string;
  onsetDate: string;
  drugs: TSeedDrug[];
};
// Compile-time proof that a generated case has the case-input shape (fails typecheck if they drift).
const _isCaseInput = (seedCase: TSeedCase): TCaseInput => seedCase;

/** The demo's own source ids, so demo cases are recognisable and re-seeding is idempotent. */
export const demoSourceId = (index: number): string => `DEMO-${String(index).padStart(8, "0")}`;

const POOLS = buildPools();
/** For a second suspect of another class: the class mix without the primary class. */
const OTHER_CLASS_TABLES = Object.fromEntries(
  DRUG_CLASSES.map((primary) => [
    primary,
    weighted(DRUG_CLASSES.filter((c) => c !== primary).map((c) => [c, dist.CLASS_WEIGHTS[c]] as const)),
  ]),
) as Record<DrugClass, TWeighted<DrugClass>>;
const SUSPECT_DOSE_CHANGE = weighted<TDoseChange | null>([
  ["started", 45],
  ["increased", 30],
  ["unchanged", 15],
  [null, 10],
]);

function buildPools(): Record<DrugClass, TWeighted<TCatalogueDrug>> {
  const entries = new Map<DrugClass, [TCatalogueDrug, number][]>(DRUG_CLASSES.map((c) => [c, []]));
  for (const drug of DRUG_CATALOGUE) {
    const weight = dist.DRUG_WEIGHTS[drug.name] ?? dist.POTENCY_DEFAULT_WEIGHT[drug.potency ?? "none"];
    entries.get(drug.drugClass)?.push([drug, weight]);
  }
  return Object.fromEntries([...entries].map(([c, list]) => [c, weighted(list)])) as Record<DrugClass, TWeighted<TCatalogueDrug>>;
}

/** Days since 1970-01-01 (UTC) of a calendar date; Date.UTC allocates nothing. */
export const dayNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / 86_400_000;
/** ISO date of a day number, memoised: a case needs ~5 dates and the range is ~40 years. */
const isoCache = new Map<number, string>();
export function isoDate(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** A suspect drug; a dopaminergic agent is instead `withdrawn` (overview: NMS when it is "abruptly reduced"). */
function suspectOf(prng: Prng, drugClass: DrugClass, onsetDay: number): TSuspect {
  const entry = prng.weightedPick(POOLS[drugClass]);
  if (drugClass === "dopaminergic_withdrawal") {
    const lag = dist.sampleWithdrawalLagDays(prng);
    const yearsOnDrug = prng.int(365, 15 * 365); // long-standing Parkinson's treatment
    const drug: TSeedDrug = {
      name: entry.name,
      role: "withdrawn",
      formulation: "oral",
      startDate: isoDate(onsetDay - lag - yearsOnDrug),
      doseChange: prng.bernoulli(0.6) ? "stopped" : "decreased",
      doseChangeDate: isoDate(onsetDay - lag),
    };
    return { drug, entry, latencyDays: lag };
  }
  const depot = entry.depotForms.length > 0 && prng.bernoulli(dist.DEPOT_RATE[drugClass]);
  const formulation: Formulation = depot ? "depot" : prng.bernoulli(dist.PARENTERAL_RATE[drugClass]) ? "parenteral" : "oral";
  const latencyDays = dist.sampleLatencyDays(prng);
  const startDay = onsetDay - latencyDays;
  const doseChange = prng.weightedPick(SUSPECT_DOSE_CHANGE);
  const changeDay =
    doseChange === "started" ? startDay : doseChange === "increased" ? onsetDay - Math.min(latencyDays, prng.int(0, 7)) : null;
  const drug: TSeedDrug = {
    name: entry.name,
    role: "suspect",
    formulation,
    startDate: isoDate(startDay),
    doseChange,
    doseChangeDate: changeDay === null ? null : isoDate(changeDay),
  };
  return { drug, entry, latencyDays };
}

function suspectsOf(prng: Prng, primaryClass: DrugClass, onsetDay: number): TSuspect[] {
  const first = suspectOf(prng, primaryClass, onsetDay);
  if (!prng.bernoulli(dist.SECOND_SUSPECT_RATE)) return [first];
  const secondClass = prng.bernoulli(dist.SAME_CLASS_SECOND_RATE) ? primaryClass : prng.weightedPick(OTHER_CLASS_TABLES[primaryClass]);
  // A few tries for a different agent; a class with a single agent keeps one suspect.
  for (let attempt = 0; attempt < 4; attempt++) {
    const second = suspectOf(prng, secondClass, onsetDay);
    if (second.entry.name !== first.entry.name) return [first, second];
  }
  return [first];
}

function concomitantsOf(prng: Prng, onsetDay: number): { drugs: TSeedDrug[]; lithium: boolean } {
  const lithium = prng.bernoulli(dist.LITHIUM_CONCOMITANT_RATE);
  const count = Math.max(prng.weightedPick(dist.CONCOMITANT_COUNT_TABLE), lithium ? 1 : 0);
  const names = new Set<string>(lithium ? [dist.LITHIUM] : []);
  for (let attempt = 0; names.size < count && attempt < 8; attempt++) names.add(prng.weightedPick(dist.CONCOMITANT_TABLE));
  const drugs = [...names].map((name): TSeedDrug => ({
    name,
    role: "concomitant",
    formulation: "oral",
    startDate: isoDate(onsetDay - prng.int(14, 1500)),
    doseChange: prng.bernoulli(0.7) ? "unchanged" : null,
    doseChangeDate: null,
  }));
  return { drugs, lithium };
}

/** The case at `index` of the demo data set drawn with `seed`. */
export function buildCase(index: number, seed: number = DEFAULT_SEED): TSeedCase {
  const prng = new Prng(seed, index, CASE_STREAM);
  const onsetYear = prng.weightedPick(dist.ONSET_YEAR_TABLE);
  const yearStart = dayNumber(onsetYear, 1, 1);
  const onsetDay = prng.int(yearStart, dayNumber(onsetYear + 1, 1, 1) - 1);
  const receivedDelay = Math.min(
    dist.RECEIVED_DELAY.max,
    Math.round(prng.lognormal(dist.RECEIVED_DELAY.median, dist.RECEIVED_DELAY.sigma)),
  );
  const country = prng.weightedPick(dist.COUNTRY_TABLE);
  const reporterType = prng.weightedPick(dist.REPORTER_TABLE);
  const primaryClass = prng.weightedPick(dist.CLASS_TABLE);
  const sex = prng.weightedPick(dist.SEX_TABLE);
  const age = dist.sampleAge(prng, primaryClass);
  const suspects = suspectsOf(prng, primaryClass, onsetDay);
  const concomitants = concomitantsOf(prng, onsetDay);
  const clinical = buildClinical(prng, { onsetYear, primaryClass, sex, age, suspects, lithium: concomitants.lithium });
  return {
    source: "manual",
    sourceId: demoSourceId(index),
    receivedDate: isoDate(onsetDay + receivedDelay),
    onsetDate: isoDate(onsetDay),
    country,
    reporterType,
    sex,
    ageYears: age.ageYears,
    onsetUnknown: false,
    ...clinical,
    // Seriousness follows from the generated course (no draw, so the other fields stay as seeded):
    // NMS is treated in hospital; death and intensive care are the death and life-threatening criteria.
    seriousDeath: clinical.outcome === "fatal",
    seriousLifeThreatening: clinical.icu ?? null,
    seriousHospitalisation: true,
    drugs: [...suspects.map((s) => s.drug), ...concomitants.drugs],
  };
}

export type TGenerateCasesOptions = { count: number; seed?: number; startIndex?: number };

/** Streams `count` cases from `startIndex`: nothing is held between yields (flat memory). */
export function* generateCases({
  count,
  seed = DEFAULT_SEED,
  startIndex = 0,
}: TGenerateCasesOptions): Generator<TSeedCase, void, undefined> {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count must be a whole number ≥ 0");
  if (!Number.isSafeInteger(startIndex) || startIndex < 0) throw new RangeError("startIndex must be a whole number ≥ 0");
  for (let i = 0; i < count; i++) yield buildCase(startIndex + i, seed);
}
