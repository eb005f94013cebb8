// Direct age standardisation with the Fay–Feuer gamma interval, and the WHO World Standard
// Population collapsed to the app's age bands, so incidence compares across populations.
import type { AgeBand } from "@/lib/domain/vocabulary";
import { assertCount, assertLevel, assertNonNegative, gammaQuantile } from "./distributions";

export interface StandardisationStratum {
  events: number;
  personYears: number;
  /** Standard population (any scale — weights are normalised to sum to 1). */
  standardWeight: number;
}

export interface StandardisedRate {
  per100k: number;
  lower: number;
  upper: number;
  crudePer100k: number;
  events: number;
  personYears: number;
}

export type KnownAgeBand = Exclude<AgeBand, "unknown">;

/**
 * WHO World Standard Population 2000–2025, per 100,000, in 5-year bands 0–4 … 95–99 and
 * 100+ (Ahmad OB, Boschi-Pinto C, Lopez AD, et al. Age standardization of rates: a new WHO
 * standard. GPE Discussion Paper Series No. 31, WHO, 2001, Table 4). The published rounded
 * weights sum to 100,035, not 100,000; they are kept as printed since weights are normalised.
 */
export const WHO_WORLD_STANDARD_2000_2025: readonly { fromAge: number; weight: number }[] = [
  8860, 8690, 8600, 8470, 8220, 7930, 7610, 7150, 6590, 6040, 5370, 4550, 3720, 2960, 2210, 1520, 910, 440, 150, 40, 5,
].map((weight, index) => ({ fromAge: index * 5, weight }));

const AGE_BAND_STARTS: readonly [KnownAgeBand, number][] = [
  ["0-17", 0],
  ["18-39", 18],
  ["40-64", 40],
  ["65+", 65],
];

/**
 * Sums 5-year standard weights into the app's bands. A band that straddles a cut (15–19
 * around 18) is split by years, assuming ages are uniform within it — 3/5 to 0-17, 2/5 to
 * 18-39 — the usual convention when single-year weights are not used.
 */
export function collapseStandardToAgeBands(bands: readonly { fromAge: number; weight: number }[]): Record<KnownAgeBand, number> {
  const totals: Record<KnownAgeBand, number> = { "0-17": 0, "18-39": 0, "40-64": 0, "65+": 0 };
  for (const { fromAge, weight } of bands) {
    const toAge = fromAge + 5;
    AGE_BAND_STARTS.forEach(([key, start], i) => {
      const end = AGE_BAND_STARTS[i + 1]?.[1] ?? Infinity;
      const overlap = Math.min(toAge, end) - Math.max(fromAge, start);
      if (overlap > 0) totals[key] += (weight * overlap) / 5;
    });
  }
  return totals;
}

/** The WHO standard on the app's bands: 31,232 / 34,298 / 26,270 / 8,235 (of 100,035). */
export const WHO_STANDARD_BY_AGE_BAND: Readonly<Record<KnownAgeBand, number>> = collapseStandardToAgeBands(WHO_WORLD_STANDARD_2000_2025);

/**
 * Directly standardised rate per 100,000 person-years, Σ wᵢ·eᵢ/PYᵢ with wᵢ normalised,
 * and the Fay & Feuer (1997, Stat Med 16:791) gamma interval exactly as R's
 * epitools::ageadjust.direct computes it: lower = qgamma(α/2, dsr²/v, scale v/dsr),
 * upper = qgamma(1 − α/2, (dsr+wm)²/(v+wm²), scale (v+wm²)/(dsr+wm)), where
 * v = Σ wᵢ²·eᵢ/PYᵢ² and wm = max wᵢ/PYᵢ.
 *
 * Edge cases:
 * - no strata, or all standard weights 0 → null.
 * - a stratum with a positive weight but zero person-time → null: its rate is unknown and
 *   dropping it would silently change the standard.
 * - strata with weight 0 add nothing to the rate (but count in the crude rate).
 * - zero events everywhere → rate 0, lower 0 (Fay–Feuer's limit; epitools gives NaN),
 *   finite upper from wm alone.
 * Throws RangeError naming the argument for a bad count, negative or non-finite
 * personYears/standardWeight, or a level outside (0, 1).
 */
export function directlyStandardisedRate(strata: readonly StandardisationStratum[], level = 0.95): StandardisedRate | null {
  assertLevel("level", level);
  strata.forEach(({ events, personYears, standardWeight }, i) => {
    assertCount(`strata[${i}].events`, events);
    assertNonNegative(`strata[${i}].personYears`, personYears);
    assertNonNegative(`strata[${i}].standardWeight`, standardWeight);
  });
  const totalWeight = strata.reduce((sum, s) => sum + s.standardWeight, 0);
  if (totalWeight === 0) return null;
  const weighted = strata.filter((s) => s.standardWeight > 0);
  if (weighted.some((s) => s.personYears === 0)) return null;

  let rate = 0;
  let variance = 0;
  let maxWeightPerPersonYear = 0;
  for (const { events, personYears, standardWeight } of weighted) {
    const w = standardWeight / totalWeight;
    rate += (w * events) / personYears;
    variance += (w * w * events) / (personYears * personYears);
    maxWeightPerPersonYear = Math.max(maxWeightPerPersonYear, w / personYears);
  }
  const tail = (1 - level) / 2;
  const wm = maxWeightPerPersonYear;
  const lower = rate === 0 ? 0 : gammaQuantile(tail, (rate * rate) / variance, variance / rate);
  const upperShape = ((rate + wm) * (rate + wm)) / (variance + wm * wm);
  const upper = gammaQuantile(1 - tail, upperShape, (variance + wm * wm) / (rate + wm));
  const events = strata.reduce((sum, s) => sum + s.events, 0);
  const personYears = strata.reduce((sum, s) => sum + s.personYears, 0);
  return {
    per100k: rate * 1e5,
    lower: lower * 1e5,
    upper: upper * 1e5,
    crudePer100k: (events / personYears) * 1e5, // > 0: a weighted stratum has person-time
    events,
    personYears,
  };
}
