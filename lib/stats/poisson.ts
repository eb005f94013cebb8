// Exact (Garwood) intervals for Poisson counts and incidence rates per person-time,
// matching R's poisson.test; the exposure-based incidence and reporting rates (docs/epidemiology.md).
import { assertCount, assertLevel, assertNonNegative, gammaQuantile } from "./distributions";

export interface CountInterval {
  lower: number;
  upper: number;
}

export interface IncidenceRate {
  /** Events per `per` person-years (per 100,000 unless the caller chose another scale). */
  per100k: number;
  lower: number;
  upper: number;
  personYears: number;
  events: number;
}

/**
 * Garwood (1936) exact two-sided interval for the mean of a Poisson count, from gamma
 * quantiles: [qgamma(α/2, count), qgamma(1 − α/2, count + 1)] — the chi-square form
 * χ²(2k)/2 written with gamma quantiles, as R's poisson.test computes it.
 *
 * Edge cases: count = 0 → lower is exactly 0 (gamma with shape 0 is degenerate at 0) and
 * upper is −ln(α/2) ≈ 3.689 at 95%. Throws RangeError naming `count` for a negative or
 * non-integer count, and `level` outside (0, 1).
 */
export function garwoodInterval(count: number, level = 0.95): CountInterval {
  assertCount("count", count);
  assertLevel("level", level);
  const tail = (1 - level) / 2;
  return {
    lower: count === 0 ? 0 : gammaQuantile(tail, count),
    upper: gammaQuantile(1 - tail, count + 1),
  };
}

/**
 * Incidence rate = events / personYears × per, with the Garwood interval scaled the same way.
 *
 * Edge cases: personYears = 0 → null (no exposure, no rate; never NaN or Infinity), with or
 * without events. events = 0 with exposure → rate 0, lower 0, a finite upper limit.
 * Negative or non-finite personYears is a data error, not "no exposure": it throws a
 * RangeError naming `personYears`, as do a bad `events`, `per` ≤ 0 or `level`.
 */
export function incidenceRate(events: number, personYears: number, per = 100_000, level = 0.95): IncidenceRate | null {
  assertCount("events", events);
  assertNonNegative("personYears", personYears);
  if (!(per > 0) || !Number.isFinite(per)) throw new RangeError(`per must be a positive number (got ${per})`);
  assertLevel("level", level);
  if (personYears === 0) return null;
  const scale = per / personYears;
  const count = garwoodInterval(events, level);
  return {
    per100k: events * scale,
    lower: count.lower * scale,
    upper: count.upper * scale,
    personYears,
    events,
  };
}
