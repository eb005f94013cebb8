// A labelled data set for the duplicate matcher (docs/duplicates.md, "Measured quality"): distinct
// patients from the demo factory, duplicate reports of some of them perturbed the way real ones
// are, and hard negatives — other patients with the same drug, sex, country and onset year.
// Deterministic from (seed, options); each case carries its patient id as the truth.
import type { TCaseInput } from "@/lib/domain/case-schema";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { MATCH_FLAGS } from "@/lib/stats/record-linkage";
import { buildCase, dayNumber, isoDate } from "./case-factory";
import { Prng } from "./prng";

export type TLabelledCase = { input: TCaseInput; patient: number };
export type TLabelledOptions = { patients: number; groups: number; hardNegatives: number; seed?: number };

const STREAM = 7;
const OTHER_SOURCES = ["faers", "e2b", "csv", "openfda"] as const;
const BRANDS = new Map(DRUG_CATALOGUE.map((d) => [d.name, d.brands]));
const OUTCOME_DRIFT: Record<string, string> = {
  recovering: "recovered",
  recovered: "recovered_with_sequelae",
  not_recovered: "recovering",
  fatal: "fatal",
};

const dayOfIso = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** A letter swap in a name: "haloperidol" → "haloepridol" (usually no longer in the catalogue). */
function typo(prng: Prng, name: string): string {
  if (name.length < 4) return name;
  const at = prng.int(1, name.length - 3);
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

/** Another report of the same episode: new source and id, fields perturbed or left out. */
function duplicateOf(prng: Prng, base: TCaseInput, tag: string): TCaseInput {
  const copy: TCaseInput = { ...base, drugs: base.drugs.map((d) => ({ ...d })) };
  copy.source = prng.pick(OTHER_SOURCES);
  copy.sourceId = `DUP-${tag}`;
  copy.narrative = base.narrative ? `Follow-up report. ${base.narrative.split(". ").reverse().join(". ")}` : null;
  // Drugs: brand names, a typo, a dropped drug.
  for (const drug of copy.drugs) {
    const brands = BRANDS.get(drug.name) ?? [];
    if (brands.length && prng.bernoulli(0.3)) drug.name = prng.pick(brands);
    else if (prng.bernoulli(0.06)) drug.name = typo(prng, drug.name);
    if (prng.bernoulli(0.3)) drug.startDate = null;
  }
  if (copy.drugs.length > 1 && prng.bernoulli(0.25)) copy.drugs.splice(prng.int(0, copy.drugs.length - 1), 1);
  // Age ±1 year or missing.
  if (copy.ageYears != null) {
    if (prng.bernoulli(0.15)) copy.ageYears = null;
    else if (prng.bernoulli(0.2)) copy.ageYears = Math.max(0, Math.round(copy.ageYears) + prng.pick([-1, 1]));
  }
  // Onset shifted, only the month known (the 1st), or missing.
  if (copy.onsetDate) {
    const day = dayOfIso(copy.onsetDate);
    const roll = prng.next();
    if (roll < 0.15) copy.onsetDate = isoDate(day + prng.pick([-3, -2, -1, 1, 2, 3, 5]));
    else if (roll < 0.3) copy.onsetDate = `${copy.onsetDate.slice(0, 7)}-01`;
    else if (roll < 0.38) copy.onsetDate = null;
  }
  if (prng.bernoulli(0.05)) copy.sex = "unknown";
  if (prng.bernoulli(0.1)) copy.country = null;
  if (prng.bernoulli(0.25))
    copy.outcome = prng.bernoulli(0.5) ? "unknown" : ((OUTCOME_DRIFT[copy.outcome] ?? copy.outcome) as TCaseInput["outcome"]);
  if (prng.bernoulli(0.4)) copy.reporterType = prng.pick(["physician", "pharmacist", "consumer", "other_health_professional"] as const);
  for (const flag of MATCH_FLAGS) {
    if (prng.bernoulli(0.25)) copy[flag] = null;
    else if (copy[flag] != null && prng.bernoulli(0.02)) copy[flag] = !copy[flag];
  }
  if (copy.maxTempC != null && prng.bernoulli(0.3)) copy.maxTempC = prng.bernoulli(0.5) ? null : Math.round(copy.maxTempC * 2) / 2;
  if (copy.ckMax != null && prng.bernoulli(0.4)) copy.ckMax = null;
  if (copy.receivedDate) {
    const received = dayOfIso(copy.receivedDate) + prng.int(0, 90);
    copy.receivedDate = isoDate(Math.min(received, dayOfIso(new Date().toISOString().slice(0, 10))));
  }
  if (copy.onsetDate && copy.receivedDate && copy.onsetDate > copy.receivedDate) copy.receivedDate = copy.onsetDate;
  return copy;
}

/** Another patient made to look like `like`: same suspect drugs, sex, country and onset year. */
function hardNegative(prng: Prng, like: TCaseInput, other: TCaseInput, tag: string): TCaseInput {
  const year = Number((like.onsetDate ?? "2015").slice(0, 4));
  const onset = prng.int(dayNumber(year, 1, 1), dayNumber(year, 12, 31));
  const delay = other.onsetDate && other.receivedDate ? dayOfIso(other.receivedDate) - dayOfIso(other.onsetDate) : 20;
  return {
    ...other,
    sourceId: `NEG-${tag}`,
    sex: like.sex,
    country: like.country,
    onsetDate: isoDate(onset),
    receivedDate: isoDate(onset + delay),
    drugs: [
      ...like.drugs.filter((d) => d.role !== "concomitant").map((d) => ({ ...d })),
      ...other.drugs.filter((d) => d.role === "concomitant"),
    ],
  };
}

/**
 * `patients` distinct patients (one report each), of which `groups` get one or two more reports
 * (a third of groups have three reports), plus `hardNegatives` look-alike patients.
 */
export function generateLabelledCases({ patients, groups, hardNegatives, seed = 15 }: TLabelledOptions): TLabelledCase[] {
  if (groups > patients || hardNegatives > patients) throw new RangeError("groups and hard negatives need as many patients");
  const prng = new Prng(seed, 0, STREAM);
  const out: TLabelledCase[] = [];
  for (let p = 0; p < patients; p++) out.push({ input: { ...buildCase(p, seed), sourceId: `PAT-${p}` }, patient: p });
  const step = patients / groups;
  for (let g = 0; g < groups; g++) {
    const p = Math.floor(g * step);
    const base = out[p]!.input;
    const copies = prng.bernoulli(1 / 3) ? 2 : 1;
    for (let k = 0; k < copies; k++) out.push({ input: duplicateOf(prng, base, `${p}-${k}`), patient: p });
  }
  for (let n = 0; n < hardNegatives; n++) {
    const like = out[prng.int(0, patients - 1)]!.input;
    out.push({ input: hardNegative(prng, like, buildCase(patients + n, seed), String(n)), patient: patients + n });
  }
  return out;
}
