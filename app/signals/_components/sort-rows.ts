// Sort keys of the signals table and the comparison behind them: the URL names the column, and
// rows without a value (null statistics) always come last, whichever the direction.
import type { TSignalRow } from "@/lib/queries/signals/score-tables";

export const SORT_KEYS = ["drug", "a", "drugReports", "expected", "prr", "chi2", "ror", "ic", "ebgm", "signals"] as const;
export type TSortKey = (typeof SORT_KEYS)[number];
export type TSortDir = "asc" | "desc";
export const DEFAULT_SORT: { key: TSortKey; dir: TSortDir } = { key: "a", dir: "desc" };

const signalCount = (r: TSignalRow) => [r.flags.prr, r.flags.ror, r.flags.ic, r.flags.ebgm].filter((f) => f === true).length;

const VALUE: Record<TSortKey, (r: TSignalRow) => number | string | null> = {
  drug: (r) => r.label,
  a: (r) => r.a,
  drugReports: (r) => r.drugReports,
  expected: (r) => r.expected,
  prr: (r) => r.prr.estimate,
  chi2: (r) => r.prr.chiSquare,
  ror: (r) => r.ror.estimate,
  ic: (r) => r.ic.estimate,
  ebgm: (r) => r.ebgm.estimate,
  signals: signalCount,
};

/** Reads the sort from URL values, falling back to the default for anything unknown. */
export function parseSort(sort: string | null, dir: string | null): { key: TSortKey; dir: TSortDir } {
  const key = (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as TSortKey) : DEFAULT_SORT.key;
  const direction = dir === "asc" || dir === "desc" ? dir : key === "drug" ? "asc" : "desc";
  return { key, dir: direction };
}

/** A stable sort (ties keep the server's class-then-name order). */
export function sortRows(rows: readonly TSignalRow[], key: TSortKey, dir: TSortDir): TSignalRow[] {
  const get = VALUE[key];
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = get(x);
    const b = get(y);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (typeof a === "string" || typeof b === "string") return sign * String(a).localeCompare(String(b));
    return sign * (a - b);
  });
}

export { signalCount };
