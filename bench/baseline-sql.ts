// The baseline: a plain GROUP BY written by hand over case_report and case_drug, as someone
// without the rollup would write it — and the check that it counts what the API answers.
import type pg from "pg";

/** Key expressions over case_report c; the drug-level ones come from the joined catalogue cd. */
const KEY: Record<string, string> = {
  sex: "c.sex::text",
  ageBand: `CASE WHEN c.age_years IS NULL THEN 'unknown' WHEN c.age_years < 18 THEN '0-17' WHEN c.age_years < 40 THEN '18-39' WHEN c.age_years < 65 THEN '40-64' ELSE '65+' END`,
  outcome: "c.outcome::text",
  year: "COALESCE(to_char(c.onset_date, 'YYYY'), 'unknown')",
  country: "COALESCE(c.country, 'unknown')",
  source: "c.source::text",
  drugClass: "cd.drug_class::text",
  drug: "cd.name",
};
const DRUG_LEVEL = new Set(["drugClass", "drug"]);
const ATTRIBUTING = "d.role IN ('suspect', 'interacting', 'withdrawn')";

export type TBaselineRow = { k1: string; k2: string | null; cases: number; fatal: number; known: number };

/** SQL and parameters for one benchmark query string. */
export function baselineSql(queryString: string): { sql: string; params: unknown[] } {
  const q = new URLSearchParams(queryString);
  const by = q.get("by")!;
  const then = q.get("then");
  const params: unknown[] = [];
  // What counts: live, not a confirmed duplicate, not a draft (docs/case-processing.md).
  const where = ["c.deleted_at IS NULL AND c.duplicate_of IS NULL AND c.status <> 'draft'"];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (q.get("from")) where.push(`c.onset_date >= ${param(q.get("from"))}::date`);
  if (q.get("to")) where.push(`c.onset_date <= ${param(q.get("to"))}::date`);
  for (const name of ["sex", "ageBand", "outcome", "country", "source"]) {
    if (q.getAll(name).length) where.push(`${KEY[name]} = ANY(${param(q.getAll(name))}::text[])`);
  }
  for (const name of ["drugClass", "drug"]) {
    if (!q.getAll(name).length) continue;
    const column = name === "drug" ? "f.name" : "f.drug_class::text";
    where.push(`EXISTS (SELECT 1 FROM case_drug fd JOIN catalogue_drug f ON f.id = fd.catalogue_drug_id
      WHERE fd.case_id = c.id AND fd.role IN ('suspect', 'interacting', 'withdrawn') AND ${column} = ANY(${param(q.getAll(name))}::text[]))`);
  }
  if (q.get("meetsConsensus")) where.push(`c.meets_consensus = ${param(q.get("meetsConsensus") === "true")}`);
  const drugJoin = [by, then].some((d) => d && DRUG_LEVEL.has(d))
    ? `JOIN case_drug d ON d.case_id = c.id AND ${ATTRIBUTING} JOIN catalogue_drug cd ON cd.id = d.catalogue_drug_id`
    : "";
  const keys = [KEY[by]!, then ? KEY[then]! : "NULL::text"];
  // count(DISTINCT c.id): a case with two suspects of one class counts once in that class.
  const sql = `SELECT ${keys[0]} AS k1, ${keys[1]} AS k2, count(DISTINCT c.id)::int AS cases,
      count(DISTINCT c.id) FILTER (WHERE c.outcome = 'fatal')::int AS fatal,
      count(DISTINCT c.id) FILTER (WHERE c.outcome <> 'unknown')::int AS known
    FROM case_report c ${drugJoin} WHERE ${where.join(" AND ")} GROUP BY 1, 2`;
  return { sql, params };
}

export async function runBaseline(client: pg.ClientBase, queryString: string): Promise<TBaselineRow[]> {
  const { sql, params } = baselineSql(queryString);
  return (await client.query<TBaselineRow>(sql, params)).rows;
}

type TApiGroup = { key: string; cases: number; fatal: number; knownOutcome: number; groups?: TApiGroup[] };

/** The API's non-empty cells as baseline rows, to compare as sorted lists. */
export function apiRows(answer: { groups: TApiGroup[] }, crossTab: boolean): TBaselineRow[] {
  const rows: TBaselineRow[] = [];
  for (const group of answer.groups) {
    if (!crossTab) {
      if (group.cases > 0) rows.push({ k1: group.key, k2: null, cases: group.cases, fatal: group.fatal, known: group.knownOutcome });
      continue;
    }
    for (const cell of group.groups ?? []) {
      if (cell.cases > 0) rows.push({ k1: group.key, k2: cell.key, cases: cell.cases, fatal: cell.fatal, known: cell.knownOutcome });
    }
  }
  return rows;
}

export function sameRows(a: readonly TBaselineRow[], b: readonly TBaselineRow[]): boolean {
  const text = (rows: readonly TBaselineRow[]) =>
    rows
      .map((r) => `${r.k1}|${r.k2}|${r.cases}|${r.fatal}|${r.known}`)
      .sort()
      .join("\n");
  return text(a) === text(b);
}
