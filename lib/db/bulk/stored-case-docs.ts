// Stored cases as the case schema's input shape, read in bulk on a transaction's own connection:
// the "before" of the audit events an import writes when it replaces or deletes cases. Built in
// SQL from the column maps so it matches caseToInput (the API's "before") key for key.
import type pg from "pg";
import { CASE_COLUMNS, DERIVED_CASE_FIELDS, DRUG_COLUMNS } from "./case-columns";

/** Stored, derived or internal columns that are not part of what a user enters. */
const NOT_INPUT = new Set<string>(["id", "caseId", "catalogueDrugId", ...DERIVED_CASE_FIELDS, "importJobId"]);
/** The input calls the drug's reported name `name`. */
const INPUT_KEY: Record<string, string> = { reportedName: "name" };

/** jsonb_build_object takes at most 100 arguments: build in chunks and concatenate. */
function jsonObjectSql(columns: readonly (readonly [string, string, string])[], alias: string): string {
  const pairs = columns.filter(([key]) => !NOT_INPUT.has(key)).map(([key, column]) => `'${INPUT_KEY[key] ?? key}', ${alias}."${column}"`);
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 40) chunks.push(`jsonb_build_object(${pairs.slice(i, i + 40).join(", ")})`);
  return chunks.join(" || ");
}

/** The stored case `alias` (a case_report row) as its input document, in SQL. */
export const storedCaseDocSql = (alias: string): string =>
  `${jsonObjectSql(CASE_COLUMNS, alias)} || jsonb_build_object('drugs', COALESCE(
    (SELECT jsonb_agg(${jsonObjectSql(DRUG_COLUMNS, "d")}) FROM "case_drug" d WHERE d."case_id" = ${alias}."id"), '[]'::jsonb))`;

const STORED_CASE_DOCS = `SELECT c."id", ${storedCaseDocSql("c")} AS doc FROM "case_report" c WHERE c."id" = ANY($1::uuid[])`;

export async function storedCaseDocs(client: pg.ClientBase, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; doc: unknown }>(STORED_CASE_DOCS, [ids]);
  return new Map(rows.map((row) => [row.id, row.doc]));
}
