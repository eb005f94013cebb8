// FAERS quarters as the feed sees them: "2012Q4" keys, the file FDA publishes for each
// (faers_ascii_2012q4.zip from 2012Q4, when FAERS replaced AERS; aers_ascii_2004q1.zip before),
// the quarters a run asks for, and which of them the database holds already.
import { getPgPool } from "@/lib/db/pg-pool";
import { FeedError } from "../http-client";

/** The first quarter of FAERS proper; earlier quarters are legacy AERS (docs/feeds.md). */
export const FIRST_FAERS_QUARTER = "2012Q4";
/** The first quarter FDA publishes as ASCII at all. */
const FIRST_QUARTER = "2004Q1";

type TQuarter = { year: number; q: number };

export function parseQuarter(value: string, option = "--from"): string {
  const match = /^(\d{4})\s*Q([1-4])$/i.exec(value.trim());
  if (!match) throw new FeedError(`${option} must be a quarter like 2012Q4 (got "${value}")`);
  const key = `${match[1]}Q${match[2]}`;
  if (key < FIRST_QUARTER)
    throw new FeedError(`${option} must be ${FIRST_QUARTER} or later: FDA publishes no earlier quarterly files (got "${value}")`);
  return key;
}

const split = (key: string): TQuarter => ({ year: Number(key.slice(0, 4)), q: Number(key.slice(5)) });
const join = ({ year, q }: TQuarter) => `${year}Q${q}`;

/** The quarter `date` falls in. */
export const quarterOf = (date: Date) => join({ year: date.getUTCFullYear(), q: Math.floor(date.getUTCMonth() / 3) + 1 });

export function nextQuarter(key: string): string {
  const { year, q } = split(key);
  return q === 4 ? join({ year: year + 1, q: 1 }) : join({ year, q: q + 1 });
}

/** Every quarter from `from` up to the last one that has ended by `now` (FDA publishes after). */
export function quartersFrom(from: string, now = new Date()): string[] {
  const current = quarterOf(now);
  const out: string[] = [];
  for (let key = from; key < current; key = nextQuarter(key)) out.push(key);
  return out;
}

/** The ZIP FDA publishes for a quarter. */
export function quarterFileName(key: string): string {
  const { year, q } = split(key);
  return `${key >= FIRST_FAERS_QUARTER ? "faers" : "aers"}_ascii_${year}q${q}.zip`;
}

/**
 * Quarters the database holds: a FAERS import writes its quarter's background counts in the same
 * transaction as its cases, so their presence means the quarter was imported whole — by this
 * feed or by hand (`cli import`, the imports page).
 */
export async function importedQuarters(): Promise<Set<string>> {
  const { rows } = await getPgPool().query<{ period: string }>(
    `SELECT DISTINCT "period" FROM "background_count" WHERE "source" = 'faers'::"CaseSource" AND "period" ~ '^[0-9]{4}Q[1-4]$'`,
  );
  return new Set(rows.map((r) => r.period));
}
