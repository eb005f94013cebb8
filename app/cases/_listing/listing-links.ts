// Pure: the listing's links as changes to its current URL — a sort column, another page, a removed
// filter — keeping every other parameter, so a listing view is shareable like the dashboard.
import type { TCaseSortKey } from "@/lib/queries/find-cases";

/** `/cases?…` with some parameters set (a value) or removed (null). */
export function listingHref(current: string, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    params.delete(key);
    if (value !== null) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/cases?${search}` : "/cases";
}

/** Dates and scores sort newest/highest first on the first click; names A–Z. */
const FIRST_DESCENDING: Record<TCaseSortKey, boolean> = {
  onsetDate: true,
  receivedDate: true,
  ageYears: false,
  consensusScore: true,
  naranjoScore: true,
  sourceId: false,
};

export type TSortState = { key: TCaseSortKey; descending: boolean };

export function parseSort(sort: string): TSortState {
  return { key: sort.replace(/^-/, "") as TCaseSortKey, descending: sort.startsWith("-") };
}

/** The link a column header carries: this column, reversed if it is already the sort; back to page 1. */
export function sortHref(current: string, active: TSortState, key: TCaseSortKey): string {
  const descending = active.key === key ? !active.descending : FIRST_DESCENDING[key];
  return listingHref(current, { sort: `${descending ? "-" : ""}${key}`, page: null });
}
