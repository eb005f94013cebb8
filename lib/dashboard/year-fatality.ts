// Pure: the view model of the case-fatality-per-year chart — the value axis (tall enough for every
// interval, so none is clipped) and whether the last year is only partly observed (the current
// year, or a year the onset range cuts), which the chart draws dashed and hollow with a note
// rather than as a dip.

export type TYearInterval = { estimate: number; lower: number; upper: number } | null;

const STEP = 0.1;

/**
 * From 0 to the largest interval upper bound, estimate or baseline, rounded up to a 10% step
 * (at least 10%, at most 100%). Ticks every 10% up to 60%, above that every 20% (the top then
 * rounded up to an even step, so the last tick is the axis top).
 */
export function fatalityAxis(intervals: readonly TYearInterval[], baselines: readonly number[] = []): { max: number; ticks: number[] } {
  const values = [...intervals.flatMap((i) => (i ? [i.estimate, i.upper] : [])), ...baselines].filter(Number.isFinite);
  // Rounded before ceil, so 0.30000000000000004 (a 30% bound in floating point) stays 30%.
  const tenths = Math.ceil(Number((Math.max(0, ...values) / STEP).toFixed(9)));
  let steps = Math.min(10, Math.max(1, tenths));
  const tickEvery = steps > 6 ? 2 : 1;
  steps = Math.min(10, Math.ceil(steps / tickEvery) * tickEvery);
  const ticks = Array.from({ length: steps / tickEvery + 1 }, (_, i) => Number((i * tickEvery * STEP).toFixed(2)));
  return { max: ticks[ticks.length - 1]!, ticks };
}

/**
 * The last year of the chart when it is not yet (or not wholly) observed: `through` is the last
 * day it covers — today in the current year, or the onset range's end when that cuts the year.
 * Null when the last year is complete. `today` and `to` are ISO dates (YYYY-MM-DD).
 */
export function partialLastYear(years: readonly string[], today: string, to?: string | null): { year: string; through: string } | null {
  const year = years[years.length - 1];
  if (year === undefined || !/^\d{4}$/.test(year)) return null;
  const end = `${year}-12-31`;
  const through = [end, today.slice(0, 10), ...(to ? [to.slice(0, 10)] : [])].sort()[0]!;
  return through < end && through >= `${year}-01-01` ? { year, through } : null;
}
