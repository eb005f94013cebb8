// How every figure on the pages reads: counts, percentages, rates, intervals, changes, p-values
// and dates, one function each, shared by server panels, client charts and the browser tests.
// Pure and framework-free, so a client island can import it without pulling in the database.

const LOCALE = "en-GB";
const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoSignificant = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 2 });
const upToOneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

/** Shown wherever a figure does not exist (a zero denominator), never "NaN" or "0". */
export const MISSING = "—";

/** A measurement (days, °C, U/L) at most to one decimal: 15.083333333333334 → "15.1", 40 → "40"; exports keep the exact value. */
export function formatMeasure(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : upToOneDecimal.format(value);
}

/** Whole numbers with thousands separators: 12,345. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : count.format(value);
}

/**
 * A proportion (0–1) as a percentage with one decimal: 0.0918 → "9.2%". Below 0.1% two
 * significant digits, so a small but non-zero share never reads as "0.0%".
 */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const percent = value * 100;
  if (percent !== 0 && Math.abs(percent) < 0.1) return `${twoSignificant.format(percent)}%`;
  return `${oneDecimal.format(percent)}%`;
}

const upToTwoDecimals = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** A published proportion as printed, up to two decimals: 0.0323 → "3.23%", 0.1 → "10%". */
export function formatPublishedPercent(value: number): string {
  return `${upToTwoDecimals.format(value * 100)}%`;
}

/** A published figure as printed, up to two decimals: 15 → "15", 8/24 → "0.33". */
export function formatPublishedNumber(value: number): string {
  return upToTwoDecimals.format(value);
}

/** A rate per 100,000 person-years with one decimal: 14.79 → "14.8". */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : oneDecimal.format(value);
}

export type TValueFormat = "percent" | "count" | "rate";
const FORMATTERS: Record<TValueFormat, (value: number | null) => string> = {
  percent: formatPercent,
  count: formatCount,
  rate: formatRate,
};

export function formatValue(value: number | null | undefined, format: TValueFormat): string {
  return FORMATTERS[format](value ?? null);
}

type TInterval = { estimate?: number | null; lower: number | null; upper: number | null };

/** "8.4–10.1%" (the unit once, at the end), or "—" when there is no interval. */
export function formatRange(interval: TInterval | null | undefined, format: TValueFormat = "percent"): string {
  if (!interval || interval.lower === null || interval.upper === null) return MISSING;
  const lower = formatValue(interval.lower, format);
  const upper = formatValue(interval.upper, format);
  return format === "percent" ? `${lower.replace(/%$/, "")}–${upper}` : `${lower}–${upper}`;
}

/** "9.2% (95% CI 8.4–10.1%)"; "—" when the estimate does not exist. */
export function formatEstimate(interval: (TInterval & { estimate: number }) | null | undefined, format: TValueFormat = "percent"): string {
  if (!interval) return MISSING;
  return `${formatValue(interval.estimate, format)} (95% CI ${formatRange(interval, format)})`;
}

/** p-values as journals print them: "p < 0.001", "p = 0.074". */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  if (p < 0.001) return "p < 0.001";
  return `p = ${p.toFixed(3)}`;
}

/** Relative change of a count: "+12.3%", "−4.0%", "no change"; "—" from zero (undefined). */
export function formatRelativeChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return MISSING;
  if (previous === 0) return current === 0 ? "no change" : MISSING;
  const change = (current - previous) / previous;
  if (change === 0) return "no change";
  return `${change > 0 ? "+" : "−"}${oneDecimal.format(Math.abs(change) * 100)}%`;
}

/** Difference of two proportions in percentage points: "+1.2 pp", "−0.4 pp". */
export function formatPointChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return MISSING;
  const points = (current - previous) * 100;
  if (Math.abs(points) < 0.05) return "no change";
  return `${points > 0 ? "+" : "−"}${oneDecimal.format(Math.abs(points))} pp`;
}

/** Dates stay ISO (YYYY-MM-DD) everywhere: unambiguous across countries and sortable. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : MISSING;
}

/** A timestamp as "2024-05-02 14:03 UTC": what the server renders (reports, exports) before the reader's own zone is known. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : MISSING;
}

const isoDay = (zone: string | undefined) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * A timestamp in the reader's time zone, the time as their locale writes it: "2024-05-02 16:03 CEST"
 * (en-GB), "2024-05-02 4:03 PM EDT" (en-US). The date stays ISO, so no reader meets dd/mm or mm/dd.
 * Without a zone and locale, the browser's own (app/_components/local-time.tsx).
 */
export function formatLocalDateTime(iso: string | null | undefined, options: { timeZone?: string; locale?: string } = {}): string {
  if (!iso) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return MISSING;
  const time = new Intl.DateTimeFormat(options.locale, {
    timeZone: options.timeZone,
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return `${isoDay(options.timeZone).format(date)} ${time.format(date)}`;
}

/** Said once in the footer of every page: how dates and times read. */
export const DATE_TIME_NOTE = "Dates are written YYYY-MM-DD; times are in your time zone.";

/** An inclusive date range: "2021-01-01 to 2025-12-31"; whole calendar years as "2021–2025". */
export function formatPeriod(from: string, to: string): string {
  const wholeYears = from.endsWith("-01-01") && to.endsWith("-12-31");
  if (!wholeYears) return `${from} to ${to}`;
  const [first, last] = [from.slice(0, 4), to.slice(0, 4)];
  return first === last ? first : `${first}–${last}`;
}

/** Tri-state findings as the case report states them. */
export function formatYesNo(value: boolean | null | undefined): string {
  if (value === true) return "Yes";
  if (value === false) return "No";
  return "Unknown";
}

/** The interval method as a reader knows it. */
export function formatIntervalMethod(method: "wilson" | "exact"): string {
  return method === "exact" ? "exact (Clopper–Pearson)" : "Wilson";
}

/** A baseline comparison's verdict in words: "consistent with", "above", "below". */
/** A comparison in a table cell: "above (p < 0.001)", "consistent with (p = 0.412)", or "not comparable". */
export function formatComparison(c: { verdict: "above" | "consistent" | "below" | "not_comparable"; pValue: number | null }): string {
  return c.verdict === "not_comparable" ? "not comparable" : `${formatVerdict(c.verdict)} (${formatPValue(c.pValue)})`;
}

export function formatVerdict(verdict: "above" | "consistent" | "below" | "not_comparable"): string {
  if (verdict === "not_comparable") return "not comparable with";
  return verdict === "consistent" ? "consistent with" : verdict;
}

/** Axis ticks: round values without trailing zeros ("20%", "12.5%", "15", "1,000"). */
export function formatTick(value: number, format: TValueFormat): string {
  if (format === "percent") return formatPublishedPercent(value);
  return format === "count" ? formatCount(value) : formatPublishedNumber(value);
}
