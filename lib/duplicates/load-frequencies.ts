// How common each compared value is among live cases — the u-probabilities of the matcher's
// frequency-adjusted weights (lib/stats/record-linkage/frequencies.ts), counted by the database.
import type pg from "pg";
import { MATCH_FLAGS, type TFrequencyCounts, type TMatchFlag } from "@/lib/stats/record-linkage";

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const LIVE = `"deleted_at" IS NULL AND "duplicate_of" IS NULL`;

const VALUES_SQL = `
  SELECT 'drug' AS field, v AS value, count(*)::int AS n FROM "case_report", unnest("attributing_drugs") v WHERE ${LIVE} GROUP BY v
  UNION ALL SELECT 'country', "country", count(*)::int FROM "case_report" WHERE ${LIVE} AND "country" IS NOT NULL GROUP BY "country"
  UNION ALL SELECT 'age', round("age_years")::int::text, count(*)::int FROM "case_report" WHERE ${LIVE} AND "age_years" IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'sex', "sex"::text, count(*)::int FROM "case_report" WHERE ${LIVE} AND "sex" <> 'unknown' GROUP BY "sex"
  UNION ALL SELECT 'outcome', "outcome"::text, count(*)::int FROM "case_report" WHERE ${LIVE} AND "outcome" <> 'unknown' GROUP BY "outcome"
  UNION ALL SELECT 'reporterType', "reporter_type"::text, count(*)::int FROM "case_report" WHERE ${LIVE} AND "reporter_type" <> 'unknown' GROUP BY "reporter_type"`;

const TOTALS_SQL = `
  SELECT count(*)::int AS total, coalesce(max("onset_date") - min("onset_date") + 1, 0)::int AS span,
    ${MATCH_FLAGS.map((f) => `count("${snake(f)}")::int AS "${f}_known", count(*) FILTER (WHERE "${snake(f)}")::int AS "${f}_yes"`).join(", ")}
  FROM "case_report" WHERE ${LIVE}`;

type TValueField = "drug" | "country" | "age" | "sex" | "outcome" | "reporterType";

export async function loadFrequencies(client: pg.ClientBase): Promise<TFrequencyCounts> {
  const values = await client.query<{ field: TValueField; value: string; n: number }>(VALUES_SQL);
  const totals = await client.query<Record<string, number>>(TOTALS_SQL);
  const row = totals.rows[0] ?? {};
  const maps: Record<TValueField, Map<string, number>> = {
    drug: new Map(),
    country: new Map(),
    age: new Map(),
    sex: new Map(),
    outcome: new Map(),
    reporterType: new Map(),
  };
  for (const v of values.rows) maps[v.field].set(v.value, v.n);
  const flags: Partial<Record<TMatchFlag, { known: number; yes: number }>> = {};
  for (const flag of MATCH_FLAGS) flags[flag] = { known: row[`${flag}_known`] ?? 0, yes: row[`${flag}_yes`] ?? 0 };
  return { total: row.total ?? 0, ...maps, flags, onsetSpanDays: row.span ?? 0 };
}
