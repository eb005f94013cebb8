// How the signals page writes numbers, shared by the table, the CSV and the browser test (which
// checks the page's text against the API's numbers through these same functions).
import type { TInterval } from "@/lib/queries/signals/score-tables";

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
// Three significant digits, trailing zeros kept, so a column of statistics lines up (1.60, 0.500).
const significant = new Intl.NumberFormat("en-GB", { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });

/** Report counts: whole numbers with separators. */
export function formatCount(value: number): string {
  return whole.format(value);
}

/** Statistics to 3 significant digits (whole from 100 up); null reads "—". */
export function formatNumber(value: number | null): string {
  if (value === null) return "—";
  if (value === 0) return "0";
  return Math.abs(value) >= 100 ? whole.format(value) : significant.format(value);
}

const tick = new Intl.NumberFormat("en-GB", { maximumSignificantDigits: 3 });

/** Axis ticks: as short as they can be (0.05, 1, 20) — they mark places, not estimates. */
export function formatTick(value: number): string {
  return tick.format(value);
}

/** "(3.10, 8.80)" — a comma, not a dash, so negative limits (IC) read unambiguously; null without limits. */
export function formatLimits(interval: TInterval): string | null {
  if (interval.lower === null && interval.upper === null) return null;
  return `(${formatNumber(interval.lower)}, ${formatNumber(interval.upper)})`;
}

/** "5.23 (3.10, 8.80)"; a missing estimate reads "—" alone. */
export function formatInterval(interval: TInterval): string {
  if (interval.estimate === null) return "—";
  const limits = formatLimits(interval);
  return limits ? `${formatNumber(interval.estimate)} ${limits}` : formatNumber(interval.estimate);
}
