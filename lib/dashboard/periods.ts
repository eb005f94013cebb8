// Which two periods the headline tiles compare. With an onset range: that range against the
// period of equal length just before it. Without one: the last 5 onset years against the 5
// before. Anchored on the data's onset years rather than today, so a URL keeps its numbers.
import { formatPeriod } from "@/lib/format";
import type { TDashboardFilters } from "./filters";

export type TWindow = { from: string; to: string };
export type TComparisonPlan = { kind: "range" | "five-years"; current: TWindow; previous: TWindow; description: string };

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const toIso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The number of calendar years a range spans exactly (1 January to 31 December), else null. */
function wholeYears(from: string, to: string): number | null {
  return from.endsWith("-01-01") && to.endsWith("-12-31") ? Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 : null;
}

/**
 * `years` are the onset years with at least one case (ascending, "unknown" left out). A missing
 * side of the range is filled from them (first year's 1 January, last year's 31 December).
 * Null when there is nothing to anchor on (no dated case and no range), or the range is empty.
 */
export function planComparison(filters: Pick<TDashboardFilters, "from" | "to">, years: readonly number[]): TComparisonPlan | null {
  const first = years[0];
  const last = years[years.length - 1];
  if (filters.from || filters.to) {
    const from = filters.from ?? (first === undefined ? null : `${first}-01-01`);
    const to = filters.to ?? (last === undefined ? null : `${last}-12-31`);
    if (!from || !to || from > to) return null;
    const years = wholeYears(from, to);
    if (years !== null) {
      // Whole calendar years step back by years (2020 vs 2019), not by 366 days into 2018.
      const previous = { from: `${Number(from.slice(0, 4)) - years}-01-01`, to: `${Number(to.slice(0, 4)) - years}-12-31` };
      const before = years === 1 ? "the year before" : `the ${years} years before`;
      return {
        kind: "range",
        current: { from, to },
        previous,
        description: `${formatPeriod(from, to)} vs ${before} (${formatPeriod(previous.from, previous.to)})`,
      };
    }
    const days = toDay(to) - toDay(from) + 1;
    const previous = { from: toIso(toDay(from) - days), to: toIso(toDay(from) - 1) };
    return {
      kind: "range",
      current: { from, to },
      previous,
      description: `${formatPeriod(from, to)} vs the ${days.toLocaleString("en-GB")} days before (${formatPeriod(previous.from, previous.to)})`,
    };
  }
  if (last === undefined) return null;
  const current = { from: `${last - 4}-01-01`, to: `${last}-12-31` };
  const previous = { from: `${last - 9}-01-01`, to: `${last - 5}-12-31` };
  return {
    kind: "five-years",
    current,
    previous,
    description: `last 5 onset years (${formatPeriod(current.from, current.to)}) vs the 5 before (${formatPeriod(previous.from, previous.to)})`,
  };
}
