// Demo exposure denominators (person-years by year × drug class × sex × age band), sized from
// the same constants as the case factory so the demo's incidence lands in the literature range.
//
// The arithmetic. With N demo cases, the expected number attributed to class c in stratum
// (year y, sex s, age band a) is
//   E = N · P(y) · P(s | sex known) · Σ_k A(c, k) · P(a | primary k, age known)
// where P(y) is the onset-year weight, and A(c, k) = P(primary class k and c attributed):
//   A(c, c) = w_c;  A(c, k≠c) = w_k · P(second suspect) · P(other class) · w_c / (1 − w_k)
// (w = CLASS_WEIGHTS; a second suspect of another class is drawn from the other classes'
// renormalised weights). Person-years are then E / (rate_c · trend(y) / 100,000), so that
//   incidence = cases / person-years ≈ TARGET_INCIDENCE_PER_100K[c] · incidenceTrend(y),
// e.g. first-generation ≈ 14 and second-generation ≈ 5 per 100,000 person-years in 2011
// (overview: ~15 per 100,000 per year). Cases of unknown sex or age are spread over the
// strata like the known ones (P(s | known), P(a | known)), as a real population denominator
// would be: the class-level rate is then right, and stratum rates from known-age cases only
// read ≈15% low — the under-ascertainment a real database shows. Each row gets ±5% seeded
// noise so the denominators do not look manufactured. Person-years scale with N, so pass
// the case count actually seeded.
import { AGE_BANDS, DRUG_CLASSES, ageBandOf, type DrugClass } from "@/lib/domain/vocabulary";
import { DEFAULT_SEED } from "./case-factory";
import * as dist from "./distributions";
import { Prng } from "./prng";

export const EXPOSURE_SOURCE = "Synthetic demo exposure";
/** The demo's default case count (seed/write-demo-data DEFAULT_DEMO_CASES). */
export const DEFAULT_EXPOSURE_CASE_COUNT = 5_000;
const EXPOSURE_STREAM = 2;
const AGE_SAMPLE_STREAM = 3;
const AGE_SAMPLES_PER_CLASS = 40_000;
const KNOWN_AGE_BANDS = AGE_BANDS.filter((band): band is dist.TKnownAgeBand => band !== "unknown");
const KNOWN_SEXES = ["male", "female"] as const;

export type TSeedExposure = {
  year: number;
  drugClass: DrugClass;
  sex: (typeof KNOWN_SEXES)[number];
  ageBand: dist.TKnownAgeBand;
  personYears: number;
  /** null past the column's integer range (demo sizes beyond ≈ 4 million cases): the count is optional. */
  persons: number | null;
  source: string;
};

/** The largest value of the exposure table's `persons` column (a Postgres integer). */
const MAX_PERSONS = 2 ** 31 - 1;

/** A(c, k): probability that a case has primary class k and is attributed to class c. */
export function attributionWeight(attributed: DrugClass, primary: DrugClass): number {
  const w = dist.CLASS_WEIGHTS;
  if (attributed === primary) return w[primary];
  return w[primary] * dist.SECOND_SUSPECT_RATE * (1 - dist.SAME_CLASS_SECOND_RATE) * (w[attributed] / (1 - w[primary]));
}

/** Expected share of cases attributed to a class (shares sum past 1: a case may have two classes). */
export function attributedClassShare(attributed: DrugClass): number {
  return DRUG_CLASSES.reduce((sum, primary) => sum + attributionWeight(attributed, primary), 0);
}

/** P(age band | primary class, age known), by sampling the case factory's own age model. */
function ageBandShares(seed: number): Record<DrugClass, Record<dist.TKnownAgeBand, number>> {
  const shares = {} as Record<DrugClass, Record<dist.TKnownAgeBand, number>>;
  DRUG_CLASSES.forEach((primary, i) => {
    const prng = new Prng(seed, i, AGE_SAMPLE_STREAM);
    const counts: Record<dist.TKnownAgeBand, number> = { "0-17": 0, "18-39": 0, "40-64": 0, "65+": 0 };
    let known = 0;
    while (known < AGE_SAMPLES_PER_CLASS) {
      const { ageYears } = dist.sampleAge(prng, primary);
      if (ageYears === null) continue;
      counts[ageBandOf(ageYears) as dist.TKnownAgeBand] += 1;
      known += 1;
    }
    shares[primary] = counts;
    for (const band of KNOWN_AGE_BANDS) counts[band] /= known;
  });
  return shares;
}

export type TGenerateExposureOptions = { seed?: number; caseCount?: number };

/** One row per year 1995–2025 × class × male/female × known age band (1,240 rows). */
export function generateExposure({
  seed = DEFAULT_SEED,
  caseCount = DEFAULT_EXPOSURE_CASE_COUNT,
}: TGenerateExposureOptions = {}): TSeedExposure[] {
  if (!Number.isFinite(caseCount) || caseCount <= 0) throw new RangeError("caseCount must be a positive number");
  const bandShares = ageBandShares(seed);
  const yearTotal = dist.ONSET_YEARS.reduce((sum, year) => sum + dist.onsetYearWeight(year), 0);
  const knownSexTotal = dist.SEX_SHARES.male + dist.SEX_SHARES.female;
  const noise = new Prng(seed, 0, EXPOSURE_STREAM);
  const rows: TSeedExposure[] = [];
  for (const year of dist.ONSET_YEARS) {
    const yearCases = caseCount * (dist.onsetYearWeight(year) / yearTotal);
    for (const drugClass of DRUG_CLASSES) {
      const ratePerPersonYear = (dist.TARGET_INCIDENCE_PER_100K[drugClass] * dist.incidenceTrend(year)) / 100_000;
      for (const sex of KNOWN_SEXES) {
        for (const ageBand of KNOWN_AGE_BANDS) {
          const bandWeight = DRUG_CLASSES.reduce(
            (sum, primary) => sum + attributionWeight(drugClass, primary) * bandShares[primary][ageBand],
            0,
          );
          const expectedCases = yearCases * (dist.SEX_SHARES[sex] / knownSexTotal) * bandWeight;
          const personYears = Math.max(1, Math.round((expectedCases / ratePerPersonYear) * noise.lognormal(1, 0.05)));
          const persons = Math.max(1, Math.round(personYears / dist.YEARS_PER_PERSON[drugClass]));
          // A synthetic population that large says nothing more; person-years (a float) carry the rates.
          rows.push({
            year,
            drugClass,
            sex,
            ageBand,
            personYears,
            persons: persons > MAX_PERSONS ? null : persons,
            source: EXPOSURE_SOURCE,
          });
        }
      }
    }
  }
  return rows;
}
