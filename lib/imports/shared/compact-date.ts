// Compact dates (CCYY, CCYYMM, CCYYMMDD, or an HL7 timestamp CCYYMMDDhhmmss±zzzz) → ISO.
// FAERS ASCII, openFDA (E2B R2 formats 602/610/102) and E2B(R3) all use this family.
//
// A partial date stands for a period. Start-like dates (onset, receipt, drug start) map to the
// FIRST day of the period: the earliest the event can have happened, so "onset before receipt"
// never fails because of rounding. End-like dates (drug stop) map to the LAST day (capped at
// today), so a start and stop in the same partial period never look reversed.

const COMPACT = /^(\d{4})(\d{2})?(\d{2})?(\d{2}(\d{2}(\d{2}(\.\d+)?)?)?)?([+-]\d{4})?$/;

const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Parses a compact date; empty → null. Throws an Error saying why for impossible dates
 * (month 13, 30 February). Range checks (before 1950, future) are the case schema's.
 */
export function compactDate(value: string | undefined, bound: "start" | "end" = "start"): string | null {
  const text = (value ?? "").trim();
  if (!text) return null;
  const match = COMPACT.exec(text);
  if (!match) throw new Error(`"${text}" is not a date (expected YYYY, YYYYMM or YYYYMMDD)`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) throw new Error(`"${text}" has month ${month}`);
  if (month !== undefined && day !== undefined && (day < 1 || day > daysIn(year, month))) {
    throw new Error(`"${text}" is not a real calendar date`);
  }
  if (bound === "start") return `${year}-${pad(month ?? 1)}-${pad(day ?? 1)}`;
  const lastMonth = month ?? 12;
  const iso = `${year}-${pad(lastMonth)}-${pad(day ?? daysIn(year, lastMonth))}`;
  const today = new Date().toISOString().slice(0, 10);
  return day === undefined && iso > today ? today : iso;
}

/**
 * Days since 1970-01-01 of a compact date: a monotone version number for sources whose
 * follow-ups carry a "date of most recent information" instead of a counter (E2B R3 C.1.5).
 */
export function dayNumber(value: string | undefined): number | null {
  const iso = compactDate(value);
  return iso === null ? null : Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}
